import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Notification } from './client.js';
import { SAMPLE } from '../helpers.js';

interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity: number;
  code: string;
  source: string;
  codeDescription?: { href: string };
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: Diag[];
}

const text = readFileSync(SAMPLE, 'utf8');
const uri = pathToFileURL(SAMPLE).href;
let client: LspClient;

function published(forUri: string, version?: number): (n: Notification) => boolean {
  return (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as Published).uri === forUri && (version === undefined || (n.params as Published).version === version);
}

function figures(p: Published): string[] {
  const lines = text.split('\n');
  return p.diagnostics.filter((d) => d.code === 'unsourced-figure').map((d) => lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character));
}

before(async () => {
  client = new LspClient();
  const root = pathToFileURL(join(SAMPLE, '..', '..')).href;
  const init = (await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } } },
    workspaceFolders: [{ uri: root, name: 'root' }],
  })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
  assert.equal(init.serverInfo.name, 'marginalia-ls');
  assert.ok(init.capabilities['hoverProvider']);
  assert.ok(init.capabilities['codeActionProvider']);
  await client.connection.sendNotification('initialized', {});
});

after(async () => {
  await client.shutdown();
});

test('lsp: opening the sample publishes its diagnostics', async () => {
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const p = (await client.waitFor(published(uri, 1), 10_000, mark)).params as Published;
  assert.deepEqual(figures(p), ['millions of Chinese volunteer’s soldiers', 'approximately 400,000 soldiers', '28,500 well trained American troops']);
  const d = p.diagnostics.find((x) => x.code === 'unsourced-figure')!;
  assert.equal(d.source, 'marginalia');
  assert.equal(d.severity, 2);
  assert.match(d.codeDescription!.href, /docs\/rules\/unsourced-figure\.md$/);
  const status = (await client.waitFor((n) => n.method === 'marginalia/status', 10_000, mark)).params as { referenceDate: string; referenceDateSource: string };
  assert.deepEqual([status.referenceDate, status.referenceDateSource], ['2019-06-21', 'inferred']);
});

test('lsp: code actions offer the footnote and attribution fixes', async () => {
  const p = (await client.waitFor(published(uri, 1))).params as Published;
  const d = p.diagnostics.find((x) => x.code === 'unsourced-figure')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Array<{ title: string; kind: string; isPreferred?: boolean; edit?: { changes: Record<string, Array<{ newText: string }>> } }>;
  const titles = actions.map((a) => a.title);
  assert.ok(titles.some((t) => /footnote \[\^1\]/.test(t)), titles.join(' | '));
  assert.ok(titles.some((t) => /attribution/.test(t)));
  assert.ok(titles.includes('Disable unsourced-figure for this line'));
  const footnote = actions.find((a) => /footnote/.test(a.title))!;
  assert.equal(footnote.kind, 'quickfix');
  assert.equal(footnote.isPreferred, true);
  assert.deepEqual(footnote.edit!.changes[uri]!.map((e) => e.newText.trim().slice(0, 5)), ['[^1]', '[^1]:']);
});

test('lsp: hovering a finding explains it', async () => {
  const p = (await client.waitFor(published(uri, 1))).params as Published;
  const d = p.diagnostics.find((x) => x.code === 'unsourced-figure')!;
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: d.range.start.line, character: d.range.start.character + 2 } })) as { contents: { kind: string; value: string } };
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /unsourced-figure/);
  assert.match(hover.contents.value, /Unsourced figure/);
});

function position(needle: string, offsetInNeedle = 1): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line]!.indexOf(needle) + offsetInNeedle };
}

test('lsp: hovering a name shows its card as of the article date', async () => {
  await client.waitFor(published(uri, 1));
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('Xi Jin Ping', 3) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /\*\*Xi Jinping\*\*/);
  assert.match(hover.contents.value, /President of the People's Republic of China/);
  assert.match(hover.contents.value, /Age 66/);
  assert.match(hover.contents.value, /usual spelling is \*\*Xi Jinping\*\*/);
  const kim = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('President Kim has been', 11) })) as { contents: { value: string } };
  assert.match(kim.contents.value, /Kim Jong Un/);
  assert.match(kim.contents.value, /not a title Kim Jong Un held/);
  const nk = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('North Korea has land', 3) })) as { contents: { value: string } };
  assert.match(nk.contents.value, /Land borders: China, Russia, South Korea/);
});

test('lsp: document symbols list the entities; definition and references follow their mentions', async () => {
  await client.waitFor(published(uri, 1));
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string; children: unknown[] }>;
  const names = symbols.map((s) => s.name);
  for (const n of ['Xi Jinping', 'Kim Jong Un', 'North Korea', 'China', 'Donald Trump']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  const refs = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: position('President Xi’s visit', 11), context: { includeDeclaration: true } })) as Array<{ range: { start: { line: number } } }>;
  assert.equal(refs.length, symbols.find((s) => s.name === 'Xi Jinping')!.children.length);
  const def = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: position('President Xi’s visit', 11) })) as Array<{ range: { start: { line: number; character: number } } }>;
  assert.deepEqual(def[0]!.range.start, position('Xi Jin Ping', 0));
});

