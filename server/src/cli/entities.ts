import type { Analysis, AnalyzeOptions } from '../core/analyze.js';
import { fileReport } from '../node/report.js';

/** `marginalia entities`: every recognised mention, grouped by entity. */
export function formatEntities(path: string, analysis: Analysis, _options: AnalyzeOptions, format: 'text' | 'json'): string {
  const report = fileReport(path, analysis);
  if (format === 'json') {
    return `${JSON.stringify({ version: 1, path, referenceDate: report.referenceDate, referenceDateSource: report.referenceDateSource, entities: report.entities }, null, 2)}\n`;
  }
  const groups = new Map<string, typeof report.entities>();
  for (const e of report.entities) groups.set(e.id, [...(groups.get(e.id) ?? []), e]);
  const lines = [`${path}  (reference date ${report.referenceDate})`];
  if (groups.size === 0) lines.push('  no entities recognised');
  for (const [, mentions] of groups) {
    const first = mentions[0]!;
    lines.push(`  ${first.name} (${first.type}, ${first.id}): ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`);
    for (const m of mentions) lines.push(`    ${m.range.start.line + 1}:${m.range.start.character + 1}  ${m.text}`);
  }
  return `${lines.join('\n')}\n`;
}
