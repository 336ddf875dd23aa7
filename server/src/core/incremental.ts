import { parseMarkdown } from './markdown.js';
import { lowerBound, mapEdits } from './ranges.js';
import {
  assembleDocument,
  extractParts,
  proseBlock,
  maskRange,
  type DefinitionLabel,
  type FootnoteRef,
  type HtmlComment,
  type LinkSpan,
  type PlainTextPart,
  type ProseBlock,
  type ProseDocument,
  type ProseParts,
  type Segment,
} from './prose.js';
import { splitSentences, type Sentence } from './sentences.js';
import { LineIndex } from './line-index.js';
import { determineReferenceDate, latestExplicitDate, type ReferenceDateProblem } from './reference-date.js';
import { compareYMD, type YMD } from './dates.js';
import { CHECKS } from './checks/index.js';
import { ownCopy } from './text-memo.js';
import { checkContext, checkEnabled, finishAnalysis, lazyEntities, runCheck, type Analysis, type AnalyzeOptions, type CheckFailure } from './analyze.js';
import type { RecognizedMention } from './entities/recognize.js';
import type { Finding, OffsetRange, ReferenceDate } from './types.js';

/**
 * Incremental analysis: after an edit, re-parse only the top-level Markdown blocks the edit
 * touches, splice them into the previous document, and re-run block-local checks only on
 * the blocks around the edit. Everything that is a fact about the whole document is
 * recomputed by a cheap document-level pass over per-block caches (reference date), or,
 * for checks not known to be block-local, by running the check on the whole document.
 * The result is always equal to `analyze(source, options)`
 * (test/unit/incremental.test.ts checks this over random edits).
 */

/**
 * Checks whose findings in a block depend only on the text of that block and of its near
 * neighbours, given a few document-level facts. `documentKey` names those facts: when it
 * changes, the check runs on the whole document again. A check not listed here is run on
 * the whole document at every update (always correct, possibly slow).
 */
export const BLOCK_LOCAL_CHECKS: ReadonlyMap<string, { documentKey(doc: ProseDocument): string }> = new Map([
  // Its footnote fix uses the next free numeric label and whether the file ends in a newline.
  ['unsourced-figure', { documentKey: (doc: ProseDocument) => `${maxNumericFootnote(doc)}|${doc.source.endsWith('\n')}` }],
  // Tokens, quotations and trie matches never cross a block.
  ['loaded-term', { documentKey: () => '' }],
]);

/**
 * How far (in UTF-16 units) a block-local check may look past the block it reports in: the
 * blocks within this distance of an edit are re-checked, and twice this is real context.
 */
const CONTEXT = 160;

function sameTable(a: ProseBlock, b: ProseBlock): boolean {
  return a.table !== undefined && b.table !== undefined && a.table.start === b.table.start;
}

/** A paragraph no document contains, placed after a re-parsed stretch to prove it closed. */
const SENTINEL = 'marginalia\u2063sentinel\u2063paragraph';

export interface UpdateStats {
  /** The stretch of the new source that was parsed again; the whole document after a full parse. */
  reparsed: OffsetRange;
  full: boolean;
  /** Blocks re-checked by the block-local checks. */
  checkedBlocks: number;
}

interface DatedBlock {
  date: YMD;
  range: OffsetRange;
}

export class IncrementalAnalysis {
  private source = '';
  private doc!: ProseDocument;
  private segments: Segment[] = [];
  private definitions: DefinitionLabel[] = [];
  /** Per block (same indices as doc.blocks): its latest full explicit date, if any. */
  private blockDates: Array<DatedBlock | undefined> = [];
  /** Per check id: its findings (sorted by start) and the document key they were computed under. */
  private checkFindings = new Map<string, { key: string; findings: Finding[]; failed: boolean }>();
  /** The strings of the cached findings, each distinct text kept once. */
  private readonly strings = new SharedStrings();
  private result!: Analysis;
  lastUpdate: UpdateStats = { reparsed: { start: 0, end: 0 }, full: true, checkedBlocks: 0 };

