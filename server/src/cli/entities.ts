import type { Analysis } from '../core/analyze.js';
import { entityCard, type RecognizedMention } from '../core/entities/index.js';
import { lineRange, type LineRange } from '../node/report.js';

interface EntityGroup {
  id: string;
  name: string;
  type: string;
  mentions: Array<{ text: string; form: string; range: LineRange }>;
  /** The hover card as of the reference date, in Markdown. */
  card: string;
}

function groups(analysis: Analysis): EntityGroup[] {
  const byId = new Map<string, RecognizedMention[]>();
  for (const m of analysis.entities) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  return [...byId.values()].map((mentions) => {
    const first = mentions[0]!;
    return {
      id: first.id,
      name: first.name,
      type: first.type,
      mentions: mentions.map((m) => ({ text: m.text, form: m.form, range: lineRange(analysis.doc.lines, m) })),
      card: entityCard(first, analysis.entities, analysis.referenceDate, analysis.knowledge),
    };
  });
}

/** `marginalia entities`: the card of every entity the file names, with its mentions. */
export function formatEntities(path: string, analysis: Analysis, format: 'text' | 'json'): string {
  const entities = groups(analysis);
  if (format === 'json') {
    return `${JSON.stringify({ version: 1, path, referenceDate: analysis.referenceDate.date, referenceDateSource: analysis.referenceDate.source, entities }, null, 2)}\n`;
  }
  const out = [`${path}  (reference date ${analysis.referenceDate.date}, ${analysis.referenceDate.basis})`, ''];
  if (entities.length === 0) out.push('No known entities recognised.');
  for (const e of entities) {
    out.push(`## ${e.name} (${e.type}, ${e.id})`);
    out.push(`Mentions: ${e.mentions.map((m) => `${m.range.start.line + 1}:${m.range.start.character + 1} "${m.text}"`).join(', ')}`);
    out.push('');
    out.push(e.card);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
