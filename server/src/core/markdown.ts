import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Blockquote, Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
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
 * The syntax tree remark gives for `text`, with its plain paragraphs and headings built here
 * instead of by micromark.
 *
 * Why not only remark: over the 1,000 files of the CLI benchmark (5.5 MB of op-eds) remark's
 * parse took about 2.7 s of CPU, more than the whole 2.5 s budget, and 97% of what it parsed
 * was paragraphs with no Markdown in them beyond simple links. So each run of blocks that are
 * plain beyond doubt (see `plainBlocks`) is replaced by a one-letter stand-in, remark parses
 * the much shorter rest, and the blocks are put back with the positions remark would have
 * given them. The stand-ins prove the context: each must come out of remark as a top-level
 * paragraph of its own, which text inside a fenced code block, an HTML block or front matter
 * would not; if any does not, the whole text is parsed by remark as it is.
 * `test/unit/markdown-fast.test.ts` checks the tree equals remark's, node for node with
 * values and positions, over the samples, every evaluation article and thousands of random
 * documents mixing plain text with every construct that can change how it is read.
 */
export function parseMarkdown(text: string): Root {
  const hazards = hazardBlocks(text);
  if (hazards.length === 0) return parseWithStandIns(text) ?? remarkParseTree(text);
  // What micromark cannot read in bounded time goes in as stand-ins too, read back as plain
  // text; when a stand-in is not read as a top-level paragraph even without the plain
  // blocks' (a code fence or HTML block the scan did not see holds it), nothing is left
  // that could be given to remark safely: the whole text is read as plain text.
  return parseWithStandIns(text, hazards) ?? parseWithStandIns(text, hazards, false) ?? plainTextTree(text, FALLBACK);
}

/**
 * The fast path alone: undefined when the text has no plain block or a stand-in was not read
 * as one. `hazards` (see `hazardBlocks`) are put in as stand-ins beside the plain blocks, or
 * alone when `withPlain` is false.
 */
export function parseWithStandIns(text: string, hazards: readonly Hazard[] = [], withPlain = true): Root | undefined {
  const groups = mergeGroups(withPlain ? standInGroups(plainBlocks(text)) : [], hazards);
  if (groups.length === 0) return undefined;
  // Nothing but plain blocks and blank lines: nothing for remark to read, and no context to
  // prove (every block starts the text or follows a blank line at the top level).
  if (groups.every((g, k) => k === 0 || g.paragraphs[0]!.follows || onlyBlankLines(text, groups[k - 1]!.end, g.start)) && onlyBlankLines(text, 0, groups[0]!.start) && onlyBlankLines(text, groups[groups.length - 1]!.end, text.length)) {
    return { type: 'root', children: groups.flatMap((g) => rebuilt(g, g.paragraphs[0]!.line, text)), position: { start: { line: 1, column: 1, offset: 0 }, end: endOfText(text) } };
  }
  const pieces: string[] = [];
  let at = 0;
  for (const g of groups) {
    pieces.push(text.slice(at, g.start), standIn(g));
    at = g.end;
  }
  pieces.push(text.slice(at));
  return restore(remarkParseTree(pieces.join('')), text, groups);
}

/** The plain groups and the hazards (which never overlap them) in text order. */
function mergeGroups(plain: Group[], hazards: readonly Hazard[]): Group[] {
  if (hazards.length === 0) return plain;
  const out: Group[] = [];
  let k = 0;
  for (const h of hazards) {
    while (k < plain.length && plain[k]!.start < h.start) out.push(plain[k++]!);
    out.push({ start: h.start, end: h.end, paragraphs: [h], list: false, hazard: h });
  }
  while (k < plain.length) out.push(plain[k++]!);
  return out;
}

/** The stand-in for a run of plain blocks: one letter, itself a plain paragraph. */
const STAND_IN = 'x';
/**
 * The stand-in for a plain bullet list: a list of one item, which must come back as a list.
 * That proves lists are read where it stands, which they are not everywhere: after a "---"
 * that opens no front matter, remark reads no list or quote in the rest of the text.
 */
const LIST_STAND_IN = '* x';

function standIn(g: Group): string {
  return g.list ? LIST_STAND_IN : STAND_IN;
}

/**
 * A paragraph or an ATX heading of plain text: source[start, end), `lines` lines long (a
 * heading, one line whose text starts `depth` + 1 characters in).
 */