  constructor(
    source: string,
    private readonly options: AnalyzeOptions,
    /** Characters of prose per window when a block-local check runs over the whole document. */
    private readonly checkWindow = CHECK_WINDOW,
  ) {
    this.rebuild(source);
  }

  get analysis(): Analysis {
    return this.result;
  }

  get text(): string {
    return this.source;
  }

  /** The analysis of `next`, reusing whatever the previous text's analysis still holds. */
  update(next: string): Analysis {
    const prev = this.source;
    if (next === prev) return this.result;
    const min = Math.min(prev.length, next.length);
    let p = 0;
    while (p < min && prev.charCodeAt(p) === next.charCodeAt(p)) p++;
    let sfx = 0;
    while (sfx < min - p && prev.charCodeAt(prev.length - 1 - sfx) === next.charCodeAt(next.length - 1 - sfx)) sfx++;
    const oldEnd = prev.length - sfx;
    const delta = next.length - prev.length;
    const edit = { start: p, oldEnd, delta };
    const spliced = this.reparse(next, edit);
    if (!spliced) {
      this.rebuild(next);
      return this.result;
    }
    this.recheck(edit, spliced);
    return this.result;
  }

  private rebuild(source: string): void {
    const parts = parseInChunks(source) ?? extractParts(parseMarkdown(source), source, 0, source.length);
    this.source = source;
    this.segments = parts.segments;
    this.definitions = parts.definitions;
    this.doc = assembleDocument(source, maskRange(source, parts.keep, 0, source.length), parts);
    this.blockDates = this.doc.blocks.map((b) => datedBlock(this.doc, b));
    this.checkFindings.clear();
    this.lastUpdate = { reparsed: { start: 0, end: source.length }, full: true, checkedBlocks: this.doc.blocks.length };
    this.finish(undefined);
  }

  /**
   * Re-parses the stretch of top-level blocks around the edit and splices it in. Returns
   * the changed stretch (new offsets) and its block indices, or undefined when the edit
   * changes something every block depends on (a link or footnote definition), which
   * needs a full parse.
   */
  private reparse(next: string, edit: Edit): Splice | undefined {
    const prev = this.source;
    const segs = this.segments;
    if (segs.length === 0) return undefined;
    // Start: a safe top-level boundary strictly before the edit, one block earlier than the
    // one it touches (a setext underline or a lazy line changes the block before it).
    let a = upperBound(segs, edit.start - 1) - 2;
    while (a > 0 && !safeBoundary(prev, segs[a]!)) a--;
    if (a < 0) a = 0;
    const start = a === 0 ? 0 : segs[a]!.start;
    // End: the first safe boundary after the edit whose text is unchanged.
    let b = upperBound(segs, edit.oldEnd);
    // When the stretch does not close (an unclosed code fence runs to the end of the file),
    // it grows by twice as many blocks each time: one block at a time re-parsed the rest of
    // the document once per block after the fence (quadratic, minutes on 2 MB).
    let grow = 1;
    for (;;) {
      while (b < segs.length && !(safeBoundary(prev, segs[b]!) && safeBoundary(next, { start: segs[b]!.start + edit.delta, end: 0, type: segs[b]!.type }))) b++;
      const endOld = b < segs.length ? segs[b]!.start : prev.length;
      const endNew = b < segs.length ? endOld + edit.delta : next.length;
      const parsed = this.parseStretch(next, start, endNew, b < segs.length, { start, end: endOld });
      if (parsed) {
        const oldDefs = this.definitions.filter((d) => d.start >= start && d.start < endOld);
        if (!sameDefinitions(oldDefs, parsed.definitions)) return undefined;
        return this.splice(next, parsed, start, endOld, endNew, edit);
      }
      b = Math.min(segs.length, b + grow);
      grow *= 2;
    }
  }

