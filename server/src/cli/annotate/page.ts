import { createHash } from 'node:crypto';
import type { Analysis } from '../../core/analyze.js';
import { docsUrl } from '../../core/check.js';
import { entityCard } from '../../core/entities/index.js';
import type { Finding } from '../../core/types.js';
import { escapeHtml, markdownToHtml, renderArticle, type Annotation } from './article.js';
import { PAGE_CSS, PAGE_SCRIPT } from './assets.js';

/**
 * One self-contained page per article: the styles and the script inline, allowed by their
 * hashes in a Content-Security-Policy that forbids everything else, so the page loads
 * nothing from anywhere and no script but ours can run in it, whatever the Markdown held.
 */

/** How the summary and the margin name each rule's findings: singular, plural. */
const KIND_NAMES: Record<string, [string, string]> = {
  'unsourced-figure': ['unsourced figure', 'unsourced figures'],
  'dated-claim': ['dated claim', 'dated claims'],
  'loaded-term': ['loaded term', 'loaded terms'],
  'entity-name': ['name problem', 'name problems'],
  'dated-claim-consistency': ['inconsistent date', 'inconsistent dates'],
  'front-matter': ['front-matter problem', 'front-matter problems'],
};

function kindName(ruleId: string, count: number): string {
  const names = KIND_NAMES[ruleId] ?? [`${ruleId} finding`, `${ruleId} findings`];
  return count === 1 ? names[0] : names[1];
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface PageSummary {
  /** Findings by rule id, in the order of the summary line. */
  kinds: Array<{ ruleId: string; count: number }>;
  /** Distinct entities named. */
  entities: number;
}

export function summarise(analysis: Analysis): PageSummary {
  const counts = new Map<string, number>();
  for (const f of analysis.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const order = Object.keys(KIND_NAMES);
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  const kinds = [...counts].map(([ruleId, count]) => ({ ruleId, count })).sort((a, b) => rank(a.ruleId) - rank(b.ruleId) || (a.ruleId < b.ruleId ? -1 : 1));
  return { kinds, entities: new Set(analysis.entities.map((e) => e.id)).size };
}

/** "3 unsourced figures · 11 dated claims · 22 loaded terms · 23 entities", as plain text. */
export function summaryText(summary: PageSummary): string {
  const parts = summary.kinds.map((k) => `${k.count} ${kindName(k.ruleId, k.count)}`);
  parts.push(`${summary.entities} ${summary.entities === 1 ? 'entity' : 'entities'}`);
  return parts.join(' · ');
}

function summaryHtml(summary: PageSummary): string {
  const parts = summary.kinds.map((k) => `<span class="kind k-${escapeHtml(k.ruleId)}"><span class="swatch" aria-hidden="true"></span>${k.count} ${escapeHtml(kindName(k.ruleId, k.count))}</span>`);
  parts.push(`<span class="kind entities"><span class="swatch" aria-hidden="true"></span>${summary.entities} ${summary.entities === 1 ? 'entity' : 'entities'}</span>`);
  return parts.join('<span class="sep" aria-hidden="true"> · </span>');
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** The page's head and frame; `body` is trusted HTML built here. */
export function pageHtml(title: string, body: string, script: boolean): string {
  const csp = `default-src 'none'; style-src ${hash(PAGE_CSS)}; ${script ? `script-src ${hash(PAGE_SCRIPT)}; ` : ''}img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="marginalia annotate">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    ...(script ? [`<script>${PAGE_SCRIPT}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function titleOf(analysis: Analysis, fallback: string): string {
  const field = analysis.doc.frontMatter?.fields.get('title')?.value;
  return typeof field === 'string' && field.trim() ? field.trim() : fallback;
}

/** A finding's note: its kind and severity (a link to its place in the text), the message, the rule's page. */
function noteHtml(f: Finding, id: number): string {
  const kind = capitalised(kindName(f.ruleId, 1));
  const resolved = f.resolved ? ` <span class="note-resolved">${escapeHtml(f.resolved.label)}</span>` : '';
  return [
    `<li class="note k-${escapeHtml(f.ruleId)} sev-${f.severity}" id="n-${id}" data-finding="${id}">`,
    `<a class="note-head" href="#f-${id}">${escapeHtml(kind)}</a> <span class="note-severity">${f.severity}</span>${resolved}`,
    `<p class="note-message">${escapeHtml(f.message)} <a class="note-rule" href="${escapeHtml(docsUrl(f.ruleId))}" rel="noopener noreferrer">${escapeHtml(f.ruleId)}</a></p>`,
    '</li>',
  ].join('');
}

export interface AnnotatedPage {
  html: string;
  title: string;
  summary: PageSummary;
}

/** The annotated page of one analysed article; `shownAs` is its path as reports show it. */
export function annotatedPage(shownAs: string, analysis: Analysis): AnnotatedPage {
  const title = titleOf(analysis, shownAs);
  const summary = summarise(analysis);
  const annotations: Annotation[] = analysis.findings.map((f, id) => ({
    start: f.start,
    end: f.end,
    kind: 'finding',
    id,
    uid: id,
    key: f.ruleId,
    severity: f.severity,
    ...(f.resolved ? { resolved: f.resolved.label } : {}),
  }));
  // One card per distinct text: a misspelt mention has notes of its own, the others share one.
  const cards: string[] = [];
  const cardIndex = new Map<string, number>();
  for (const mention of analysis.entities) {
    const card = entityCard(mention, analysis.entities, analysis.referenceDate, analysis.knowledge);
    let id = cardIndex.get(card);
    if (id === undefined) {
      id = cards.length;
      cards.push(card);
      cardIndex.set(card, id);
    }
    annotations.push({ start: mention.start, end: mention.end, kind: 'entity', id, uid: annotations.length, key: mention.id });
  }
  const frontMatter = analysis.doc.frontMatter;
  const article = renderArticle(analysis.doc.source, annotations, frontMatter ? { start: frontMatter.start, end: frontMatter.end } : undefined);
  const notesOf = (ids: readonly number[]): string => (ids.length === 0 ? '' : `<ol class="notes-list">${ids.map((id) => noteHtml(analysis.findings[id]!, id)).join('')}</ol>`);
  const rows = article.rows.map((row) => `<div class="row"><div class="text">${row.html}</div><aside class="notes" aria-label="Notes">${notesOf(row.findings)}</aside></div>`);
  if (article.unplaced.length > 0) {
    rows.push(`<div class="row"><div class="text"><p class="unplaced">Findings whose text could not be located in the rendered article:</p></div><aside class="notes" aria-label="Notes">${notesOf(article.unplaced)}</aside></div>`);
  }
  const reference = analysis.referenceDate;
  const body = [
    '<a class="skip" href="#article">Skip to the article</a>',
    '<header class="page-header">',
    `<p class="path">${escapeHtml(shownAs)}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="summary" aria-label="Summary">${summaryHtml(summary)}</p>`,
    `<p class="reference">Reference date <time datetime="${reference.date}">${reference.date}</time>, ${escapeHtml(reference.basis)}. Findings are highlighted by kind, with their notes in the margin; names underlined have a card on hover or focus.</p>`,
    '</header>',
    `<main id="article" class="article">${rows.join('\n')}</main>`,
    `<div class="card-store" hidden>${cards.map((card, id) => `<div class="card" id="card-${id}">${markdownToHtml(card)}</div>`).join('')}</div>`,
    '<div class="popup" role="tooltip" id="popup" hidden></div>',
  ].join('\n');
  return { html: pageHtml(`${title} · Marginalia`, body, true), title, summary };
}

/** The index of several annotated pages: each with its summary, linked. */
export function indexPage(pages: ReadonlyArray<{ href: string; shownAs: string; title: string; summary: PageSummary }>): string {
  const items = pages.map(
    (p) => `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a> <span class="path">${escapeHtml(p.shownAs)}</span><p class="summary">${summaryHtml(p.summary)}</p></li>`,
  );
  const body = [
    '<header class="page-header">',
    '<h1>Annotated articles</h1>',
    `<p class="reference">${pages.length} articles checked by Marginalia.</p>`,
    '</header>',
    `<main class="index"><ol class="index-list">${items.join('\n')}</ol></main>`,
  ].join('\n');
  return pageHtml('Annotated articles · Marginalia', body, false);
}