export interface Plain {
  start: number;
  end: number;
  /**
   * Its first line, counting line feeds only: remark also counts a lone CR, so this is
   * remark's line only in a text without one, and line differences within a group always.
   */
  line: number;
  lines: number;
  /** Column (1-based, UTF-16 units) just after its last character. */
  endColumn: number;
  /** Only blank lines separate it from the plain block before it. */
  follows: boolean;
  /** For a heading, its level (1 to 6). */
  depth?: 1 | 2 | 3 | 4 | 5 | 6;
  /** A paragraph's inline links, in order. */
  links?: PlainLink[];
  /** It has backslash escapes, which its text values leave out ("\\*" is read "*"). */
  escapes?: true;
  /** For a bullet list, its items, one line each. */
  items?: PlainItem[];
}

/** A one-line item of a plain bullet list: its marker at `start`, its text [contentStart, end). */
interface PlainItem {
  start: number;
  contentStart: number;
  end: number;
  links?: PlainLink[];
  escapes?: true;
}

/** `[text](url)` within one line: source[start, end), its text source[textStart, textEnd). */
interface PlainLink {
  start: number;
  textStart: number;
  textEnd: number;
  end: number;
  url: string;
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
  /** A plain bullet list, which has a stand-in of its own (see LIST_STAND_IN). */
  list: boolean;
  /** A block read as plain text (see `hazardBlocks`). */
  hazard?: Hazard;
}

function standInGroups(plain: readonly Plain[]): Group[] {
  const groups: Group[] = [];
  for (const p of plain) {
    const g = groups[groups.length - 1];
    if (g && p.follows && !g.list && !p.items) {
      g.paragraphs.push(p);
      g.end = p.end;
    } else {
      groups.push({ start: p.start, end: p.end, paragraphs: [p], list: p.items !== undefined });
    }
  }
  return groups;
}

/**
 * A run of characters that never make a paragraph not plain. Left out: emphasis and strong
 * (`*`, `_`), code (`` ` ``), links, images, references and footnotes (`[`, `]`), HTML and
 * autolinks (`<`), character references (`&`), escapes (`\\`), strikethrough (`~`), table
 * cells (`|`), email autolinks (`@`), and tabs (they change columns), CR (remark reads a lone
 * CR as a line ending), NUL (remark replaces it) and the other control characters.
 *
 * The scans here are sticky regular expressions, not loops over charCodeAt: optimised after
 * seeing both flat and concatenated two-byte strings (an article read from a file, one built
 * by joining), V8's code for such a loop ran about 50 times slower (350 ms instead of 6 ms
 * on a 1 MB document); the regular expression engine reads any string at one speed.
 */
const PLAIN_RUN = /[^*_`[\]<&\\~|@\x00-\x1f\x7f]*/y;
/** What may not begin a line of a plain paragraph besides what `PLAIN_RUN` leaves out: what starts a block, or a space. */
const NOT_FIRST = /[#>\-+=! ]/y;
/** Spaces and tabs. */
const BLANK_RUN = /[ \t]*/y;
/** Blank lines. */
const BLANK_LINES = /(?:[ \t\n]|\r\n)*/y;

/**
 * Where the match of `run`, a sticky expression that matches everywhere (a `*` run,
 * possibly empty), ends when it starts at `from`.
 */
function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}

/** The end of the run of plain characters from `from`. */
function plainRunEnd(text: string, from: number): number {
  return runEnd(PLAIN_RUN, text, from);
}

/**
 * What may follow `&` in a character reference ("&amp;", "&#35;", "&#x23;"). Anything else
 * after it leaves the `&` as text ("AT&T", "R&D", "Q&A"); so does an unknown name, which
 * this does not tell apart, so such text stays with remark.
 */
const REFERENCE_TAIL = /[#A-Za-z0-9]+;/y;
/** ASCII punctuation, which a backslash escapes ("\\." is read "."). */
const ESCAPABLE = /[!-/:-@[-`{-~]/y;

/**
 * The end of the run from `from` (before `to`) of text that reads as itself, or as itself
 * less its escapes: plain characters, a `*` alone between spaces, an `&` that starts no character reference, an `@`
 * that cannot end the local part of an email autolink (GFM's literal emails need a letter,
 * digit or one of `+-._` right before it), a backslash before ASCII punctuation (an
 * escape: `flags.escapes` is set) or before any other character but a line ending (a
 * backslash as text). It stops at a bracket or anything else that may be Markdown, and at a
 * backslash that ends a line (a hard break, or the paragraph's last character).
 */
function plainTextEnd(text: string, from: number, to: number, flags: { escapes: boolean }): number {
  let i = plainRunEnd(text, from);
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 38) {
      REFERENCE_TAIL.lastIndex = i + 1;
      if (REFERENCE_TAIL.test(text)) return i;
      i++;
    } else if (c === 64) {
      if (i > 0 && (text.charCodeAt(i - 1) > 127 || EMAIL_LOCAL.test(text[i - 1]!))) return i;
      i++;
    } else if (c === 42 && i > from && text.charCodeAt(i - 1) === 32 && (i + 1 === to || text.charCodeAt(i + 1) === 32)) {
      // A lone `*` between spaces (or a space and the line's end: "Email *") can neither open
      // nor close emphasis, and inside a line starts no list or break: it is text.
      i++;
    } else if (c === 92) {
      if (i + 1 >= to) return i;
      ESCAPABLE.lastIndex = i + 1;
      if (ESCAPABLE.test(text)) {
        flags.escapes = true;
        i += 2;
      } else {
        i++;
      }
    } else {
      return i;
    }
    i = plainRunEnd(text, i);
  }
  return i;
}