  /** Parses next[start, end) on its own; undefined when a construct in it runs past `end`. */
  private parseStretch(next: string, start: number, end: number, closed: boolean, oldStretch: OffsetRange): ProseParts | undefined {
    const body = next.slice(start, end);
    let text = body;
    if (closed) text += `\n\n${SENTINEL}`;
    const stubs = this.definitions.filter((d) => d.start < oldStretch.start || d.start >= oldStretch.end);
    if (stubs.length > 0) text += `\n\n${stubs.map((d) => (d.kind === 'footnote' ? `[^${d.label}]: x` : `[${d.label}]: x`)).join('\n\n')}\n`;
    const tree = parseMarkdown(text);
    if (closed) {
      const sentinelAt = body.length + 2;
      const found = tree.children.some((c) => c.type === 'paragraph' && c.position?.start.offset === sentinelAt);
      if (!found) return undefined;
    }
    return detachParts(extractParts(tree, next, start, body.length));
  }

  private splice(next: string, parts: ProseParts, start: number, endOld: number, endNew: number, edit: Edit): Splice {
    const old = this.doc;
    const d = edit.delta;
    const prose = old.prose.slice(0, start) + maskRange(next, parts.keep, start, endNew) + old.prose.slice(endOld);
    const b0 = lowerBound(old.blocks, start);
    const b1 = lowerBound(old.blocks, endOld);
    const blockShift = parts.blocks.length - (b1 - b0);
    const blocks: ProseBlock[] = [...old.blocks.slice(0, b0), ...parts.blocks, ...old.blocks.slice(b1).map((b) => shiftBlock(b, d))];
    const regionSentences: Sentence[] = [];
    parts.blocks.forEach((block, i) => {
      for (const s of splitSentences(prose, block.start, block.end)) {
        s.block = b0 + i;
        regionSentences.push(s);
      }
    });
    const s0 = lowerBound(old.sentences, start);
    const s1 = lowerBound(old.sentences, endOld);
    const sentences: Sentence[] = [
      ...old.sentences.slice(0, s0),
      ...regionSentences,
      ...old.sentences.slice(s1).map((s) => ({ start: s.start + d, end: s.end + d, block: s.block + blockShift })),
    ];
    const doc: ProseDocument = {
      source: next,
      prose,
      blocks,
      sentences,
      links: spliceRanges<LinkSpan>(old.links, parts.links, start, endOld, (l) => ({ ...l, start: l.start + d, end: l.end + d, textRange: { start: l.textRange.start + d, end: l.textRange.end + d } })),
      footnoteRefs: spliceRanges<FootnoteRef>(old.footnoteRefs, parts.footnoteRefs, start, endOld, (f) => ({ ...f, start: f.start + d, end: f.end + d })),
      footnoteDefinitions: spliceRanges(old.footnoteDefinitions, parts.footnoteDefinitions, start, endOld, (f) => ({ ...f, start: f.start + d, end: f.end + d })),
      comments: spliceRanges<HtmlComment>(old.comments, parts.comments, start, endOld, (c) => ({ ...c, start: c.start + d, end: c.end + d })),
      plainText: spliceRanges<PlainTextPart>(old.plainText, parts.plainText, start, endOld, (c) => ({ ...c, start: c.start + d, end: c.end + d })),
      lines: LineIndex.spliced(old.lines, next, start, endOld, endNew),
    };
    const frontMatter = start === 0 ? parts.frontMatter : old.frontMatter;
    if (frontMatter) doc.frontMatter = frontMatter;
    this.segments = spliceRanges(this.segments, parts.segments, start, endOld, (s) => ({ ...s, start: s.start + d, end: s.end + d }));
    this.definitions = spliceRanges(this.definitions, parts.definitions, start, endOld, (s) => ({ ...s, start: s.start + d, end: s.end + d }));
    const dates: Array<DatedBlock | undefined> = parts.blocks.map((b) => datedBlock(doc, b));
    this.blockDates = [
      ...this.blockDates.slice(0, b0),
      ...dates,
      ...this.blockDates.slice(b1).map((x) => x && { date: x.date, range: { start: x.range.start + d, end: x.range.end + d } }),
    ];
    this.doc = doc;
    this.source = next;
    this.lastUpdate = { reparsed: { start, end: endNew }, full: false, checkedBlocks: 0 };
    return { start, endOld, endNew, blocks: { start: b0, end: b0 + parts.blocks.length } };
  }

