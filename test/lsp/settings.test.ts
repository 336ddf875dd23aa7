import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Notification } from './client.js';

interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ code: string; severity: number }>;
}

const published = (uri: string) => (n: Notification) => n.method === 'textDocument/publishDiagnostics' && (n.params as Published).uri === uri;

test('lsp settings: a rule turned off in the editor settings takes effect without a restart', async () => {
  let settings: Record<string, unknown> = {};
  const client = new LspClient({ 'workspace/configuration': (p) => (p as { items: unknown[] }).items.map(() => settings) });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'mlsp-settings-'));
    const root = pathToFileURL(dir).href;
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: root, name: 'w' }] });
    await client.connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'a.md')).href;
    let mark = client.mark;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'They have 28,500 troops.\n' } });
    const first = (await client.waitFor(published(uri), 10_000, mark)).params as Published;
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.severity]), [['unsourced-figure', 2]]);

    settings = { rules: { 'unsourced-figure': 'error' } };
    mark = client.mark;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const second = (await client.waitFor(published(uri), 10_000, mark)).params as Published;
    assert.deepEqual(second.diagnostics.map((d) => [d.code, d.severity]), [['unsourced-figure', 1]]);

    settings = { rules: { 'unsourced-figure': 'off' } };
    mark = client.mark;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const third = (await client.waitFor(published(uri), 10_000, mark)).params as Published;
    assert.deepEqual(third.diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test('lsp settings: a client without workspace/configuration passes settings at initialize and on change', async () => {
  const client = new LspClient();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'mlsp-init-'));
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { settings: { rules: { 'unsourced-figure': 'info' } } } });
    await client.connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'a.md')).href;
    let mark = client.mark;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'They have 28,500 troops.\n' } });
    assert.deepEqual(((await client.waitFor(published(uri), 10_000, mark)).params as Published).diagnostics.map((d) => d.severity), [3]);
    mark = client.mark;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { marginalia: { rules: { 'unsourced-figure': 'off' } } } });
    assert.deepEqual(((await client.waitFor(published(uri), 10_000, mark)).params as Published).diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test('lsp settings: the append-option command edits .marginalia.yaml through the client', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlsp-cmd-'));
  writeFileSync(join(dir, '.marginalia.yaml'), '# team settings\nrules:\n  unsourced-figure: warning\n');
  const edits: unknown[] = [];
  const client = new LspClient({
    'workspace/applyEdit': (p) => {
      edits.push(p);
      return { applied: true };
    },
  });
  try {
    const root = pathToFileURL(dir).href;
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: { workspace: { applyEdit: true } }, workspaceFolders: [{ uri: root, name: 'w' }] });
    await client.connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'a.md')).href;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'marginalia.appendRuleOption', arguments: ['unsourced-figure', 'attributions', 'by our count', uri] });
    assert.equal(edits.length, 1);
    const edit = edits[0] as { edit: { changes: Record<string, Array<{ newText: string }>> } };
    const configUri = pathToFileURL(join(dir, '.marginalia.yaml')).href;
    const newText = edit.edit.changes[configUri]![0]!.newText;
    assert.match(newText, /# team settings/);
    assert.match(newText, /unsourced-figure:\n {4}severity: warning\n {4}attributions:\n {6}- by our count/);
    assert.equal(readFileSync(join(dir, '.marginalia.yaml'), 'utf8'), '# team settings\nrules:\n  unsourced-figure: warning\n');
  } finally {
    await client.shutdown();
  }
});