/** What may come right before the `@` of a literal email autolink. */
const EMAIL_LOCAL = /[A-Za-z0-9+\-._]/;
/** An `@` that may end the local part of an email (anything not ASCII counted, to be safe). */
const EMAIL_AT = /[A-Za-z0-9+\-._\u0080-\uffff]@/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Text as remark reads it when it has no Markdown but backslash escapes. */
function unescaped(source: string): string {
  return source.replace(ESCAPE, '$1');
}

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
 * paragraph's that does not end in `#` (which could close the heading). A bullet list is
 * one-line items between such blocks (see `plainListItems`).
 */
export function plainBlocks(text: string): Plain[] {
  const out: Plain[] = [];
  const n = text.length;
  // With no definition anywhere ("[label]:", footnotes too), a bracket that opens no inline
  // link is text: "[Trump] said", "[1]". Op-eds write such editorial brackets often.
  const literalBrackets = noDefinitions(text);
  let pos = 0;
  let line = 1;
  // Every run of non-blank lines in order, with its plain block if it has one.
  const runs: Array<Plain | undefined> = [];
  while (pos < n) {
    // `pos` is at the start of line `line`.
    let nl = text.indexOf('\n', pos);
    if (isBlank(text, pos, contentEnd(text, pos, nl))) {
      pos = nl < 0 ? n : nl + 1;
      line++;
      continue;
    }
    // A run of non-blank lines, which starts the text or follows a blank line: one paragraph
    // when it is plain, else whatever remark makes of it.
    const start = pos;
    const startLine = line;
    let plain = true;
    let end = pos;
    let lastLineStart = pos;
    let lines = 0;
    const links: PlainLink[] = [];
    let bracketsSeen = false;
    const flags = { escapes: false };
    for (;;) {
      const to = contentEnd(text, pos, nl);
      if (isBlank(text, pos, to)) break;
      if (plain) {
        const kind = plainLine(text, pos, to, links, literalBrackets, flags);
        plain = kind !== NOT_PLAIN;
        if (kind === PLAIN_WITH_BRACKETS) bracketsSeen = true;
      }
      lastLineStart = pos;
      end = to;
      lines++;
      pos = nl < 0 ? n : nl + 1;
      if (nl < 0) break;
      line++;
      nl = text.indexOf('\n', pos);
      if (pos >= n) break;
    }
    let depth = 0;
    if (!plain && lastLineStart === start) {
      flags.escapes = false;
      depth = headingDepth(text, start, end, flags);
    }
    if (depth > 0) plain = true;
    plain &&= stretchPlain(text, start, end, depth > 0 ? [] : links, bracketsSeen, flags.escapes);
    const items = plain || depth > 0 ? undefined : plainListItems(text, start, end, literalBrackets);
    if (plain || items) {
      const block: Plain = { start, end, line: startLine, lines, endColumn: end - lastLineStart + 1, follows: false };
      if (items) block.items = items;
      else if (depth > 0) block.depth = depth as Plain['depth'];
      else if (links.length > 0) block.links = links;
      if (flags.escapes) block.escapes = true;
      runs.push(block);
    } else {
      runs.push(undefined);
    }
  }
  // A list is taken only between plain paragraphs or headings (or the text's ends): one
  // starting at the left margin after such a block and a blank line is a new top-level list
  // (nothing before it is open), and a paragraph after it closes it. Beside another list,
  // or anything else, its items could belong to a longer list ("* a\n\n* b" is one loose
  // list): remark reads it.
  const lonePlain = (b: Plain | undefined): boolean => b !== undefined && b.items === undefined;
  for (let k = 0; k < runs.length; k++) {
    const b = runs[k];
    if (b?.items && ((k > 0 && !lonePlain(runs[k - 1])) || (k + 1 < runs.length && !lonePlain(runs[k + 1])))) runs[k] = undefined;
  }
  let previousPlain = false;
  for (const b of runs) {
    if (b) {
      b.follows = previousPlain;
      out.push(b);
    }
    previousPlain = b !== undefined;
  }
  return out;
}

