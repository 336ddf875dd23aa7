import type { Check } from '../check.js';
import type { ProseDocument } from '../prose.js';
import type { CheckFinding, OffsetRange } from '../types.js';

/**
 * analysis-limit: parts of the document the analysis could not read in full. A block the
 * Markdown parser cannot follow in bounded time (markdown.ts, `hazardBlocks`) is read as
 * plain text; this says which and why, once per document. The findings left out over the
 * per-file cap are summarised under the same id (analyze.ts, `capFindings`).
 */
export const ANALYSIS_LIMIT = 'analysis-limit';

/** Parts named one by one in the message; the rest are counted. */
const NAMED_PARTS = 3;

export const analysisLimit: Check = {
  id: ANALYSIS_LIMIT,
  meta: { description: 'Parts of a document read as plain text, or findings left out, because the file is past what the analysis reads in full.', defaultSeverity: 'warning' },
  run({ doc }) {
    const parts = doc.plainText;
    if (parts.length === 0) return [];
    const first = parts[0]!;
    const named = parts.slice(0, NAMED_PARTS).map((p) => `${lineSpan(doc, p)}, ${p.reason}`);
    const more = parts.length > NAMED_PARTS ? `, and ${parts.length - NAMED_PARTS} more part${parts.length - NAMED_PARTS === 1 ? '' : 's'} like ${parts.length - NAMED_PARTS === 1 ? 'it' : 'them'}` : '';
    const finding: CheckFinding = {
      ...firstLineOf(doc.source, first),
      message: `Read as plain text, not as Markdown: ${named.join('; ')}${more}. The words there are still checked, but links, emphasis and code in them are not recognised; splitting the part with blank lines, or nesting it less deeply, lets it be parsed.`,
    };
    return [finding];
  },
};

function lineSpan(doc: ProseDocument, r: OffsetRange): string {
  const a = doc.lines.positionAt(r.start).line + 1;
  const b = doc.lines.positionAt(r.end).line + 1;
  return a === b ? `line ${a.toLocaleString('en-US')}` : `lines ${a.toLocaleString('en-US')}\u2013${b.toLocaleString('en-US')}`;
}

/** Characters of a part's first line a finding covers at most: its `text` is the source there. */
const RANGE_LIMIT = 80;

/** The first line of `r`, at most RANGE_LIMIT characters, never ending inside a surrogate pair. */
export function firstLineOf(source: string, r: OffsetRange): OffsetRange {
  let end = Math.min(r.end, r.start + RANGE_LIMIT);
  const nl = source.slice(r.start, end).search(/[\r\n]/);
  if (nl >= 0) end = r.start + nl;
  const c = source.charCodeAt(end - 1);
  if (end > r.start && c >= 0xd800 && c <= 0xdbff) end--;
  return { start: r.start, end };
}
