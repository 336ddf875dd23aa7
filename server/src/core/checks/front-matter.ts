import type { Check } from '../check.js';
import type { CheckFinding } from '../types.js';

/**
 * Problems with the document's front matter: malformed YAML, and a publication date that
 * is not a date. Both change what the other checks conclude, so they are findings, not
 * silent fallbacks.
 */
export const frontMatter: Check = {
  id: 'front-matter',
  meta: {
    description: 'Malformed front matter, or a publication date that is not a valid date.',
    defaultSeverity: 'error',
  },
  run({ doc, dateProblems }) {
    const out: CheckFinding[] = [];
    for (const p of doc.frontMatter?.problems ?? []) {
      out.push({ start: p.start, end: p.end, message: `${p.message} The front matter is ignored until it parses.` });
    }
    for (const p of dateProblems) out.push({ start: p.start, end: p.end, message: p.message });
    return out;
  },
};