test('lsp: dated claims get inlay hints, a resolving hover and an absolute-date fix', async () => {
  const p = (await client.waitFor(published(uri, 1))).params as Published;
  const lastYear = p.diagnostics.find((d) => d.code === 'dated-claim' && d.message.includes("'last year'"))!;
  assert.ok(lastYear);
  assert.match(lastYear.message, /means 2018, counting from 2019-06-21/);
  const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as Array<{ position: { line: number; character: number }; label: string }>;
  assert.ok(hints.some((h) => h.label === '\u2192 in 2018' && h.position.line === lastYear.range.end.line && h.position.character === lastYear.range.end.character), JSON.stringify(hints.map((h) => h.label)));
  assert.ok(hints.some((h) => h.label === '\u2192 in 2009'));
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lastYear.range.start.line, character: lastYear.range.start.character + 1 } })) as { contents: { value: string } };
  assert.match(hover.contents.value, /`2018`/);
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: lastYear.range, context: { diagnostics: [lastYear] } })) as Array<{ title: string; edit?: { changes: Record<string, Array<{ newText: string }>> } }>;
  const rewrite = actions.find((a) => a.edit?.changes[uri]?.some((e) => e.newText === 'in 2018'));
  assert.ok(rewrite, actions.map((a) => a.title).join(' | '));
});

test('lsp: an incremental edit that removes a figure re-publishes without it', async () => {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('28,500'));
  const character = lines[line]!.indexOf('28,500 ');
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + '28,500 '.length } }, text: '' }],
  });
  const p = (await client.waitFor(published(uri, 2), 10_000, mark)).params as Published;
  assert.equal(p.diagnostics.filter((d) => d.code === 'unsourced-figure').length, 2);
  assert.ok(!p.diagnostics.some((d) => d.message.includes('28,500')));
});

test('lsp: rapid edits are debounced to one analysis of the latest version', async () => {
  const mark = client.mark;
  for (let v = 3; v <= 7; v++) {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: v === 3 ? 'X' : '' }],
    });
  }
  const p = (await client.waitFor(published(uri, 7), 10_000, mark)).params as Published;
  assert.ok(p.diagnostics.length > 0);
  const versions = client.seen.slice(mark).filter(published(uri)).map((n) => (n.params as Published).version);
  assert.deepEqual(versions, [7]);
});

test('lsp: a document that is not Markdown-shaped at all still gets an answer', async () => {
  const odd = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'mlsp-')), 'odd.md')).href;
  const mark = client.mark;
  const body = '---\ndate: [\n---\n\u0000\uD800 <!-- ' + '😀'.repeat(5000) + '\n';
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: odd, languageId: 'markdown', version: 1, text: body } });
  const p = (await client.waitFor(published(odd, 1), 10_000, mark)).params as Published;
  assert.ok(p.diagnostics.some((d) => d.code === 'front-matter'));
});

test('lsp: a document nested past what the parser can follow is analysed as text, with a finding saying so', async () => {
  const deep = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'mlsp-')), 'deep.md')).href;
  let mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: deep, languageId: 'markdown', version: 1, text: `${'>'.repeat(15_000)} deep\n` } });
  const p = (await client.waitFor(published(deep, 1), 10_000, mark)).params as Published;
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['analysis-limit']);
  assert.match(p.diagnostics[0]!.message, /^Read as plain text, not as Markdown: line 1, a line that opens 15,000 lists or quotations/);
  const status = (await client.waitFor((n) => n.method === 'marginalia/status' && (n.params as { uri: string }).uri === deep, 10_000, mark)).params as { state: string };
  assert.equal(status.state, 'ok');
  // Once the writer fixes it, the document is analysed as Markdown again.
  mark = client.mark;
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: deep, version: 2 }, contentChanges: [{ text: 'They have 28,500 troops.\n' }] });
  const fixed = (await client.waitFor(published(deep, 2), 10_000, mark)).params as Published;
  assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['unsourced-figure']);
});

test('lsp: a bad configuration file is reported on the file, and analysis goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlsp-'));
  writeFileSync(join(dir, '.marginalia.yaml'), 'rules:\n  unsourced-figure: loud\n');
  const doc = pathToFileURL(join(dir, 'a.md')).href;
  const configUri = pathToFileURL(join(dir, '.marginalia.yaml')).href;
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: 'They have 28,500 troops.\n' } });
  const onConfig = (await client.waitFor(published(configUri), 10_000, mark)).params as Published;
  assert.equal(onConfig.diagnostics[0]!.range.start.line, 1);
  assert.match(onConfig.diagnostics[0]!.message, /rules\.unsourced-figure: "loud" is not a severity/);
  const onDoc = (await client.waitFor(published(doc, 1), 10_000, mark)).params as Published;
  assert.equal(onDoc.diagnostics.filter((d) => d.code === 'unsourced-figure').length, 1);
});

test('lsp: closing a document clears its diagnostics', async () => {
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const p = (await client.waitFor((n) => published(uri)(n) && (n.params as Published).diagnostics.length === 0, 10_000, mark)).params as Published;
  assert.deepEqual(p.diagnostics, []);
});

test('lsp: started as VS Code starts it (IPC, messages through V8’s serializer), the server publishes the same diagnostics', async () => {
  const ipc = new LspClient({}, 'vscode');
  try {
    await ipc.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await ipc.connection.sendNotification('initialized', {});
    const mark = ipc.mark;
    await ipc.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const overIpc = (await ipc.waitFor(published(uri, 1), 20_000, mark)).params as Published;
    const overStdio = (await client.waitFor(published(uri, 1))).params as Published;
    assert.ok(overIpc.diagnostics.length > 30);
    assert.deepEqual(overIpc.diagnostics, overStdio.diagnostics);
  } finally {
    await ipc.shutdown();
  }
});
