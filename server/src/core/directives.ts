import type { HtmlComment, ProseDocument } from './prose.js';
import type { Finding, OffsetRange } from './types.js';

/**
 * Inline suppression in HTML comments:
 *   <!-- marginalia-disable [rule, ...] -->         from here on (all rules when none named)
 *   <!-- marginalia-enable [rule, ...] -->          from here on
 *   <!-- marginalia-disable-next-line [rule, ...] -- reason -->
 */
export interface Directive extends OffsetRange {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Empty means every rule. */
  rules: string[];
  reason?: string;
}

const DIRECTIVE = /^marginalia-(disable-next-line|disable|enable)\b\s*([\s\S]*)$/;

export function parseDirectives(comments: HtmlComment[]): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const [rulePart, reason] = splitReason(m[2]!);
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    const d: Directive = { start: c.start, end: c.end, kind: m[1] as Directive['kind'], rules };
    if (reason) d.reason = reason;
    out.push(d);
  }
  return out;
}

function splitReason(s: string): [string, string | undefined] {
  const i = s.indexOf('--');
  return i < 0 ? [s.trim(), undefined] : [s.slice(0, i).trim(), s.slice(i + 2).trim() || undefined];
}

/** Drops the findings that a directive turns off. */
export function applyDirectives(doc: ProseDocument, findings: Finding[]): Finding[] {
  const directives = parseDirectives(doc.comments);
  if (directives.length === 0) return findings;
  const lines = doc.lines;
  const nextLine = new Map<number, Directive[]>();
  const ranged = directives.filter((d) => d.kind !== 'disable-next-line').sort((a, b) => a.start - b.start);
  for (const d of directives) {
    if (d.kind !== 'disable-next-line') continue;
    const line = lines.positionAt(d.end).line + 1;
    nextLine.set(line, [...(nextLine.get(line) ?? []), d]);
  }
  return findings.filter((f) => {
    const line = lines.positionAt(f.start).line;
    if (nextLine.get(line)?.some((d) => covers(d, f.ruleId))) return false;
    let disabled = false;
    for (const d of ranged) {
      if (d.start > f.start) break;
      if (covers(d, f.ruleId)) disabled = d.kind === 'disable';
    }
    return !disabled;
  });
}

function covers(d: Directive, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId);
}
