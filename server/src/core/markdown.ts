import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Heading, Paragraph, Root, RootContent, Text } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * One frozen processor, built once: remark with GFM (tables, footnotes, autolinks,
 * strikethrough) and YAML/TOML front matter.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

/** remark's own parse, untouched: the reference the fast path is tested and benchmarked against. */
export function remarkParseTree(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * The syntax tree remark gives for `text`, with its paragraphs of plain text built here
 * instead of by micromark.
 *
 * Why not only remark: over the 1,000 files of the CLI benchmark (5.5 MB of op-eds) remark's
 * parse took about 2.7 s of CPU, more than the whole 2.5 s budget, and most of what it parsed
 * was paragraphs with no Markdown in them at all. So each paragraph that is plain beyond doubt
 * (see `plainBlocks`) is replaced by a one-letter stand-in, remark parses the much shorter
 * rest, and the paragraph is put back with the positions remark would have given it. The
 * stand-ins prove the context: each must come out of remark as a top-level paragraph of its
 * own, which a paragraph inside a fenced code block, an HTML block or front matter would not;
 * if any does not, the whole text is parsed by remark as it is. `test/unit/markdown-fast.test.ts`
 * checks the tree equals remark's, positions and values, over every evaluation article and
 * thousands of seeded random edits.
 */
export function parseMarkdown(text: string): Root {
  try {
    return parseWithStandIns(text) ?? remarkParseTree(text);
  } catch (error) {
    // micromark recurses once per level of nested quotes and lists: some thousands of levels
    // exhaust the stack, and "Maximum call stack size exceeded" would tell a writer nothing.
    if (error instanceof RangeError) throw new MarkdownTooDeepError();
    throw error;
  }
}

/** A document whose blocks nest deeper than the Markdown parser can follow. */
export class MarkdownTooDeepError extends Error {
  constructor() {
    super('the Markdown nests too deeply to be parsed (quotes or lists thousands of levels deep)');
    this.name = 'MarkdownTooDeepError';
  }
}

/** The fast path alone: undefined when the text has no plain block or a stand-in was not read as one. */
export function parseWithStandIns(text: string): Root | undefined {
  const groups = standInGroups(plainBlocks(text));
  if (groups.length === 0) return undefined;
  // Nothing but plain blocks and blank lines: nothing for remark to read, and no context to
  // prove (every block starts the text or follows a blank line at the top level).
  if (groups.length === 1 && onlyBlankLines(text, 0, groups[0]!.start) && onlyBlankLines(text, groups[0]!.end, text.length)) {
    const line = lineCount(text, 0, groups[0]!.start);
    return { type: 'root', children: rebuilt(text, groups[0]!, line), position: { start: { line: 1, column: 1, offset: 0 }, end: endOfText(text) } };
  }
  const pieces: string[] = [];
  let at = 0;
  for (const g of groups) {
    pieces.push(text.slice(at, g.start), STAND_IN);
    at = g.end;
  }
  pieces.push(text.slice(at));
  return restore(remarkParseTree(pieces.join('')), text, groups);
}

/** The stand-in for a run of plain blocks: one letter, itself a plain paragraph. */
const STAND_IN = 'x';

/**
 * A paragraph or an ATX heading of plain text: source[start, end), `lines` lines long (a
 * heading, one line whose text starts `depth` + 1 characters in).
 */
export interface Plain {
  start: number;
  end: number;
  lines: number;
  /** Column (1-based, UTF-16 units) just after its last character. */
  endColumn: number;
  /** Only blank lines separate it from the plain block before it. */
  follows: boolean;
  /** For a heading, its level (1 to 6). */
  depth?: 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * Plain blocks separated only by blank lines share one stand-in: micromark spends about
 * 30 µs on each paragraph however short, so one stand-in per paragraph still left 0.85 s of
 * the 1,000 files' parse in stand-ins. After a plain block and a blank line remark is where
 * it was before it (at the top level, nothing open), so the next one is read alike.
 */
interface Group {
  start: number;
  end: number;
  paragraphs: Plain[];
  /** Lines from the first paragraph's first line to the last one's last line. */
  lines: number;
}

function standInGroups(plain: readonly Plain[]): Group[] {
  const groups: Group[] = [];
  for (const p of plain) {
    const g = groups[groups.length - 1];
    if (g && p.follows) {
      g.paragraphs.push(p);
      g.end = p.end;
    } else {
      groups.push({ start: p.start, end: p.end, paragraphs: [p], lines: 0 });
    }
  }
  return groups;
}

/**
 * Characters that never make a paragraph plain, wherever they stand: emphasis and strong
 * (`*`, `_`), code (`` ` ``), links, images, references and footnotes (`[`, `]`), HTML and
 * autolinks (`<`), character references (`&`), escapes (`\`), strikethrough (`~`), table
 * cells (`|`), email autolinks (`@`), tabs (they change columns), and carriage returns
 * and other control characters except a CR right before a line feed (remark reads a lone CR
 * as a line ending and replaces NUL).
 */
const NEVER = new Uint8Array(128);
for (const c of '*_`[]<&\\~|@\t') NEVER[c.charCodeAt(0)] = 1;
for (let c = 0; c < 32; c++) if (c !== 10) NEVER[c] = 1;
NEVER[127] = 1;

/**
 * Characters that may not begin a line of a plain paragraph: besides `NEVER`, what starts a
 * block (heading `#`, blockquote `>`, list item `-` `+` `*`, thematic break or setext
 * underline `-` `=` `_`, fence `` ` `` `~`, HTML `<`, footnote or definition `[`) and spaces
 * (indented code, or positions shifted by indentation).
 */
const NOT_FIRST = new Uint8Array(128);
for (let c = 0; c < 128; c++) NOT_FIRST[c] = NEVER[c]!;
for (const c of '#>-+=! ') NOT_FIRST[c.charCodeAt(0)] = 1;

/** An ordered list marker, which may begin a list even inside a paragraph ("1. "). */
const ORDERED = /^\d{1,9}[.)](?:[ \t\r\n]|$)/;
/** Literal autolinks GFM finds without any marker: "www.", "http://", "https://". */
const AUTOLINK = /www\.|:\/\//i;

/**
 * The paragraphs and headings of `text` that are plain beyond doubt: each starts the text or
 * follows a blank line and runs to the next blank line or the end. In a paragraph every line
 * starts with a character that starts no block, contains no character Markdown gives a
 * meaning to in a paragraph, and has no leading or trailing space (a hard break, or a column
 * shift). A heading is one such line: one to six `#`, one space, then text as plain as a
 * paragraph's that does not end in `#` (which could close the heading).
 */
export function plainBlocks(text: string): Plain[] {
  const out: Plain[] = [];
  const n = text.length;
  let pos = 0;
  let previousPlain = false;
  while (pos < n) {
    // `pos` is at the start of a line.
    let nl = text.indexOf('\n', pos);
    if (isBlank(text, pos, contentEnd(text, pos, nl))) {
      pos = nl < 0 ? n : nl + 1;
      continue;
    }
    // A run of non-blank lines, which starts the text or follows a blank line: one paragraph
    // when it is plain, else whatever remark makes of it.
    const start = pos;
    let plain = true;
    let end = pos;
    let lastLineStart = pos;
    for (;;) {
      const to = contentEnd(text, pos, nl);
      if (isBlank(text, pos, to)) break;
      if (plain) plain = plainLine(text, pos, to);
      lastLineStart = pos;
      end = to;
      pos = nl < 0 ? n : nl + 1;
      if (nl < 0) break;
      nl = text.indexOf('\n', pos);
      if (pos >= n) break;
    }
    const depth = !plain && lastLineStart === start ? headingDepth(text, start, end) : 0;
    if (depth > 0) plain = true;
    plain &&= !AUTOLINK.test(text.slice(start, end));
    if (plain) {
      const block: Plain = { start, end, lines: lineCount(text, start, end), endColumn: end - lastLineStart + 1, follows: previousPlain };
      if (depth > 0) block.depth = depth as Plain['depth'];
      out.push(block);
    }
    previousPlain = plain;
  }
  return out;
}

/** Where the content of the line starting at `from` ends: before its line feed and any CR before that. */
function contentEnd(text: string, from: number, nl: number): number {
  const end = nl < 0 ? text.length : nl;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** The level of the plain ATX heading that is text[from, to), or 0. */
function headingDepth(text: string, from: number, to: number): number {
  let depth = 0;
  while (depth < 7 && text.charCodeAt(from + depth) === 35) depth++;
  if (depth === 0 || depth > 6 || text.charCodeAt(from + depth) !== 32) return 0;
  const first = from + depth + 1;
  if (first >= to || text.charCodeAt(first) === 32 || text.charCodeAt(to - 1) === 35 || text.charCodeAt(to - 1) === 32) return 0;
  for (let i = first; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && NEVER[c]) return 0;
  }
  return depth;
}

/** Whether text[from, to) is only blank lines: spaces, tabs and line endings (a CR only before a LF). */
function onlyBlankLines(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) continue;
    return false;
  }
  return true;
}

