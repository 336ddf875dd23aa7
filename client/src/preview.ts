import type { default as MarkdownIt, Token } from 'markdown-it';

/**
 * Marginalia's findings in VS Code's Markdown preview: each flagged phrase is wrapped in a
 * `<mark>` whose title is the finding's message, styled by severity (media/preview.css).
 *
 * The findings are the language server's diagnostics, read at render time: VS Code tokenizes
 * a document without saying which one it is and passes the document only to the renderer, so
 * the marks are added to a copy of the tokens when they are rendered (VS Code caches tokens
 * per document version; they are never changed). markdown-it gives block tokens their source
 * lines but no columns, so a finding is placed by its text: the n-th occurrence of that text
 * in the block's source is taken to be the n-th occurrence in the block's rendered text. A
 * finding whose text markup splits or changes (across emphasis, a line break, an escape) is
 * left unmarked rather than marked in the wrong place.
 *
 * No vscode import here, so the tests run it with the real markdown-it.
 */

export type PreviewSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface PreviewFinding {
  ruleId: string;
  severity: PreviewSeverity;
  message: string;
  /** 0-based, characters in UTF-16 units, as LSP. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PreviewSource {
  /** The document's lines, without line endings. */
  lines: readonly string[];
  findings: readonly PreviewFinding[];
}

/**
 * loaded-term's wording inside a quotation, which is the speaker's, not the author's: shown
 * in a quieter style. Read from the message, which opens with the category's label (the
 * client knows nothing of the server but its messages; test/unit/preview.test.ts keeps the
 * two in step).
 */
export function isQuoted(f: PreviewFinding): boolean {
  return f.ruleId === 'loaded-term' && f.message.startsWith('Loaded wording in a quotation ');
}

const OPEN = 'marginalia_open';
const CLOSE = 'marginalia_close';

/**
 * Adds the marks to `md`'s rendering; `sourceFor` gives the document and its findings from
 * the render environment, or undefined to render without marks.
 */
export function markFindings(md: MarkdownIt, sourceFor: (env: unknown) => PreviewSource | undefined): MarkdownIt {
  const escape = md.utils.escapeHtml;
  md.renderer.rules[OPEN] = (tokens, idx) => {
    const t = tokens[idx]!;
    const f = t.meta as PreviewFinding;
    return `<mark class="marginalia marginalia-${escape(f.severity)}${isQuoted(f) ? ' marginalia-quoted' : ''}" data-rule="${escape(f.ruleId)}" title="${escape(`${f.message} (${f.ruleId})`)}">`;
  };
  md.renderer.rules[CLOSE] = () => '</mark>';
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    let marked = tokens;
    try {
      const source = sourceFor(env);
      if (source && source.findings.length > 0) marked = withMarks(tokens, source);
    } catch {
      // The preview is the writer's: whatever goes wrong with the marks, it renders without them.
    }
    return render(marked, options, env);
  };
  return md;
}

/** A copy of `tokens` with marks around the findings' text (the tokens themselves are left alone). */
export function withMarks(tokens: readonly Token[], source: PreviewSource): Token[] {
  const byLine = new Map<number, PreviewFinding[]>();
  for (const f of source.findings) {
    // Only findings within one line can be found in one text token.
    if (f.start.line !== f.end.line || f.end.character <= f.start.character) continue;
    const list = byLine.get(f.start.line) ?? [];
    list.push(f);
    byLine.set(f.start.line, list);
  }
  return tokens.map((token) => {
    if (token.type !== 'inline' || !token.map || !token.children) return token;
    const [from, to] = token.map;
    const here: PreviewFinding[] = [];
    for (let line = from; line < to; line++) here.push(...(byLine.get(line) ?? []));
    if (here.length === 0) return token;
    const children = markChildren(token.children, here, source.lines, from, to);
    if (children === token.children) return token;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token);
    copy.children = children;
    return copy;
  });
}

interface Cut {
  child: number;
  start: number;
  end: number;
  finding: PreviewFinding;
}

function markChildren(children: Token[], findings: readonly PreviewFinding[], lines: readonly string[], from: number, to: number): Token[] {
  const block = lines.slice(from, to).join('\n');
  const lineStart: number[] = [];
  for (let line = from, at = 0; line < to; line++) {
    lineStart.push(at);
    at += (lines[line] ?? '').length + 1;
  }
  const cuts: Cut[] = [];
  for (const f of findings) {
    const text = (lines[f.start.line] ?? '').slice(f.start.character, f.end.character);
    if (!text.trim()) continue;
    const offset = lineStart[f.start.line - from]! + f.start.character;
    // When markup hides or adds occurrences (in a URL, in code), the count cannot be trusted.
    if (occurrencesBefore(block, text, block.length) !== occurrencesInText(children, text)) continue;
    const cut = nthInText(children, text, occurrencesBefore(block, text, offset));
    if (cut) cuts.push({ ...cut, finding: f });
  }
  if (cuts.length === 0) return children;
  // Overlapping findings: the earlier (or, at one start, the longer) one is marked.
  cuts.sort((a, b) => a.child - b.child || a.start - b.start || b.end - a.end);
  const kept: Cut[] = [];
  for (const c of cuts) {
    const last = kept[kept.length - 1];
    if (last && last.child === c.child && c.start < last.end) continue;
    kept.push(c);
  }
  // markdown-it's Token class, from a token of the same document (VS Code brings its own
  // markdown-it, and the instance does not expose the class).
  const TokenClass = children[kept[0]!.child]!.constructor as new (type: string, tag: string, nesting: Token["nesting"]) => Token;
  const text = (content: string): Token => {
    const t = new TokenClass('text', '', 0);
    t.content = content;
    return t;
  };
  const out: Token[] = [];
  let k = 0;
  children.forEach((child, i) => {
    if (kept[k]?.child !== i) {
      out.push(child);
      return;
    }
    let at = 0;
    for (; kept[k]?.child === i; k++) {
      const c = kept[k]!;
      if (c.start > at) out.push(text(child.content.slice(at, c.start)));
      const open = new TokenClass(OPEN, 'mark', 1);
      open.meta = c.finding;
      out.push(open, text(child.content.slice(c.start, c.end)), new TokenClass(CLOSE, 'mark', -1));
      at = c.end;
    }
    if (at < child.content.length) out.push(text(child.content.slice(at)));
  });
  return out;
}

function occurrencesBefore(haystack: string, needle: string, offset: number): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0 && i < offset; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

function occurrencesInText(children: readonly Token[], needle: string): number {
  let n = 0;
  for (const child of children) if (child.type === 'text') n += occurrencesBefore(child.content, needle, child.content.length);
  return n;
}

/** Where the `nth` (0-based) occurrence of `needle` in the text tokens lies, counted across all of them. */
function nthInText(children: readonly Token[], needle: string, nth: number): { child: number; start: number; end: number } | undefined {
  let seen = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type !== 'text') continue;
    for (let at = child.content.indexOf(needle); at >= 0; at = child.content.indexOf(needle, at + 1)) {
      if (seen === nth) return { child: i, start: at, end: at + needle.length };
      seen++;
    }
  }
  return undefined;
}
