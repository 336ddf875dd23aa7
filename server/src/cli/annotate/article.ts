import type { Element, ElementContent, Properties, Root as HastRoot, RootContent, Text } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { parseMarkdown } from '../../core/markdown.js';
import { alignText, cutAt } from './align.js';

/**
 * The article of an annotated page: the Markdown rendered to HTML (mdast-util-to-hast, raw
 * HTML dropped, links only to the web, mail or within the page, images as their alt text),
 * with each finding and entity mention wrapped where its source range is, and the page cut
 * into rows, one per top-level block, whose margin holds the notes of the findings in it.
 */

export interface Annotation {
  start: number;
  end: number;
  kind: 'finding' | 'entity';
  /** Index of the finding, or of the entity card, on the page. */
  id: number;
  /** Unique on the page: which pieces belong to one annotation. */
  uid: number;
  /** For findings: the rule id (its colour). For entities: the entity id. */
  key: string;
  /** For findings: the label of a resolved dated claim, shown beside it. */
  resolved?: string;
  /** For findings: the severity (the style of its line). */
  severity?: string;
}

export interface RenderedArticle {
  /** Rows: the block's HTML and the findings whose first piece it holds, in reading order. */
  rows: Array<{ html: string; findings: number[] }>;
  /** Findings that could not be placed in the text (the margin lists them at the end). */
  unplaced: number[];
}

const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): Text {
  return { type: 'text', value };
}

/** Links that cannot run code or load anything by themselves; images become their alt text. */
function defuse(node: HastRoot | Element): void {
  node.children = node.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') {
      const alt = String(child.properties['alt'] ?? '');
      return element('span', { className: ['image'] }, [text(alt ? `[image: ${alt}]` : '[image]')]);
    }
    if (child.tagName === 'a') {
      const href = String(child.properties['href'] ?? '');
      if (!SAFE_URL.test(href)) delete child.properties['href'];
      else if (/^https?:/i.test(href)) child.properties['rel'] = ['noopener', 'noreferrer'];
    }
    defuse(child);
    return child;
  });
}

/** The Markdown of `source` as hast, positions kept; undefined when it cannot be parsed. */
export function markdownToHast(source: string, tree?: MdastRoot): HastRoot | undefined {
  let mdast: MdastRoot;
  try {
    mdast = tree ?? parseMarkdown(source);
  } catch {
    return undefined;
  }
  const hast = toHast(mdast, { clobberPrefix: 'fn-' }) as HastRoot;
  defuse(hast);
  return hast;
}

/** A Markdown snippet (an entity card) as HTML. */
export function markdownToHtml(markdown: string): string {
  const hast = markdownToHast(markdown);
  return hast ? toHtml(hast) : `<p>${escapeHtml(markdown)}</p>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Placement {
  /** Annotations already placed once (their first piece is the focusable one). */
  placed: Set<number>;
  /** Findings first placed in the current row. */
  row: number[];
}


function wrap(a: Annotation, children: ElementContent[], first: boolean): Element {
  // Only a mention's or finding's first piece is focusable and described; the rest are its continuation.
  if (a.kind === 'entity') {
    const properties: Properties = { className: ['entity'], dataCard: a.id, dataEntity: a.key };
    if (first) Object.assign(properties, { tabIndex: 0, ariaDescribedBy: [`card-${a.id}`] });
    return element('span', properties, children);
  }
  const properties: Properties = { className: ['finding', `k-${a.key}`, `sev-${a.severity ?? 'warning'}`], dataFinding: a.id, dataRule: a.key };
  if (first) Object.assign(properties, { id: `f-${a.id}`, tabIndex: 0, ariaDescribedBy: [`n-${a.id}`] });
  return element('mark', properties, children);
}

function resolvedBadge(a: Annotation): Element {
  return element('span', { className: ['resolved', `k-${a.key}`], dataFor: a.id }, [element('span', { className: ['visually-hidden'] }, [text(' resolved: ')]), text(a.resolved!)]);
}

/** The text node cut at every annotation boundary, each piece wrapped in what covers it. */
function markText(node: Text, source: string, annotations: readonly Annotation[], placement: Placement): ElementContent[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [node];
  const here = annotations.filter((a) => a.start < end && a.end > start);
  if (here.length === 0) return [node];
  const offsets = alignText(node.value, source, start, end);
  if (!offsets) return [node];
  const cuts = here.map((a) => ({ a, from: cutAt(offsets, a.start), to: cutAt(offsets, a.end) })).filter((c) => c.to > c.from);
  const bounds = [...new Set([0, node.value.length, ...cuts.flatMap((c) => [c.from, c.to])])].sort((x, y) => x - y);
  const out: ElementContent[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const from = bounds[b]!;
    const to = bounds[b + 1]!;
    const covering = cuts
      .filter((c) => c.from <= from && c.to >= to)
      // Entities outermost, then longer findings around shorter ones.
      .sort((x, y) => (x.a.kind === y.a.kind ? x.a.end - x.a.start - (y.a.end - y.a.start) : x.a.kind === 'entity' ? 1 : -1));
    let piece: ElementContent = text(node.value.slice(from, to));
    for (const c of covering) {
      const first = !placement.placed.has(c.a.uid);
      if (first) {
        placement.placed.add(c.a.uid);
        if (c.a.kind === 'finding') placement.row.push(c.a.id);
      }
      piece = wrap(c.a, [piece], first);
    }
    out.push(piece);
    // A resolved date goes after the claim's last piece, outside its mark.
    for (const c of cuts) if (c.a.resolved && c.to === to && c.a.end <= end) out.push(resolvedBadge(c.a));
  }
  return out;
}

function markChildren(parent: Element | HastRoot, source: string, annotations: readonly Annotation[], placement: Placement): void {
  const children: Array<ElementContent | RootContent> = [];
  for (const child of parent.children) {
    if (child.type === 'text') children.push(...markText(child, source, annotations, placement));
    else {
      if (child.type === 'element') markChildren(child, source, annotations, placement);
      children.push(child);
    }
  }
  parent.children = children as typeof parent.children;
}

/**
 * The article with its annotations, in rows. `frontMatter` is the front matter's own row
 * (its raw text), when the document has one, so findings in it have a place too.
 */
export function renderArticle(source: string, annotations: readonly Annotation[], frontMatter?: { start: number; end: number }): RenderedArticle {
  const hast = markdownToHast(source) ?? plainText(source);
  const placement: Placement = { placed: new Set(), row: [] };
  const rows: RenderedArticle['rows'] = [];
  const blocks: Element[] = [];
  if (frontMatter) {
    const value = text(source.slice(frontMatter.start, frontMatter.end));
    value.position = { start: { line: 1, column: 1, offset: frontMatter.start }, end: { line: 1, column: 1, offset: frontMatter.end } };
    blocks.push(element('pre', { className: ['front-matter'], ariaLabel: 'Front matter' }, [value]));
  }
  for (const child of hast.children) if (child.type === 'element') blocks.push(child);
  for (const block of blocks) {
    placement.row = [];
    const holder = element('div', {}, [block]);
    markChildren(holder, source, annotations, placement);
    rows.push({ html: toHtml(holder.children), findings: placement.row });
  }
  const unplaced = annotations.filter((a) => a.kind === 'finding' && !placement.placed.has(a.uid)).map((a) => a.id);
  return { rows, unplaced };
}

/** A document the Markdown parser cannot follow, shown as its text, still marked. */
function plainText(source: string): HastRoot {
  const value = text(source);
  value.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: source.length } };
  return { type: 'root', children: [element('pre', { className: ['plain'] }, [value])] };
}