  /** Runs the checks after a splice: block-local ones around the edit, the others in full. */
  private recheck(edit: Edit, spliced: Splice): void {
    const doc = this.doc;
    const blocks = doc.blocks;
    // Blocks whose findings are recomputed: the re-parsed ones and those within CONTEXT of them.
    let i0 = spliced.blocks.start;
    while (i0 > 0 && blocks[i0 - 1]!.end > spliced.start - CONTEXT) i0--;
    let i1 = spliced.blocks.end;
    while (i1 < blocks.length && blocks[i1]!.start < spliced.endNew + CONTEXT) i1++;
    const take = { start: Math.min(spliced.start, blocks[i0]?.start ?? spliced.start), end: Math.max(spliced.endNew, blocks[i1 - 1]?.end ?? spliced.endNew) };
    // Blocks the checks see: those, and as many again as context on either side.
    let v0 = i0;
    while (v0 > 0 && blocks[v0 - 1]!.end > take.start - CONTEXT) v0--;
    let v1 = i1;
    while (v1 < blocks.length && blocks[v1]!.start < take.end + CONTEXT) v1++;
    this.lastUpdate.checkedBlocks = i1 - i0;
    this.finish({ edit, take, takeOld: { start: take.start, end: take.end - edit.delta }, view: () => windowView(doc, v0, v1) });
  }

  private finish(incremental: IncrementalRun | undefined): void {
    const doc = this.doc;
    const options = this.options;
    const { referenceDate, problems } = determineReferenceDate(doc, options.referenceDate, options.today, () => this.latestDate());
    const failures: CheckFailure[] = [];
    const findings: Finding[] = [];
    const entities = lazyEntities(doc, referenceDate, options);
    let view: ProseDocument | undefined;
    let viewEntities: (() => RecognizedMention[]) | undefined;
    for (const check of CHECKS) {
      if (!checkEnabled(check, options)) continue;
      const local = BLOCK_LOCAL_CHECKS.get(check.id);
      const key = local ? `${local.documentKey(doc)}|${dateKey(referenceDate, problems)}` : '';
      const cached = this.checkFindings.get(check.id);
      let result: Finding[];
      let failed = false;
      if (local && incremental && cached && !cached.failed && cached.key === key) {
        view ??= incremental.view();
        viewEntities ??= lazyEntities(view, referenceDate, options);
        const checkFailures: CheckFailure[] = [];
        const fresh = runCheck(check, checkContext(view, referenceDate, problems, options, check.id, viewEntities), options, checkFailures).filter(
          (f) => f.start >= incremental.take.start && f.start < incremental.take.end,
        );
        failed = checkFailures.length > 0;
        for (const f of checkFailures) failures.push(f);
        result = spliceFindings(cached.findings, fresh.map((f) => detachFinding(f, this.strings)), incremental);
      } else {
        const windowed = local ? this.runInWindows(check, referenceDate, problems) : undefined;
        if (windowed) {
          result = windowed;
        } else {
          const checkFailures: CheckFailure[] = [];
          result = runCheck(check, checkContext(doc, referenceDate, problems, options, check.id, entities), options, checkFailures);
          failed = checkFailures.length > 0;
          for (const f of checkFailures) failures.push(f);
        }
        if (local) result = result.map((f) => detachFinding(f, this.strings)).sort(byStart);
      }
      if (local) this.checkFindings.set(check.id, { key, findings: result, failed });
      for (const f of result) findings.push(f);
    }
    this.result = finishAnalysis(doc, referenceDate, findings, failures, entities, options);
  }

