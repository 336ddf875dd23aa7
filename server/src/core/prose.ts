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

/**
 * A block, built as a literal of one shape (two with a table cell's table). A spread such as
 * `{ ...r, kind, quoted, footnote }` gave each object a hidden class of its own in V8 (map,
 * descriptors, property array: ~200 bytes more per block, 1.1 MB of the server's heap on a
 * 1 MB document) and was most of the tree walk's time in the CLI (40 ms over its 1,000
 * files). Blocks moved by an edit are built here too (incremental.ts), so they share it.
 */
export function proseBlock(start: number, end: number, kind: BlockKind, quoted: boolean, footnote: boolean, table: OffsetRange | undefined): ProseBlock {
  return table ? { start, end, kind, quoted, footnote, table } : { start, end, kind, quoted, footnote };
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

/** A part of the document read as plain text rather than Markdown, and why (see markdown.ts's `hazardBlocks`). */
export interface PlainTextPart extends OffsetRange {
  reason: string;
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
  /** Parts read as plain text, in order. */
  plainText: PlainTextPart[];
  frontMatter?: FrontMatter;
  lines: LineIndex;
}

const NOT_PROSE = new Set(['code', 'inlineCode', 'html', 'image', 'imageReference', 'math', 'inlineMath', 'toml', 'break', 'thematicBreak']);

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
  return proseFromTree(source, parseMarkdown(source));
}

/** The prose document of an already parsed source (the parse is timed apart in benchmarks). */
export function proseFromTree(source: string, tree: Root): ProseDocument {
  const parts = extractParts(tree, source, 0, source.length);
  return assembleDocument(source, maskRange(source, parts.keep, 0, source.length), parts);
}

/** A top-level Markdown node's extent: the unit an incremental update re-parses. */
export interface Segment extends OffsetRange {
  type: string;
}

/** A link reference or footnote definition: references anywhere resolve against these. */
export interface DefinitionLabel extends OffsetRange {
  kind: 'link' | 'footnote';
  /** As written between the brackets (what a stub re-declaring it needs). */
  label: string;
  identifier: string;
}

/** What one parse of a stretch of the source yields, in absolute offsets. */
export interface ProseParts {
  keep: OffsetRange[];
  blocks: ProseBlock[];
  links: LinkSpan[];
  footnoteRefs: FootnoteRef[];
  footnoteDefinitions: Array<OffsetRange & { label: string }>;
  comments: HtmlComment[];
  plainText: PlainTextPart[];
  frontMatter?: FrontMatter;
  segments: Segment[];
  definitions: DefinitionLabel[];
}

/**
 * Walks a tree parsed from `source.slice(offset, …)`, keeping only top-level nodes that
 * start before `limit` (relative to the parsed text), shifting every position by `offset`.
 */
