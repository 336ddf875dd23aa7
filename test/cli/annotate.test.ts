import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { SAMPLE } from '../helpers.js';
import { alignText } from '../../server/src/cli/annotate/align.js';
import { cli, inProcess, json, workspace } from './helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) elements(child, out);
  if ('content' in node && node.content) elements(node.content as Node, out);
  return out;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function classes(el: Element): string[] {
  return (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
}

async function annotated(files: Record<string, string>, args: string[]): Promise<{ dir: string; stdout: string }> {
  const dir = workspace(files);
  const r = await inProcess(['annotate', ...args], dir);
  assert.equal(r.code, 0, r.stderr);
  return { dir, stdout: r.stdout };
}

test('annotate: the sample page holds every finding, entity, resolved date and note where they belong', async () => {
  const { dir } = await annotated({ 'warmth-returns.md': readFileSync(SAMPLE, 'utf8') }, ['warmth-returns.md', '--out', 'page.html']);
  const html = readFileSync(join(dir, 'page.html'), 'utf8');
  const report = json(await inProcess(['check', 'warmth-returns.md', '--format', 'json'], dir)).files[0]!;
  const all = elements(parse(html));
  const summary = all.find((e) => classes(e).includes('summary'))!;
  assert.equal(textOf(summary), '3 unsourced figures · 11 dated claims · 22 loaded terms · 2 name problems · 23 entities');
  assert.equal(textOf(all.find((e) => e.tagName === 'h1')!), 'Warmth returns between China and North Korea');
  const marks = all.filter((e) => e.tagName === 'mark');
  report.findings.forEach((f, id) => {
    const pieces = marks.filter((m) => attr(m, 'data-finding') === String(id));
    assert.equal(pieces.map(textOf).join(''), f.text, `finding ${id} “${f.text}” is marked whole`);
    assert.ok(pieces.every((m) => classes(m).includes(`k-${f.ruleId}`) && classes(m).includes(`sev-${f.severity}`)));
    const first = pieces.filter((m) => attr(m, 'tabindex') === '0');
    assert.equal(first.length, 1, 'one focusable piece');
    assert.equal(attr(first[0]!, 'aria-describedby'), `n-${id}`);
    const note = all.find((e) => attr(e, 'id') === `n-${id}`)!;
    assert.ok(note, `finding ${id} has its note`);
    assert.ok(textOf(note).includes(f.message), 'the note holds the message');
  });
  // Each note sits in the margin of the row whose text holds its mark.
  for (const row of all.filter((e) => classes(e).includes('row'))) {
    const inRow = elements(row);
    const marked = new Set(inRow.filter((e) => e.tagName === 'mark' && attr(e, 'tabindex') === '0').map((e) => attr(e, 'data-finding')));
    const noted = new Set(inRow.filter((e) => classes(e).includes('note')).map((e) => attr(e, 'data-finding')));
    assert.deepEqual(noted, marked);
  }
  const resolved = all.filter((e) => classes(e).includes('resolved'));
  const dated = report.findings.filter((f) => f.ruleId === 'dated-claim' && (f as { resolved?: unknown }).resolved);
  assert.equal(resolved.length, dated.length);
  assert.ok(resolved.some((e) => textOf(e).endsWith('in 2018')), 'last year: in 2018');
  const entities = all.filter((e) => classes(e).includes('entity') && attr(e, 'tabindex') === '0');
  assert.equal(entities.length, report.entities.length, 'every mention is underlined and focusable');
  const cards = new Set(all.filter((e) => classes(e).includes('card')).map((e) => attr(e, 'id')));
  for (const e of entities) assert.ok(cards.has(attr(e, 'aria-describedby')), 'described by its card');
  assert.equal(new Set(entities.map((e) => attr(e, 'data-entity'))).size, 23);
});

test('annotate: self-contained and inert: no resource from anywhere, only our hashed style and script may run', async () => {
  const hostile = [
    '# Hostile',
    '',
    '<script>alert(1)</script>',
    '',
    'Text with <img src="https://evil.example/x.png" onerror="alert(2)"> raw HTML, [a link](javascript:alert(3)) and [fine](https://example.org/a).',
    '',
    '![a chart](https://evil.example/chart.png)',
    '',
    '<iframe src="https://evil.example"></iframe>',
    '',
    'Last year 40% of them left.',
  ].join('\n');
  const { dir } = await annotated({ 'h.md': hostile }, ['h.md', '--out', 'h.html']);
  const html = readFileSync(join(dir, 'h.html'), 'utf8');
  const all = elements(parse(html));
  assert.deepEqual(all.filter((e) => ['img', 'iframe', 'link', 'object', 'embed'].includes(e.tagName)).map((e) => e.tagName), []);
  assert.ok(all.every((e) => !e.attrs.some((a) => a.name === 'src' || a.name.startsWith('on'))), 'no src, no event handler attributes');
  assert.deepEqual(all.filter((e) => e.tagName === 'a').map((e) => attr(e, 'href')).filter((h) => h && !/^(https:|#)/.test(h)), [], 'no javascript: links');
  assert.ok(all.some((e) => e.tagName === 'a' && attr(e, 'href') === undefined && textOf(e) === 'a link'), 'the unsafe link keeps its text');
  assert.ok(textOf(all.find((e) => e.tagName === 'main')!).includes('[image: a chart]'));
  const scripts = all.filter((e) => e.tagName === 'script');
  const styles = all.filter((e) => e.tagName === 'style');
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  const csp = attr(all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content')!;
  const hash = (el: Element): string => `'sha256-${createHash('sha256').update(textOf(el)).digest('base64')}'`;
  assert.match(csp, /^default-src 'none'; /);
  assert.ok(csp.includes(`style-src ${hash(styles[0]!)};`) && csp.includes(`script-src ${hash(scripts[0]!)};`), csp);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const findings = json(await inProcess(['check', 'h.md', '--format', 'json'], dir)).files[0]!.findings;
  assert.ok(findings.some((f) => f.text === 'Last year'));
  assert.equal(all.filter((e) => e.tagName === 'mark').map(textOf).join('|'), findings.map((f) => f.text).join('|'));
});

test('annotate: several files give a page each under the folder and an index', async () => {
  const { dir, stdout } = await annotated(
    { 'a.md': 'They have 28,500 troops.\n', 'deep/b.markdown': '---\ntitle: Bee\n---\nLast year it was severe.\n', 'deep/b.md': 'Nothing.\n' },
    ['.', '--out', 'site'],
  );
  assert.deepEqual(stdout.trim().split('\n'), ['site/a.html', 'site/deep/b.html', 'site/deep/b.md.html', 'site/index.html']);
  const index = elements(parse(readFileSync(join(dir, 'site', 'index.html'), 'utf8')));
  const links = index.filter((e) => e.tagName === 'a').map((e) => [attr(e, 'href'), textOf(e)]);
  assert.deepEqual(links, [
    ['a.html', 'a.md'],
    ['deep/b.html', 'Bee'],
    ['deep/b.md.html', 'deep/b.md'],
  ]);
  assert.match(textOf(index.find((e) => e.tagName === 'main')!), /1 dated claim · 1 loaded term · 0 entities/);
  const one = cli(['annotate', 'a.md', '--out', 'single'], dir);
  assert.deepEqual(one.stdout.trim().split('\n'), ['single/a.html'], 'one file: no index');
});

test('annotate: text nodes line up with their source through escapes, references and trimmed line ends', () => {
  const source = 'A \\*b\\* &amp; c  \r\nd &#x1F600; e';
  const value = 'A *b* & c\nd \u{1F600} e';
  const offsets = alignText(value, source, 0, source.length)!;
  assert.ok(offsets);
  assert.equal(source[offsets[value.indexOf('b')]!], 'b');
  assert.equal(source[offsets[value.indexOf('c')]!], 'c');
  assert.equal(source[offsets[value.indexOf('d')]!], 'd');
  assert.equal(source[offsets[value.indexOf('e', 10)]!], 'e');
  assert.equal(alignText('xyz', 'abc', 0, 3), undefined, 'text that is not its source is left unmarked');
});