  /**
   * A block-local check over the whole document, run window by window: the blocks of about
   * `checkWindow` characters at a time, seen with CONTEXT around them as after an edit, each
   * window keeping the findings that start in it. The same findings as one run over the
   * document (the argument and the tests that make an edit's window exact), but what a run
   * builds for the text it reads (loaded-term tokenizes all of it: 182,000 tokens on the
   * 1 MB bench document) is never alive for more than one window: opening that document
   * grew the server's heap by ~55 MB, most of it promoted garbage that set the heap limits
   * of the first keystrokes after it. Undefined for a short document, or when the check
   * fails in a window (the caller then runs it whole, failing as a full analysis does).
   */
  private runInWindows(check: (typeof CHECKS)[number], referenceDate: ReferenceDate, problems: readonly ReferenceDateProblem[]): Finding[] | undefined {
    const doc = this.doc;
    const blocks = doc.blocks;
    if (doc.prose.length <= 2 * this.checkWindow) return undefined;
    const out: Finding[] = [];
    for (let i0 = 0; i0 < blocks.length; ) {
      let i1 = i0 + 1;
      // A table stays in one window: whether its cells' figures are sourced is read from all
      // of its cells and its caption (which CONTEXT reaches), wherever the figure is.
      while (i1 < blocks.length && (blocks[i1]!.start - blocks[i0]!.start < this.checkWindow || sameTable(blocks[i1 - 1]!, blocks[i1]!))) i1++;
      // Windows tile the document: the first from 0, the last to the end.
      const take = { start: i0 === 0 ? 0 : blocks[i0]!.start, end: i1 === blocks.length ? Infinity : blocks[i1]!.start };
      let v0 = i0;
      while (v0 > 0 && blocks[v0 - 1]!.end > take.start - CONTEXT) v0--;
      let v1 = i1;
      while (v1 < blocks.length && blocks[v1]!.start < take.end + CONTEXT) v1++;
      const view = windowView(doc, v0, v1);
      const failures: CheckFailure[] = [];
      const found = runCheck(check, checkContext(view, referenceDate, problems, this.options, check.id, lazyEntities(view, referenceDate, this.options)), this.options, failures);
      if (failures.length > 0) return undefined;
      for (const f of found) if (f.start >= take.start && f.start < take.end) out.push(f);
      i0 = i1;
    }
    return out;
  }

  /** The latest full explicit date of the prose, from the per-block cache (the first of equals). */
  private latestDate(): DatedBlock | undefined {
    let best: DatedBlock | undefined;
    for (const d of this.blockDates) if (d && (!best || compareYMD(d.date, best.date) > 0)) best = d;
    return best;
  }
}

/**
 * Stretch length for parsing a long document piece by piece: the syntax tree of a whole
 * 1 MB file (and micromark's events behind it) was most of the server's memory peak.
 */
export const PARSE_CHUNK = 64 * 1024;

/** Prose characters per window when a block-local check runs over a whole document (runInWindows). */
export const CHECK_WINDOW = 64 * 1024;

/** A line that may be a link reference or footnote definition (the label on one line). */
const DEFINITION_LINE = /^ {0,3}\[(\^?)((?:[^\\\]\n]|\\.)+)\]:/gm;
/** A line that continues a list when it follows a blank line. */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const FRONT_MATTER_CLOSE = /\n(?:---|\+\+\+)[ \t]*(?:\r?\n|$)/g;

interface DefinitionLine {
  kind: 'link' | 'footnote';
  label: string;
  start: number;
}

/**
 * The parts of `source` parsed in stretches of about `chunk` characters, each ending at a
 * top-level block boundary: the same parts as one parse of the whole text, or undefined
 * when that cannot be shown (the caller then parses the whole text).
 *
 * A stretch is accepted when a paragraph placed after it is parsed as a top-level paragraph
 * (nothing in the stretch stays open), the same proof `IncrementalAnalysis` uses. References
 * resolve against stand-ins for the definitions found by a line scan elsewhere in the text;
 * at the end, the definitions actually parsed must be exactly those the stand-ins assumed.
 */
