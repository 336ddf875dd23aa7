import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Node, Parent } from 'mdast';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze.js';
import { IncrementalAnalysis } from '../../server/src/core/incremental.js';
import { hazardBlocks, remarkParseTree } from '../../server/src/core/markdown.js';
import { bundledKnowledge, ROOT, TODAY } from '../helpers.js';
import type { Finding, OffsetRange } from '../../server/src/core/types.js';

/**
 * Property-based fuzzing of the analysis core with fast-check, on Markdown generated from
 * and mutated out of the CommonMark spec's examples (the `commonmark-spec` package) and the
 * samples. Shared by the short fixed-seed run in the test suite and `npm run fuzz`.
 */

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string }> };

/** Every CommonMark example, then every sample's paragraphs. */
export const SEEDS: readonly string[] = [
  ...spec.tests.map((t) => t.markdown),
  ...readdirSync(join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => readFileSync(join(ROOT, 'samples', f), 'utf8').split(/\n\n+/))
    .map((p) => `${p}\n`),
];

/** Pieces of Markdown and of op-ed prose that mutations splice in. */
const FRAGMENTS = [
  '*', '**', '_', '`', '```', '~~~', '[', ']', '(', ')', '](', '<', '>', '> ', '- ', '* ', '1. ', '#', '# ', '|', '---', '\n', '\n\n', '\r\n', '\r', '\t', '    ', '\\', '&amp;', '&', '<!--', '-->', '[^1]', '[^1]: ', '[a]: http://x.org', '![i](x.png)', 'https://example.org',
  'www.example.com', 'a@b.co', '"', '\u201C', '\u201D', '\u2019', ' ', 'Last year', '40%', '3 million', 'recently', 'a disaster', 'according to the ministry', 'President Trump', 'Xi Jinping', '2019', 'June 21, 2019', '\u{1F600}', '\uFFFD', '\0', '\u2028',
];

const fragment = fc.constantFrom(...FRAGMENTS);

/** An edit: at a fraction of the text's length, delete up to `del` units and insert `text`. */
export interface Edit {
  at: number;
  del: number;
  text: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 12 }), text: fc.oneof(fragment, fc.string({ maxLength: 6 }), fc.array(fragment, { maxLength: 4 }).map((xs) => xs.join(''))) });

export function applyEdit(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.text + text.slice(Math.min(text.length, at + e.del));
}

/** A document: a few seeds joined, then mutated by a few edits. */
export const documentArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...SEEDS), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\n', '\n\n'), fc.array(edit, { maxLength: 6 }))
  .map(([parts, joint, edits]) => edits.reduce(applyEdit, parts.join(joint)));

let options: AnalyzeOptions | undefined;
export function fuzzOptions(): AnalyzeOptions {
  options ??= { today: TODAY, knowledge: bundledKnowledge() };
  return options;
}

/** Findings as compared across runs: everything but object identity. */
function comparable(findings: readonly Finding[]): unknown {
  return JSON.parse(JSON.stringify(findings));
}

/** Ranges of code and of link destinations in remark's own tree (the oracle), where prose is never read. */
function notProse(text: string): OffsetRange[] {
  const out: OffsetRange[] = [];
  const stack: Node[] = [remarkParseTree(text)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const p = node.position;
    const s = p?.start.offset;
    const e = p?.end.offset;
    if (s !== undefined && e !== undefined) {
      if (node.type === 'code' || node.type === 'inlineCode') out.push({ start: s, end: e });
      if (node.type === 'link') {
        const children = (node as Parent).children;
        const last = children[children.length - 1]?.position?.end.offset;
        // After the link text: "](destination "title")". Autolinks have no destination apart.
        if (last !== undefined && text[last] === ']') out.push({ start: last, end: e });
      }
    }
    const children = (node as Partial<Parent>).children;
    if (children) for (const c of children) stack.push(c);
  }
  return out;
}

/** A generous bound per input of a few KB, against hangs (analysis of these takes milliseconds). */
export const MS_PER_INPUT = 5_000;

/** The whole-document properties: never throws, in time, ranges inside with their text, nothing in code or a destination, deterministic. */
export function checkDocument(text: string): void {
  const started = performance.now();
  const a = analyze(text, fuzzOptions());
  const ms = performance.now() - started;
  if (ms > MS_PER_INPUT) throw new Error(`analysis took ${Math.round(ms)} ms`);
  if (a.failures.length > 0) throw new Error(`a check failed: ${a.failures[0]!.ruleId}: ${a.failures[0]!.message}`);
  for (const f of a.findings) {
    if (!(f.start >= 0 && f.start <= f.end && f.end <= text.length)) throw new Error(`${f.ruleId} range ${f.start}-${f.end} outside 0-${text.length}`);
    if (f.text !== text.slice(f.start, f.end)) throw new Error(`${f.ruleId} text ${JSON.stringify(f.text)} is not the source at ${f.start}-${f.end}`);
  }
  if (hazardBlocks(text).length === 0) {
    const excluded = notProse(text);
    for (const f of a.findings) {
      if (f.end === f.start) continue;
      const inside = excluded.find((r) => f.start >= r.start && f.end <= r.end);
      if (inside) throw new Error(`${f.ruleId} ${JSON.stringify(f.text)} lies in code or a link destination at ${inside.start}-${inside.end}`);
    }
  }
  const again = analyze(text, fuzzOptions());
  if (JSON.stringify(comparable(again.findings)) !== JSON.stringify(comparable(a.findings))) throw new Error('a second analysis differs');
}

/** The incremental property: after each edit, the incremental analysis equals a fresh one. */
export function checkIncremental(text: string, edits: readonly Edit[]): void {
  const live = new IncrementalAnalysis(text, fuzzOptions());
  let current = text;
  for (const e of edits) {
    current = applyEdit(current, e);
    const got = comparable(live.update(current).findings);
    const want = comparable(analyze(current, fuzzOptions()).findings);
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`incremental differs from fresh after editing to ${JSON.stringify(current)}`);
  }
}

export const documentProperty = (): fc.IPropertyWithHooks<[string]> => fc.property(documentArb, (text) => checkDocument(text));
export const incrementalProperty = (): fc.IPropertyWithHooks<[string, Edit[]]> => fc.property(documentArb, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => checkIncremental(text, edits));
