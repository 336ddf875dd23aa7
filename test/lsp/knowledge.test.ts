import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Notification } from './client.js';

/**
 * The compiled base through the protocol: cards for names of the paragraph, the
 * "which one?" and unknown-name cards, the entity-title hint, and the quick fix that adds
 * an unknown titled person to the workspace's knowledge pack.
 */

const dir = mkdtempSync(join(tmpdir(), 'marginalia-lsp-kb-'));
const path = join(dir, 'op-ed.md');
const text = '---\ndate: 2015-03-03\n---\nIsraeli Prime Minister Benjamin Netanyahu addressed Congress. Speaker John Boehner invited him; Nancy Pelosi objected. Vice President Mike Pence spoke. Rep. Ryan and Speaker Smithers listened.\n';
writeFileSync(path, text);
const uri = pathToFileURL(path).href;
const body = text.split('\n')[3]!;
const at = (word: string): { line: number; character: number } => ({ line: 3, character: body.indexOf(word) + 1 });
let client: LspClient;

before(async () => {
  client = new LspClient();
  const root = pathToFileURL(dir).href;
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: {}, workspaceFolders: [{ uri: root, name: 'w' }] });
  await client.connection.sendNotification('initialized', {});
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.waitFor((n: Notification) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri, 30_000, mark);
});

after(async () => {
  await client.shutdown();
});

async function hover(word: string): Promise<string> {
  const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(word) })) as { contents: { value: string } } | null;
  return h?.contents.value ?? '';
}

test('lsp knowledge: cards for the paragraph as of its date', async () => {
  assert.match(await hover('Netanyahu'), /Prime Minister of Israel \(since 31 March 2009\)/);
  assert.match(await hover('Boehner'), /Speaker of the House of Representatives \(United States\) \(since 3 January 2011\)/);
  assert.match(await hover('Pelosi'), /House Minority Leader \(United States\) \(since 5 January 2011\)/);
  const pence = await hover('Pence');
  assert.match(pence, /On 3 March 2015: Governor of Indiana/);
  assert.match(pence, /Office data: unitedstates\/congress-legislators \(CC0\)/);
});

test('lsp knowledge: the wrong title is a hint on the title', async () => {
  const diagnostics = ((await client.waitFor((n: Notification) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri, 1_000, 0)).params as { diagnostics: Array<{ code: string; severity: number; range: { start: { character: number } } }> }).diagnostics;
  const hints = diagnostics.filter((d) => d.code === 'entity-title');
  assert.equal(hints.length, 1);
  assert.equal(hints[0]!.severity, 4);
  assert.equal(hints[0]!.range.start.character, body.indexOf('Vice President'));
});

test('lsp knowledge: "which one?" and unknown-name cards', async () => {
  assert.match(await hover('Ryan'), /which one\?[\s\S]*Paul Ryan[\s\S]*Tim Ryan/);
  assert.match(await hover('Smithers'), /not in the bundled knowledge[\s\S]*Named here as Speaker; mentioned once/);
});

test('lsp knowledge: a quick fix adds the unknown titled person to a new workspace pack and names it in the configuration', async () => {
  const pos = at('Smithers');
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } })) as Array<{ title: string; edit?: { documentChanges: Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> }> } }>;
  const add = actions.find((a) => a.title.startsWith('Add "Speaker Smithers"'));
  assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
  const changes = add.edit!.documentChanges;
  const pack = pathToFileURL(join(dir, '.marginalia', 'knowledge.yaml')).href;
  const config = pathToFileURL(join(dir, '.marginalia.yaml')).href;
  assert.ok(changes.some((c) => c.kind === 'create' && c.uri === pack));
  const packText = changes.find((c) => c.textDocument?.uri === pack)!.edits![0]!.newText;
  assert.match(packText, /kind: entities\nentities:\n/);
  assert.match(packText, /- id: mg:smithers\n {4}name: "Smithers"\n {4}type: person\n/);
  assert.match(packText, /title: "Speaker", style: "Speaker"/);
  assert.match(packText, /summary: "Named as Speaker Smithers in op-ed\.md, an article of 2015-03-03\."/);
  assert.equal(changes.find((c) => c.textDocument?.uri === config)!.edits![0]!.newText, 'knowledge: [.marginalia/knowledge.yaml]\n');
  // No such action for a name with a card.
  const known = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: at('Boehner'), end: at('Boehner') }, context: { diagnostics: [] } })) as Array<{ title: string }>;
  assert.ok(!known.some((a) => a.title.startsWith('Add "')));
});