export function parseInChunks(source: string, chunk = PARSE_CHUNK): ProseParts | undefined {
  if (source.length <= 2 * chunk) return undefined;
  const candidates: DefinitionLine[] = [];
  DEFINITION_LINE.lastIndex = 0;
  for (let m = DEFINITION_LINE.exec(source); m; m = DEFINITION_LINE.exec(source)) candidates.push({ kind: m[1] ? 'footnote' : 'link', label: m[2]!, start: m.index });
  // Front matter must lie inside the first stretch (its closing fence is not a block boundary).
  let first = chunk;
  if (source.startsWith('---') || source.startsWith('+++')) {
    FRONT_MATTER_CLOSE.lastIndex = 3;
    const close = FRONT_MATTER_CLOSE.exec(source);
    if (close) first = Math.max(first, close.index + close[0].length);
  }
  const all: ProseParts = { keep: [], blocks: [], links: [], footnoteRefs: [], footnoteDefinitions: [], comments: [], plainText: [], segments: [], definitions: [] };
  let start = 0;
  while (start < source.length) {
    let end = nextPieceStart(source, start === 0 ? first : start + chunk);
    let parts: ProseParts | undefined;
    while (!parts) {
      const closed = end < source.length;
      parts = parsePiece(source, start, end, closed, candidates);
      if (!parts && !closed) return undefined;
      // A piece that stays open (an unclosed code fence) is retried twice as long: growing it
      // a line at a time parsed the rest of the file once per line (minutes on 2 MB).
      if (!parts) end = nextPieceStart(source, start + 2 * (end - start));
    }
    if (start === 0 && parts.frontMatter) all.frontMatter = parts.frontMatter;
    for (const key of ['keep', 'blocks', 'links', 'footnoteRefs', 'footnoteDefinitions', 'comments', 'plainText', 'segments', 'definitions'] as const) {
      const into = all[key] as OffsetRange[];
      for (const x of parts[key]) into.push(x);
    }
    start = end;
  }
  const parsed = new Set(all.definitions.map((d) => `${d.kind}:${d.identifier}`));
  const assumed = new Set(candidates.map((c) => `${c.kind}:${normalizeLabel(c.label)}`));
  if (parsed.size !== assumed.size || [...parsed].some((k) => !assumed.has(k))) return undefined;
  return all;
}

/** A definition label as mdast identifies it (whitespace collapsed, case folded). */
function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase().toLowerCase();
}

/** source[start, end) parsed on its own, or undefined when something in it stays open. */
function parsePiece(source: string, start: number, end: number, closed: boolean, candidates: readonly DefinitionLine[]): ProseParts | undefined {
  const body = source.slice(start, end);
  let text = body;
  if (closed) text += `\n\n${SENTINEL}`;
  const stubs = candidates.filter((c) => c.start < start || c.start >= end);
  if (stubs.length > 0) text += `\n\n${stubs.map((c) => `[${c.kind === 'footnote' ? '^' : ''}${c.label}]: x`).join('\n\n')}\n`;
  const tree = parseMarkdown(text);
  const after = tree.children.filter((c) => (c.position?.start.offset ?? 0) >= body.length);
  if (closed && !after.some((c) => c.type === 'paragraph' && c.position?.start.offset === body.length + 2)) return undefined;
  // Every stand-in must have been read as a definition (not swallowed by an open block).
  if (after.filter((c) => c.type === 'definition' || c.type === 'footnoteDefinition').length !== stubs.length) return undefined;
  return detachParts(extractParts(tree, source, start, body.length));
}

/** The first line start at or after `from` where a stretch may begin, or the end of the text. */
function nextPieceStart(source: string, from: number): number {
  if (from >= source.length) return source.length;
  for (let i = source.indexOf('\n', Math.max(0, from - 1)); i >= 0 && i + 1 < source.length; i = source.indexOf('\n', i + 1)) {
    const b = i + 1;
    if (safeBoundary(source, { start: b, end: 0, type: 'paragraph' }) && !LIST_ITEM.test(source.slice(b, b + 12))) return b;
  }
  return source.length;
}

