import type { Check } from '../check.js';
import { recognizeEntities, type RecognizedMention } from '../entities/recognize.js';
import { findQuotations, insideAny } from '../quotes.js';
import type { CheckFinding, OffsetRange } from '../types.js';

/**
 * entity-name: a known name written in a form the packs list as a misspelling ("Xi Jin
 * Ping"), or a title split from the name by a stray full stop ("President. Trump").
 * Names inside direct quotations are the quoted source's spelling and are left alone.
 */
export const entityName: Check = {
  id: 'entity-name',
  meta: { description: 'Misspelled names of known people, treaties and organisations.', defaultSeverity: 'hint' },
  run({ doc, referenceDate, knowledge }) {
    const mentions = recognizeEntities(doc, referenceDate, knowledge);
    if (mentions.length === 0) return [];
    const quotes: OffsetRange[] = doc.blocks.flatMap((b) => (b.quoted ? [{ start: b.start, end: b.end }] : findQuotations(doc.prose, b.start, b.end)));
    const findings: CheckFinding[] = [];
    for (const m of mentions) {
      if (insideAny(quotes, m.start, m.end)) continue;
      if (m.form === 'misspelling') findings.push(misspelling(m, doc.source));
      else if (m.title?.strayPunctuation) findings.push(strayStop(m, doc.source));
    }
    return findings;
  },
};

function misspelling(m: RecognizedMention, source: string): CheckFinding {
  const written = source.slice(m.nameRange.start, m.nameRange.end);
  return {
    start: m.nameRange.start,
    end: m.nameRange.end,
    message: `"${written}" is a misspelling of ${m.name}; names spelled differently from the usual form are harder to search and look careless. Write "${m.name}".`,
    suggestions: [{ title: `Change to "${m.name}"`, replacement: m.name, edits: [{ start: m.nameRange.start, end: m.nameRange.end, newText: m.name }] }],
  };
}

function strayStop(m: RecognizedMention, source: string): CheckFinding {
  const title = m.title!;
  const fixed = `${title.text} ${source.slice(m.nameRange.start, m.nameRange.end)}`;
  return {
    start: m.start,
    end: m.end,
    message: `A full stop splits the title from the name in "${m.text}" (${m.name}); it reads as the end of a sentence. Write "${fixed}".`,
    suggestions: [{ title: `Change to "${fixed}"`, replacement: fixed, edits: [{ start: m.start, end: m.end, newText: fixed }] }],
  };
}
