import type { Node, Parent, Root, Html, Yaml } from 'mdast';
import { parseMarkdown } from './markdown.js';
import { parseFrontMatter, type FrontMatter } from './front-matter.js';
import { splitSentences, type Sentence } from './sentences.js';
import { LineIndex } from './line-index.js';
import type { OffsetRange } from './types.js';

export type BlockKind = 'paragraph' | 'heading' | 'tableCell';

/** A run of prose: a paragraph, a heading or a table cell. */
export interface ProseBlock extends OffsetRange {
  kind: BlockKind;
  /** Inside a blockquote: quoted material, not the author's own voice. */
  quoted: boolean;
  /** Inside a footnote definition: usually where the sources are. */
  footnote: boolean;
  /** For table cells: the whole table, whose caption or cells may source every cell. */
  table?: OffsetRange;
}

export interface LinkSpan extends OffsetRange {
  url: string;
  /** The link text, i.e. the visible prose, as a range. */
  textRange: OffsetRange;
}

export interface FootnoteRef extends OffsetRange {
  label: string;
}

/** An HTML comment, where inline directives live. */
export interface HtmlComment extends OffsetRange {
  body: string;
}

/**
 * The document as the checks see it. `prose` has exactly the length of `source`, with every
 * character that is not prose (markup, code, HTML, link destinations, front matter) blanked
 * to a space, so an index into `prose` is an index into `source`.
 */
export interface ProseDocument {
  source: string;
  prose: string;
  blocks: ProseBlock[];
  sentences: Sentence[];
  links: LinkSpan[];
  footnoteRefs: FootnoteRef[];
  footnoteDefinitions: Array<OffsetRange & { label: string }>;
  comments: HtmlComment[];
  frontMatter?: FrontMatter;
  lines: LineIndex;
}

const NOT_PROSE = new Set(['code', 'inlineCode', 'html', 'image', 'imageReference', 'definition', 'math', 'inlineMath', 'toml', 'break', 'thematicBreak']);

interface Pos {
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function range(node: Node): OffsetRange | undefined {
  const p = (node as Pos).position;
  const s = p?.start.offset;
  const e = p?.end.offset;
  return s === undefined || e === undefined ? undefined : { start: s, end: e };
}

export function buildProseDocument(source: string): ProseDocument {
  const tree: Root = parseMarkdown(source);
  const keep: OffsetRange[] = [];
  const blocks: ProseBlock[] = [];
  const links: LinkSpan[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const footnoteDefinitions: ProseDocument['footnoteDefinitions'] = [];
  const comments: HtmlComment[] = [];
  let frontMatter: FrontMatter | undefined;

  let table: OffsetRange | undefined;
  const visit = (node: Node, quoted: boolean, footnote: boolean): void => {
    const r = range(node);
    switch (node.type) {
      case 'yaml': {
        if (r) {
          const body = (node as Yaml).value;
          const bodyStart = source.indexOf(body, r.start);
          frontMatter = parseFrontMatter(body, bodyStart >= 0 ? bodyStart : r.start, r);
        }
        return;
      }
      case 'html': {
        if (r) collectComments((node as Html).value, r.start, comments);
        return;
      }
      case 'text': {
        if (r) keep.push(r);
        return;
      }
      case 'footnoteReference': {
        if (r) footnoteRefs.push({ ...r, label: (node as unknown as { identifier: string }).identifier });
        return;
      }
      case 'link': {
        const children = (node as Parent).children;
        if (r && children.length > 0) {
          const first = range(children[0]!);
          const last = range(children[children.length - 1]!);
          links.push({ ...r, url: (node as unknown as { url: string }).url, textRange: { start: first?.start ?? r.start, end: last?.end ?? r.end } });
        } else if (r) {
          links.push({ ...r, url: (node as unknown as { url: string }).url, textRange: r });
        }
        break;
      }
      case 'linkReference': {
        if (r) links.push({ ...r, url: '', textRange: r });
        break;
      }
      default:
        if (NOT_PROSE.has(node.type)) return;
    }
    let q = quoted;
    let f = footnote;
    if (node.type === 'blockquote') q = true;
    if (node.type === 'footnoteDefinition') {
      f = true;
      if (r) footnoteDefinitions.push({ ...r, label: (node as unknown as { identifier: string }).identifier });
    }
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && r) {
      const block: ProseBlock = { ...r, kind: node.type, quoted: q, footnote: f };
      if (node.type === 'tableCell' && table) block.table = table;
      blocks.push(block);
    }
    const outerTable = table;
    if (node.type === 'table' && r) table = r;
    const children = (node as Partial<Parent>).children;
    if (children) for (const child of children) visit(child, q, f);
    table = outerTable;
  };
  visit(tree, false, false);

  const prose = maskOutside(source, keep);
  const lines = new LineIndex(source);
  const sentences: Sentence[] = [];
  blocks.forEach((block, index) => {
    for (const s of splitSentences(prose, block.start, block.end)) sentences.push({ ...s, block: index });
  });
  const doc: ProseDocument = { source, prose, blocks, sentences, links, footnoteRefs, footnoteDefinitions, comments, lines };
  if (frontMatter) doc.frontMatter = frontMatter;
  return doc;
}

/** Blanks every character outside the kept ranges, keeping line breaks so lines line up. */
function maskOutside(source: string, keep: OffsetRange[]): string {
  keep.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const r of keep) {
    if (r.start < at) continue;
    parts.push(blank(source, at, r.start));
    parts.push(source.slice(r.start, r.end));
    at = r.end;
  }
  parts.push(blank(source, at, source.length));
  return parts.join('');
}

function blank(source: string, start: number, end: number): string {
  if (end <= start) return '';
  const gap = source.slice(start, end);
  return /[\r\n]/.test(gap) ? gap.replace(/[^\r\n]/g, ' ') : ' '.repeat(end - start);
}

const COMMENT = /<!--([\s\S]*?)-->/g;

function collectComments(html: string, offset: number, out: HtmlComment[]): void {
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(html); m; m = COMMENT.exec(html)) {
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, body: m[1]!.trim() });
  }
}

/** The sentence containing an offset, if any. */
export function sentenceAt(doc: ProseDocument, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