/** The point at the end of a text with no lone CR, as remark gives it for the root. */
function endOfText(text: string): Point {
  return { line: lineCount(text, 0, text.length), column: text.length - text.lastIndexOf('\n'), offset: text.length };
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function plainLine(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (first < 128 && NOT_FIRST[first]) return false;
  if (first >= 48 && first <= 57 && ORDERED.test(text.slice(from, Math.min(to, from + 12)))) return false;
  const last = text.charCodeAt(to - 1);
  if (last === 32) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && NEVER[c]) return false;
  }
  return true;
}

function lineCount(text: string, from: number, to: number): number {
  let k = 1;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) k++;
  return k;
}

/**
 * The tree of the original text from the tree of the text with stand-ins: positions after
 * each stand-in moved back by what it replaced, and each stand-in's paragraphs rebuilt from
 * the source. Undefined when a stand-in did not come out as a top-level paragraph.
 */
function restore(tree: Root, text: string, groups: readonly Group[]): Root | undefined {
  // Where each stand-in sits in the reduced text, and the shifts that apply after it.
  const at: number[] = new Array(groups.length);
  const shift: number[] = new Array(groups.length);
  const lineShift: number[] = new Array(groups.length);
  let s = 0;
  let ls = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    g.lines = lineCount(text, g.start, g.end);
    at[i] = g.start - s;
    s += g.end - g.start - STAND_IN.length;
    ls += g.lines - 1;
    shift[i] = s;
    lineShift[i] = ls;
  }
  const children: RootContent[] = [];
  let k = 0;
  for (const child of tree.children) {
    const start = child.position?.start.offset;
    if (k < groups.length && start !== undefined && start >= at[k]!) {
      if (start !== at[k] || child.type !== 'paragraph' || child.position?.end.offset !== at[k]! + STAND_IN.length) return undefined;
      // The first line comes from remark, which also counts a lone CR earlier on as a line ending.
      children.push(...rebuilt(text, groups[k]!, child.position.start.line + (k > 0 ? lineShift[k - 1]! : 0)));
      k++;
      continue;
    }
    if (k > 0) relocate(child, shift[k - 1]!, lineShift[k - 1]!);
    children.push(child);
  }
  if (k !== groups.length) return undefined;
  tree.children = children;
  const last = groups[groups.length - 1]!;
  const rootEnd = tree.position?.end;
  if (tree.position && rootEnd) {
    // The root ends where the text does: at the last plain paragraph's end when nothing follows it.
    const end = moved(rootEnd, shift[groups.length - 1]!, lineShift[groups.length - 1]!);
    if (rootEnd.offset === at[groups.length - 1]! + STAND_IN.length) end.column = last.paragraphs[last.paragraphs.length - 1]!.endColumn;
    tree.position = { start: tree.position.start, end };
  }
  return tree;
}