/**
 * What a block's lines, plain each on its own, still need as a whole (a paragraph, a
 * heading or a list item's text): no literal bracket beside link syntax, which could pair
 * up with it ("[a [b] c](d)" is one link), and no literal autolink outside its links'
 * destinations, judged on the text as remark reads it, escapes resolved ("www\\.x.org" and
 * "a\\@b.co" are links).
 */
function stretchPlain(text: string, from: number, to: number, links: readonly PlainLink[], bracketsSeen: boolean, escapes: boolean): boolean {
  if (bracketsSeen && LINK_SYNTAX.test(text.slice(from, to))) return false;
  if (autolinkOutsideDestinations(text, from, to, links)) return false;
  if (!escapes) return true;
  const read = unescaped(text.slice(from, to));
  return !AUTOLINK.test(read) && !EMAIL_AT.test(read);
}

/**
 * The items of text[start, end) as a plain bullet list, or undefined: every line is one
 * item, the same marker (`*`, `-` or `+`) at the left margin, one space, then a line as
 * plain as a paragraph's that is not a task box (`[ ]`). The op-eds scraped from the web
 * carry such lists ("* Yes, he will be confirmed."), and they kept 86 of the evaluation
 * articles on remark.
 */
function plainListItems(text: string, start: number, end: number, literalBrackets: boolean): PlainItem[] | undefined {
  const bullet = text.charCodeAt(start);
  if (bullet !== 42 && bullet !== 45 && bullet !== 43) return undefined;
  const items: PlainItem[] = [];
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const to = nl < 0 || nl > end ? end : contentEnd(text, pos, nl);
    const contentStart = pos + 2;
    if (text.charCodeAt(pos) !== bullet || text.charCodeAt(pos + 1) !== 32 || contentStart >= to || text.charCodeAt(contentStart) === 91) return undefined;
    const links: PlainLink[] = [];
    const flags = { escapes: false };
    const kind = plainLine(text, contentStart, to, links, literalBrackets, flags);
    if (kind === NOT_PLAIN || !stretchPlain(text, contentStart, to, links, kind === PLAIN_WITH_BRACKETS, flags.escapes)) return undefined;
    const item: PlainItem = { start: pos, contentStart, end: to };
    if (links.length > 0) item.links = links;
    if (flags.escapes) item.escapes = true;
    items.push(item);
    pos = nl < 0 ? end : nl + 1;
  }
  return items;
}

/**
 * Whether the text has no link or footnote definition: none can be written without "]:".
 * A regular expression, not `includes`: once V8 had optimised this for op-ed-sized texts,
 * `includes` and `indexOf` took 350–400 ms on a 1 MB document, the expression 5 ms.
 */
function noDefinitions(text: string): boolean {
  return !DEFINITION_MARK.test(text);
}