interface Edit {
  start: number;
  oldEnd: number;
  delta: number;
}

interface Splice {
  start: number;
  endOld: number;
  endNew: number;
  blocks: { start: number; end: number };
}

interface IncrementalRun {
  edit: Edit;
  /** New offsets: findings starting here come from the fresh run. */
  take: OffsetRange;
  /** The same stretch in the previous text's offsets. */
  takeOld: OffsetRange;
  view: () => ProseDocument;
}

/**
 * The parts with every string they keep copied out of the text that was parsed: a link's
 * URL or a footnote label is a slice of the parsed piece (a 64 K stretch of the document,
 * plus stand-ins), and one such slice kept alive the whole piece as long as the document
 * stayed open (measured on a 1 MB document: 1 MB of pieces held by eight links).
 */
function detachParts(parts: ProseParts): ProseParts {
  for (const l of parts.links) l.url = ownCopy(l.url);
  for (const f of parts.footnoteRefs) f.label = ownCopy(f.label);
  for (const f of parts.footnoteDefinitions) f.label = ownCopy(f.label);
  for (const c of parts.comments) c.body = ownCopy(c.body);
  for (const d of parts.definitions) {
    d.label = ownCopy(d.label);
    d.identifier = ownCopy(d.identifier);
  }
  return parts;
}

/**
 * Own copies of the strings of kept findings, one per distinct text: a loaded term found
 * 40 times in a document has 40 equal messages, hover texts and fix titles. On a 1 MB
 * document the cached findings' messages, details and titles were 1.42 M characters, of
 * which 0.48 M distinct. Bounded: cleared when it holds this many strings (what findings
 * already hold stays valid; only sharing with later ones is lost).
 */
const MAX_SHARED_STRINGS = 20_000;

class SharedStrings {
  private readonly copies = new Map<string, string>();

  /** An own copy of `s` (see ownCopy), the same one for every equal string. */
  get(s: string): string {
    const known = this.copies.get(s);
    if (known !== undefined) return known;
    if (this.copies.size >= MAX_SHARED_STRINGS) this.copies.clear();
    const copy = ownCopy(s);
    this.copies.set(copy, copy);
    return copy;
  }
}

/**
 * A finding kept across edits, with its strings copied out of the document version it was
 * computed on: `text` is a slice of that version's source, so without the copy every cached
 * finding kept a whole earlier version of the document alive (2 MB each on a 1 MB file).
 */
function detachFinding(f: Finding, strings: SharedStrings): Finding {
  const own = (x: string): string => strings.get(x);
  f.text = own(f.text);
  f.message = own(f.message);
  if (f.detail !== undefined) f.detail = own(f.detail);
  for (const s of f.suggestions) {
    s.title = own(s.title);
    if (s.replacement !== undefined) s.replacement = own(s.replacement);
    for (const e of s.edits) e.newText = own(e.newText);
    if (s.command) s.command.args = s.command.args.map((a) => (typeof a === 'string' ? own(a) : a));
  }
  return f;
}

/** A block moved by an edit before it; every offset it carries moves with it. */
function shiftBlock(b: ProseBlock, d: number): ProseBlock {
  return proseBlock(b.start + d, b.end + d, b.kind, b.quoted, b.footnote, b.table && { start: b.table.start + d, end: b.table.end + d });
}

function byStart(a: Finding, b: Finding): number {
  return a.start - b.start;
}

function dateKey(referenceDate: ReferenceDate, problems: readonly ReferenceDateProblem[]): string {
  return `${referenceDate.date}|${referenceDate.source}|${problems.length}`;
}

function maxNumericFootnote(doc: ProseDocument): number {
  let max = 0;
  for (const f of doc.footnoteRefs) if (/^\d+$/.test(f.label)) max = Math.max(max, Number(f.label));
  for (const f of doc.footnoteDefinitions) if (/^\d+$/.test(f.label)) max = Math.max(max, Number(f.label));
  return max;
}