/**
 * A node and its descendants moved from the reduced text to the original, `d` units and `dl`
 * lines on; with a stack, not recursion, for the same reason as `extractParts`.
 */
function relocate(node: Positioned, d: number, dl: number): void {
  const stack: Positioned[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const p = n.position;
    if (p) n.position = { start: moved(p.start, d, dl), end: moved(p.end, d, dl) };
    if (n.children) for (const c of n.children) stack.push(c as Positioned);
  }
}

interface Positioned {
  position?: Position;
  children?: unknown[];
}

function moved(p: Point, d: number, dl: number): Point {
  return { line: p.line + dl, column: p.column, offset: p.offset === undefined ? undefined : p.offset + d } as Point;
}

/** The blocks of a group, its first line being `line`. */
function rebuilt(text: string, group: Group, line: number): Array<Paragraph | Heading> {
  const out: Array<Paragraph | Heading> = [];
  let from = group.start;
  for (const p of group.paragraphs) {
    line += lineCount(text, from, p.start) - 1;
    out.push(block(text, p, line));
    from = p.start;
  }
  return out;
}

function block(text: string, p: Plain, line: number): Paragraph | Heading {
  const end = (): Point => ({ line: line + p.lines - 1, column: p.endColumn, offset: p.end });
  if (p.depth) {
    const textStart = p.start + p.depth + 1;
    const value: Text = { type: 'text', value: text.slice(textStart, p.end), position: { start: { line, column: p.depth + 2, offset: textStart }, end: end() } };
    return { type: 'heading', depth: p.depth, children: [value], position: { start: { line, column: 1, offset: p.start }, end: end() } };
  }
  const value: Text = { type: 'text', value: text.slice(p.start, p.end), position: { start: { line, column: 1, offset: p.start }, end: end() } };
  return { type: 'paragraph', children: [value], position: { start: { line, column: 1, offset: p.start }, end: end() } };
}