const DEFINITION_MARK = /\]:/;
const LINK_SYNTAX = /\]\(/;

/** Where the content of the line starting at `from` ends: before its line feed and any CR before that. */
function contentEnd(text: string, from: number, nl: number): number {
  const end = nl < 0 ? text.length : nl;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** The level of the plain ATX heading that is text[from, to), or 0. */
function headingDepth(text: string, from: number, to: number, flags: { escapes: boolean }): number {
  let depth = 0;
  while (depth < 7 && text.charCodeAt(from + depth) === 35) depth++;
  if (depth === 0 || depth > 6 || text.charCodeAt(from + depth) !== 32) return 0;
  const first = from + depth + 1;
  if (first >= to || text.charCodeAt(first) === 32 || text.charCodeAt(to - 1) === 35 || text.charCodeAt(to - 1) === 32) return 0;
  // A `|` is text in a heading: a table's rows are paragraph lines ("# Jobs | Articles").
  let i = plainTextEnd(text, first, to, flags);
  while (i < to && text.charCodeAt(i) === 124) i = plainTextEnd(text, i + 1, to, flags);
  return i >= to ? depth : 0;
}

/** Whether text[from, to) is only blank lines: spaces, tabs and line endings (a CR only before a LF). */
function onlyBlankLines(text: string, from: number, to: number): boolean {
  return runEnd(BLANK_LINES, text, from) >= to;
}

/** The point at the end of a text with no lone CR, as remark gives it for the root. */
function endOfText(text: string): Point {
  return { line: lineCount(text, 0, text.length), column: text.length - text.lastIndexOf('\n'), offset: text.length };
}

function isBlank(text: string, from: number, to: number): boolean {
  return runEnd(BLANK_RUN, text, from) >= to;
}

const NOT_PLAIN = 0;
const PLAIN = 1;
/** Plain, with a bracket read as text. */
const PLAIN_WITH_BRACKETS = 2;

/**
 * Whether a line is plain; its inline links are added to `links`. `literalBrackets`: a
 * bracket that opens no link is text.
 */
function plainLine(text: string, from: number, to: number, links: PlainLink[], literalBrackets: boolean, flags: { escapes: boolean }): number {
  const first = text.charCodeAt(from);
  let start = from;
  if (first === 35) {
    // `#` opens a heading only before a space, a tab or the line's end: "#LasVegasShooting"
    // is text, hashtags as posts write them.
    while (start < to && text.charCodeAt(start) === 35) start++;
    if (start >= to || text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) return NOT_PLAIN;
  } else {
    NOT_FIRST.lastIndex = from;
    if (NOT_FIRST.test(text)) return NOT_PLAIN;
  }
  if (first >= 48 && first <= 57 && ORDERED.test(text.slice(from, Math.min(to, from + 12)))) return NOT_PLAIN;
  if (text.charCodeAt(to - 1) === 32) return NOT_PLAIN;
  let result = PLAIN;
  for (let i = plainTextEnd(text, start, to, flags); i < to; i = plainTextEnd(text, i, to, flags)) {
    const c = text.charCodeAt(i);
    if (c === 91) {
      const end = plainLink(text, i, to, links);
      if (end >= 0) i = end;
      else if (literalBrackets) (result = PLAIN_WITH_BRACKETS), i++;
      else return NOT_PLAIN;
    } else if (c === 93 && literalBrackets) {
      result = PLAIN_WITH_BRACKETS;
      i++;
    } else {
      return NOT_PLAIN;
    }
  }
  return result;
}

/**
 * Characters that keep a link destination out of the fast path: what ends or complicates it
 * (space, parentheses, angle brackets, quotes that could open a title), what remark decodes
 * in it (`\\`, `&`), and what binds tighter than a link (`` ` ``, `<`) or makes an email.
 */
const URL_RUN = /[^\x00-\x20()<>\\&`"'[\]@\x7f]*/y;

/**
 * The end of the inline link `[text](url)` at `at`, added to `links`, or -1: one line, text
 * as plain as a paragraph's with no space at either end and not a footnote call (`^`), a
 * destination of plain URL characters and no title, and no `!` before it (an image).
 */
function plainLink(text: string, at: number, to: number, links: PlainLink[]): number {
  if (at > 0 && text.charCodeAt(at - 1) === 33) return -1;
  const textStart = at + 1;
  const textEnd = plainRunEnd(text, textStart);
  if (textEnd >= to || text.charCodeAt(textEnd) !== 93) return -1;
  if (textEnd === textStart || text.charCodeAt(textStart) === 32 || text.charCodeAt(textStart) === 94 || text.charCodeAt(textEnd - 1) === 32) return -1;
  if (text.charCodeAt(textEnd + 1) !== 40) return -1;
  const urlStart = textEnd + 2;
  const urlEnd = runEnd(URL_RUN, text, urlStart);
  if (urlEnd >= to || urlEnd === urlStart || text.charCodeAt(urlEnd) !== 41) return -1;
  links.push({ start: at, textStart, textEnd, end: urlEnd + 1, url: text.slice(urlStart, urlEnd) });
  return urlEnd + 1;
}

/** Whether GFM could find a literal autolink in text[from, to), links' destinations aside. */
function autolinkOutsideDestinations(text: string, from: number, to: number, links: readonly PlainLink[]): boolean {
  let at = from;
  for (const l of links) {
    if (AUTOLINK.test(text.slice(at, l.textEnd))) return true;
    at = l.end;
  }
  return AUTOLINK.test(text.slice(at, to));
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
    const first = g.paragraphs[0]!;
    const last = g.paragraphs[g.paragraphs.length - 1]!;
    at[i] = g.start - s;
    s += g.end - g.start - standIn(g).length;
    ls += last.line + last.lines - 1 - first.line;
    shift[i] = s;
    lineShift[i] = ls;
  }
  const children: RootContent[] = [];
  let k = 0;
  for (const child of tree.children) {
    const start = child.position?.start.offset;
    if (k < groups.length && start !== undefined && start >= at[k]!) {
      const g = groups[k]!;
      if (start !== at[k] || child.type !== (g.list ? 'list' : 'paragraph') || child.position?.end.offset !== at[k]! + standIn(g).length) return undefined;
      // The first line comes from remark, which also counts a lone CR earlier on as a line ending.
      children.push(...rebuilt(groups[k]!, child.position.start.line + (k > 0 ? lineShift[k - 1]! : 0), text));
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
    if (rootEnd.offset === at[groups.length - 1]! + standIn(last).length) end.column = last.paragraphs[last.paragraphs.length - 1]!.endColumn;
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

/** The blocks of a group whose first line is `line` (remark's count). */
function rebuilt(group: Group, line: number, text: string): Array<Paragraph | Heading | List | Blockquote> {
  const first = group.paragraphs[0]!.line;
  return group.paragraphs.map((p) => block(text, p, line + p.line - first));
}

function block(text: string, p: Plain, line: number): Paragraph | Heading | List | Blockquote {
  if ((p as Hazard).reason) return plainTextReading(text, p as Hazard, line);
  if (p.items) return list(text, p, line);
  return paragraphOrHeading(text, p, line, 1);
}

/** A plain bullet list as remark builds it: tight, each item one paragraph of one line. */
function list(text: string, p: Plain, line: number): List {
  const items: ListItem[] = p.items!.map((it, k) => {
    const endColumn = it.end - it.start + 1;
    const content: Plain = { start: it.contentStart, end: it.end, line: line + k, lines: 1, endColumn, follows: false };
    if (it.links) content.links = it.links;
    if (it.escapes) content.escapes = true;
    return {
      type: 'listItem',
      spread: false,
      checked: null,
      children: [paragraphOrHeading(text, content, line + k, 3)],
      position: { start: { line: line + k, column: 1, offset: it.start }, end: { line: line + k, column: endColumn, offset: it.end } },
    };
  });
  return { type: 'list', ordered: false, start: null, spread: false, children: items, position: { start: { line, column: 1, offset: p.start }, end: { line: line + p.lines - 1, column: p.endColumn, offset: p.end } } };
}

/** A paragraph or heading whose first line starts at `column` (after a list marker: 3). */
function paragraphOrHeading(text: string, p: Plain, line: number, column: number): Paragraph | Heading {
  // Each node gets position objects of its own, as in a tree remark builds.
  const whole = (): Position => ({ start: { line, column, offset: p.start }, end: { line: line + p.lines - 1, column: p.endColumn, offset: p.end } });
  const read = p.escapes ? unescaped : (s: string): string => s;
  if (p.depth) {
    const position = whole();
    const textStart = p.start + p.depth + 1;
    const value: Text = { type: 'text', value: read(text.slice(textStart, p.end)), position: { start: { line, column: p.depth + 2, offset: textStart }, end: { ...position.end } } };
    return { type: 'heading', depth: p.depth, children: [value], position };
  }
  if (!p.links) {
    const value: Text = { type: 'text', value: read(text.slice(p.start, p.end)), position: whole() };
    return { type: 'paragraph', children: [value], position: whole() };
  }
  // Line and column of an offset in the paragraph (no tabs, no lone CR: columns are offsets).
  let l = line;
  let lineStart = p.start - (column - 1);
  const point = (offset: number): Point => {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < offset; nl = text.indexOf('\n', lineStart)) {
      l++;
      lineStart = nl + 1;
    }
    return { line: l, column: offset - lineStart + 1, offset };
  };
  const children: PhrasingContent[] = [];
  const textNode = (from: number, to: number): Text => ({ type: 'text', value: read(text.slice(from, to)), position: { start: point(from), end: point(to) } });
  let at = p.start;
  for (const k of p.links) {
    if (k.start > at) children.push(textNode(at, k.start));
    const start = point(k.start);
    const inner = textNode(k.textStart, k.textEnd);
    const link: Link = { type: 'link', title: null, url: k.url, children: [inner], position: { start, end: point(k.end) } };
    children.push(link);
    at = k.end;
  }
  if (p.end > at) children.push(textNode(at, p.end));
  return { type: 'paragraph', children, position: whole() };
}

/**
 * What micromark (remark's parser) does not read in bounded time, measured on this machine
 * (2026-12-07, Node 20): every list or quotation a line opens costs it work for every
 * other one still open, so one line of 1,000 "- " markers took 11 s, 2,000 "> " markers
 * 19 s, and a list nested 1,000 levels deep by indentation 31 s (growing faster than the
 * square of the depth); some thousands of levels exhaust its stack. Op-eds nest two or
 * three levels. A block past these limits is read as plain text instead (see
 * `plainTextReading`), and the analysis says so (the `analysis-limit` rule).
 */
export const MAX_MARKERS_PER_LINE = 12;
/** Columns of container prefix (indentation, `>` and list markers) a line may have: about 30 levels of nested lists. */
export const MAX_PREFIX_COLUMNS = 64;
/**
 * Characters a block that is not plain (see `plainBlocks`) may have before a blank line.
 * micromark reads long blocks linearly but slowly (a 400 KB paragraph of prose with a few
 * links took 5 s, ten times our whole analysis of it); no real paragraph, table or list
 * comes near this.
 */
export const MAX_BLOCK_CHARS = 100_000;

/** A block read as plain text, and why (a sentence fragment for the `analysis-limit` finding). */
export interface Hazard extends Plain {
  reason: string;
}

const FALLBACK = 'a part past the parser\u2019s limits lies inside a code block or HTML block, so the parts around it could not be delimited';

/** A fence that opens a code block (CommonMark: up to 3 spaces, then 3 or more ` or ~). */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FRONT_MATTER_OPEN = /^(---|\+\+\+)[ \t]*(?:\r?\n)/;

/**
 * The blocks of `text` remark cannot be given: runs of non-blank lines (each starting the
 * text or after a blank line or a code fence) with a line past MAX_MARKERS_PER_LINE or
 * MAX_PREFIX_COLUMNS, or longer than MAX_BLOCK_CHARS without being plain. Lines inside
 * top-level code fences and front matter are skipped: micromark reads them linearly. One
 * linear pass over the lines; the prefix of a line is read once.
 */
export function hazardBlocks(text: string): Hazard[] {
  const out: Hazard[] = [];
  const n = text.length;
  let pos = 0;
  let line = 1;
  let fence: string | undefined;
  const fm = FRONT_MATTER_OPEN.exec(text.slice(0, 8));
  if (fm) {
    // Front matter only counts when it closes; unclosed, its lines are Markdown.
    const close = new RegExp(`\\n${fm[1] === '---' ? '(?:---|\\.\\.\\.)' : '\\+\\+\\+'}[ \\t]*(?:\\r?\\n|$)`, 'g');
    close.lastIndex = fm[0].length - 1;
    const m = close.exec(text);
    if (m) {
      const end = m.index + m[0].length;
      line += lineCount(text, 0, end) - 1;
      pos = end;
    }
  }
  let start = -1;
  let startLine = 0;
  let lines = 0;
  let reason: string | undefined;
  let lastLineStart = 0;
  let end = 0;
  const close = (): void => {
    if (start >= 0) {
      if (!reason && end - start > MAX_BLOCK_CHARS && !isPlainBlock(text, start, end)) reason = `a block of ${formatCount(end - start)} characters with no blank line in it, past the ${formatCount(MAX_BLOCK_CHARS)} parsed as Markdown`;
      if (reason) out.push({ start, end, line: startLine, lines, endColumn: end - lastLineStart + 1, follows: false, reason });
    }
    start = -1;
    reason = undefined;
  };
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    const to = contentEnd(text, pos, nl);
    if (fence !== undefined) {
      if (closesFence(text, pos, to, fence)) fence = undefined;
    } else if (isBlank(text, pos, to)) {
      close();
    } else {
      const open = FENCE_OPEN.exec(text.slice(pos, Math.min(to, pos + 8)));
      if (open && (open[1]![0] !== '`' || text.indexOf('`', pos + open[0].length) < 0 || text.indexOf('`', pos + open[0].length) >= to)) {
        close();
        fence = open[1]!;
      } else {
        if (start < 0) {
          start = pos;
          startLine = line;
          lines = 0;
        }
        lines++;
        lastLineStart = pos;
        end = to;
        reason ??= prefixHazard(text, pos, to);
      }
    }
    pos = nl + 1;
    line++;
  }
  close();
  return out;
}

/** Why the prefix of the line text[from, to) is past the limits, or undefined. */
function prefixHazard(text: string, from: number, to: number): string | undefined {
  let markers = 0;
  let columns = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      columns++;
      i++;
    } else if (c === 9) {
      columns += 4 - (columns % 4);
      i++;
    } else if (c === 62) {
      markers++;
      columns++;
      i++;
    } else if ((c === 45 || c === 43 || c === 42) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      markers++;
      columns++;
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < to && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d !== 46 && d !== 41) || (text.charCodeAt(j + 1) !== 32 && text.charCodeAt(j + 1) !== 9)) break;
      markers++;
      columns += j + 1 - i;
      i = j + 1;
    } else {
      break;
    }
  }
  if (markers > MAX_MARKERS_PER_LINE) return `a line that opens ${formatCount(markers)} lists or quotations, past the ${MAX_MARKERS_PER_LINE} one line may open`;
  if (columns > MAX_PREFIX_COLUMNS) return `a line nested ${formatCount(columns)} columns deep in lists or quotations, past the ${MAX_PREFIX_COLUMNS} parsed as Markdown`;
  return undefined;
}