/** A block's latest full explicit date, found by the same code as a whole-document pass. */
function datedBlock(doc: ProseDocument, block: ProseBlock): DatedBlock | undefined {
  if (block.footnote) return undefined;
  return latestExplicitDate({ ...doc, blocks: [block], sentences: [] });
}

/**
 * The document as block-local checks see it around an edit: only blocks v0..v1 and their
 * sentences, with the document's own prose and every document-level list (links,
 * footnotes, comments, front matter, lines) intact. The checks read the prose only in and
 * near their blocks (the tokenizer from the first block to the last). A copy with the prose
 * outside the window blanked was a new flat string the size of the document at every
 * keystroke (2 MB on the 1 MB bench document, held in the old generation).
 */
function windowView(doc: ProseDocument, v0: number, v1: number): ProseDocument {
  const blocks = doc.blocks.slice(v0, v1);
  if (blocks.length === 0) return { ...doc, blocks, sentences: [] };
  const from = blocks[0]!.start;
  const to = blocks[blocks.length - 1]!.end;
  const s0 = lowerBound(doc.sentences, from);
  const s1 = lowerBound(doc.sentences, to);
  const sentences = doc.sentences.slice(s0, s1).map((s) => ({ start: s.start, end: s.end, block: s.block - v0 }));
  return { ...doc, blocks, sentences };
}

/** Cached findings outside the re-checked stretch (moved by the edit), with the fresh ones inside. */
function spliceFindings(cached: readonly Finding[], fresh: Finding[], run: IncrementalRun): Finding[] {
  const { edit, takeOld } = run;
  const map = (o: number): number => (o >= edit.oldEnd ? o + edit.delta : o);
  const moved = (f: Finding): Finding => ({
    ...f,
    start: map(f.start),
    end: map(f.end),
    suggestions: mapEdits(f.suggestions, map),
  });
  const out: Finding[] = [];
  for (const f of cached) if (f.start < takeOld.start) out.push(f.suggestions.some((s) => s.edits.some((e) => e.end >= edit.oldEnd)) ? moved(f) : f);
  fresh.sort(byStart);
  for (const f of fresh) out.push(f);
  for (const f of cached) if (f.start >= takeOld.end) out.push(moved(f));
  return out;
}

/** Whether a top-level block can start a re-parse: nothing before it can reach into it. */
function safeBoundary(source: string, seg: Segment): boolean {
  const s = seg.start;
  if (s <= 0 || s >= source.length) return s === 0;
  if (seg.type === 'list' || seg.type === 'yaml' || seg.type === 'toml') return false;
  if (source.charCodeAt(s - 1) !== 10) return false;
  const c = source.charCodeAt(s);
  if (c === 32 || c === 9 || c === 10 || c === 13) return false;
  // Never a line that could open front matter when parsed on its own.
  if (source.startsWith('---', s) || source.startsWith('+++', s)) return false;
  // A blank line before it closes every construct that could continue lazily.
  let k = s - 2;
  while (k >= 0 && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9 || source.charCodeAt(k) === 13)) k--;
  return k < 0 || source.charCodeAt(k) === 10;
}

function sameDefinitions(a: readonly DefinitionLabel[], b: readonly DefinitionLabel[]): boolean {
  if (a.length !== b.length) return false;
  const key = (d: DefinitionLabel): string => `${d.kind}:${d.identifier}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.every((k, i) => k === y[i]);
}

/** Index of the first range starting after `offset`. */
function upperBound(ranges: readonly OffsetRange[], offset: number): number {
  return lowerBound(ranges, offset + 1);
}

/** Old ranges before `start`, the new ones, then old ranges from `endOld` on, moved. */
function spliceRanges<T extends OffsetRange>(old: readonly T[], fresh: readonly T[], start: number, endOld: number, move: (t: T) => T): T[] {
  const i0 = lowerBound(old, start);
  const i1 = lowerBound(old, endOld);
  const out = old.slice(0, i0);
  for (const t of fresh) out.push(t);
  for (let i = i1; i < old.length; i++) out.push(move(old[i]!));
  return out;
}