export function extractParts(tree: Root, source: string, offset: number, limit: number): ProseParts {
  const parts: ProseParts = { keep: [], blocks: [], links: [], footnoteRefs: [], footnoteDefinitions: [], comments: [], plainText: [], segments: [], definitions: [] };
  const { keep, blocks, links, footnoteRefs, footnoteDefinitions, comments, definitions } = parts;
  // One object per node, not two: this walk visits every node of the tree.
  const at = (node: Node): OffsetRange | undefined => {
    const p = (node as Pos).position;
    const s = p?.start.offset;
    const e = p?.end.offset;
    return s === undefined || e === undefined ? undefined : { start: s + offset, end: e + offset };
  };

  // Depth first with a stack of its own, not recursion: remark nests a few thousand quote or
  // list levels deep before its own stack runs out, and a recursive walk ran out first.
  const stack: Array<{ node: Node; quoted: boolean; footnote: boolean; table: OffsetRange | undefined }> = [];
  const visit = (root: Node): void => {
    stack.push({ node: root, quoted: false, footnote: false, table: undefined });
    while (stack.length > 0) {
      const { node, quoted, footnote, table } = stack.pop()!;
      if (!visitNode(node, quoted, footnote, table)) continue;
      const children = (node as Partial<Parent>).children;
      if (!children) continue;
      const q = quoted || node.type === 'blockquote';
      const f = footnote || node.type === 'footnoteDefinition';
      const t = node.type === 'table' ? (at(node) ?? table) : table;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, quoted: q, footnote: f, table: t });
    }
  };
  /** Records what `node` itself contributes; false when its children are not prose. */
  const visitNode = (node: Node, quoted: boolean, footnote: boolean, table: OffsetRange | undefined): boolean => {
    const r = at(node);
    const plainText = (node.data as { plainText?: string } | undefined)?.plainText;
    if (plainText !== undefined && r) parts.plainText.push({ start: r.start, end: r.end, reason: plainText });
    switch (node.type) {
      case 'yaml': {
        if (r) {
          const body = (node as Yaml).value;
          const bodyStart = source.indexOf(body, r.start);
          parts.frontMatter = parseFrontMatter(body, bodyStart >= 0 ? bodyStart : r.start, r);
        }
        return false;
      }
      case 'html': {
        if (r) collectComments((node as Html).value, r.start, comments);
        return false;
      }
      case 'text': {
        if (r) keep.push(r);
        return false;
      }
      case 'footnoteReference': {
        if (r) footnoteRefs.push({ ...r, label: (node as unknown as { identifier: string }).identifier });
        return false;
      }
      case 'definition': {
        const d = node as unknown as { identifier: string; label?: string };
        if (r) definitions.push({ ...r, kind: 'link', label: d.label ?? d.identifier, identifier: d.identifier });
        return false;
      }
      case 'link': {
        const children = (node as Parent).children;
        if (r && children.length > 0) {
          const first = at(children[0]!);
          const last = at(children[children.length - 1]!);
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
        if (NOT_PROSE.has(node.type)) return false;
    }
    if (node.type === 'footnoteDefinition' && r) {
      const d = node as unknown as { identifier: string; label?: string };
      footnoteDefinitions.push({ ...r, label: d.identifier });
      definitions.push({ ...r, kind: 'footnote', label: d.label ?? d.identifier, identifier: d.identifier });
    }
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && r) {
      blocks.push(proseBlock(r.start, r.end, node.type, quoted, footnote, node.type === 'tableCell' ? table : undefined));
    }
    return true;
  };
  for (const child of tree.children) {
    const r = range(child);
    if (!r || r.start >= limit) break;
    parts.segments.push({ start: r.start + offset, end: r.end + offset, type: child.type });
    visit(child);
  }
  definitions.sort((a, b) => a.start - b.start);
  return parts;
}

/** The document from its masked prose and parts; sentences are split block by block. */
export function assembleDocument(source: string, prose: string, parts: ProseParts, lines = new LineIndex(source)): ProseDocument {
  const sentences: Sentence[] = [];
  parts.blocks.forEach((block, index) => {
    for (const s of splitSentences(prose, block.start, block.end)) {
      s.block = index;
      sentences.push(s);
    }
  });
  const { blocks, links, footnoteRefs, footnoteDefinitions, comments, plainText } = parts;
  const doc: ProseDocument = { source, prose, blocks, sentences, links, footnoteRefs, footnoteDefinitions, comments, plainText, lines };
  if (parts.frontMatter) doc.frontMatter = parts.frontMatter;
  return doc;
}

/**
 * The prose of `source` between `from` and `to`: every character outside the kept ranges
 * blanked, line breaks kept so lines line up.
 */
export function maskRange(source: string, keep: OffsetRange[], from: number, to: number): string {
  keep.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = from;
  for (const r of keep) {
    if (r.start < at) continue;
    parts.push(blank(source, at, r.start));
    parts.push(source.slice(r.start, r.end));
    at = r.end;
  }
  parts.push(blank(source, at, to));
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