/** Whether the line text[from, to) closes a code block opened by `fence`. */
function closesFence(text: string, from: number, to: number, fence: string): boolean {
  let i = from;
  while (i < to && i - from < 3 && text.charCodeAt(i) === 32) i++;
  let k = i;
  while (k < to && text.charCodeAt(k) === fence.charCodeAt(0)) k++;
  return k - i >= fence.length && isBlank(text, k, to);
}

/** Whether text[from, to) is one plain block to the fast path (read on its own). */
function isPlainBlock(text: string, from: number, to: number): boolean {
  const blocks = plainBlocks(text.slice(from, to));
  return blocks.length === 1 && blocks[0]!.end === to - from;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A block read as plain text: one paragraph whose text is each line less its container
 * prefix (indentation, `>` and list markers), inside a blockquote when its first line is
 * quoted, so a quotation is still not the author's voice. The node carries the reason in
 * `data.plainText`, which the prose extraction collects.
 */
function plainTextReading(text: string, h: Hazard, line: number): Paragraph | Blockquote {
  const children: Text[] = [];
  let quoted = false;
  let l = line;
  for (let pos = h.start; pos < h.end; l++) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > h.end) nl = h.end;
    const to = contentEnd(text, pos, nl);
    let c = pos;
    while (c < to) {
      const ch = text.charCodeAt(c);
      if (ch === 32 || ch === 9 || ch === 62) {
        if (ch === 62 && pos === h.start) quoted = true;
        c++;
      } else if ((ch === 45 || ch === 43 || ch === 42) && (text.charCodeAt(c + 1) === 32 || text.charCodeAt(c + 1) === 9)) {
        c++;
      } else break;
    }
    if (c < to) children.push({ type: 'text', value: text.slice(c, to), position: { start: { line: l, column: c - pos + 1, offset: c }, end: { line: l, column: to - pos + 1, offset: to } } });
    pos = nl + 1;
  }
  const position = (): Position => ({ start: { line, column: 1, offset: h.start }, end: { line: line + h.lines - 1, column: h.endColumn, offset: h.end } });
  const paragraph: Paragraph = { type: 'paragraph', children, position: position() };
  const data = { plainText: h.reason };
  if (!quoted) return { ...paragraph, data } as Paragraph;
  return { type: 'blockquote', children: [paragraph], position: position(), data } as Blockquote;
}

/** The whole text read as plain text, block by block (see `plainTextReading`), for `reason`. */
function plainTextTree(text: string, reason: string): Root {
  const children: RootContent[] = [];
  let pos = 0;
  let line = 1;
  const n = text.length;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    if (isBlank(text, pos, contentEnd(text, pos, nl))) {
      pos = nl + 1;
      line++;
      continue;
    }
    const start = pos;
    const startLine = line;
    let end = pos;
    let last = pos;
    let lines = 0;
    while (pos < n) {
      let e = text.indexOf('\n', pos);
      if (e < 0) e = n;
      const to = contentEnd(text, pos, e);
      if (isBlank(text, pos, to)) break;
      last = pos;
      end = to;
      lines++;
      pos = e + 1;
      line++;
    }
    children.push(plainTextReading(text, { start, end, line: startLine, lines, endColumn: end - last + 1, follows: false, reason }, startLine));
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOfText(text) } };
}
