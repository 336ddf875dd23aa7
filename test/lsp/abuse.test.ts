import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, type Notification } from './client.js';
import { ROOT, SAMPLE, seededRandom } from '../helpers.js';
import { nestedQuotes } from '../hostile/shapes.js';

/**
 * The language server under abuse, over stdio as any editor drives it: it stays up, answers
 * every request, and what it publishes matches a fresh analysis of the same text.
 */
interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  message: string;
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: Diag[];
}

const sample = readFileSync(SAMPLE, 'utf8');
let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
  await client.connection.sendNotification('initialized', {});
});

after(async () => {
  await client.shutdown();
});

const published = (uri: string, version?: number) => (n: Notification): boolean => n.method === 'textDocument/publishDiagnostics' && (n.params as Published).uri === uri && (version === undefined || (n.params as Published).version === version);

async function open(uri: string, text: string, version = 1): Promise<Published> {
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  return (await client.waitFor(published(uri, version), 60_000, mark)).params as Published;
}

/** What the server publishes for `text` opened afresh under another name. */
let freshCount = 0;
async function fresh(text: string): Promise<Diag[]> {
  const uri = `untitled:fresh-${freshCount++}`;
  const p = await open(uri, text);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return p.diagnostics;
}

const PIECES = ['', ' ', 'a', '\n', '\n\n', '\r\n', '> ', '- ', '*', '`', '[', '](', '#', 'Last year ', '40% ', '\u201C', '\u{1F600}', 'President Trump said ', 'recently'];

test('abuse: thousands of random incremental edits, checked against a shadow copy, end where a fresh analysis does', async () => {
  const uri = 'untitled:edited';
  await open(uri, sample);
  const shadow = TextDocument.create(uri, 'markdown', 1, sample);
  const random = seededRandom(15);
  let version = 1;
  for (let burst = 0; burst < 30; burst++) {
    const changes = [];
    for (let k = 0; k < 50; k++) {
      const length = shadow.getText().length;
      const a = Math.floor(random() * (length + 1));
      const b = Math.min(length, a + Math.floor(random() * 8));
      const range = { start: shadow.positionAt(a), end: shadow.positionAt(b) };
      const text = PIECES[Math.floor(random() * PIECES.length)]!;
      TextDocument.update(shadow, [{ range, text }], ++version);
      changes.push({ range, text });
    }
    // Sent one change per message, then waited for once per burst.
    for (let k = 0; k < changes.length; k++) await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version - changes.length + 1 + k }, contentChanges: [changes[k]] });
    await client.waitFor(published(uri, version), 60_000);
  }
  const last = client.seen.filter(published(uri, version)).pop()!.params as Published;
  assert.deepEqual(last.diagnostics, await fresh(shadow.getText()));
});

test('abuse: requests for closed and never-opened documents, and malformed positions, get empty answers', async () => {
  const uri = 'untitled:closed';
  await open(uri, sample);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  // Changes and closes for documents the server never saw are ignored.
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'untitled:never', version: 2 }, contentChanges: [{ text: 'x' }] });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'untitled:never' } });
  for (const target of [uri, 'untitled:never', 'file:///no/such/file.md', 'not a uri']) {
    const position = { line: 3, character: 4 };
    const range = { start: position, end: { line: 9, character: 0 } };
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: target }, position }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: target }, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: target }, range }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: target } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/references', { textDocument: { uri: target }, position, context: { includeDeclaration: true } }), []);
  }
  const live = 'untitled:positions';
  await open(live, sample);
  for (const position of [{ line: -5, character: -1 }, { line: 1e9, character: 1e9 }, { line: 2, character: 1e9 }, { line: 1.5, character: Number.NaN }]) {
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: live }, position });
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: live }, range: { start: position, end: position }, context: { diagnostics: [] } });
  }
});

test('abuse: hover, code actions and inlay hints at every offset answer, with ranges inside the document', async () => {
  const text = `---\ndate: 2019-06-21\n---\n# Title\n\nLast year 40% of \u201Cvoters\u201D said President Xi Jin Ping was a disaster.\r\n\n> A quote, recently.\n\n- item [link](https://x.org/2018) \`code 12%\`\n`;
  const uri = 'untitled:every-offset';
  await open(uri, text);
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  const end = doc.positionAt(text.length);
  const inside = (p: { line: number; character: number }): boolean => doc.offsetAt(p) >= 0 && (p.line < end.line || (p.line === end.line && p.character <= end.character));
  let hovers = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const position = doc.positionAt(offset);
    const [hover, actions, hints] = (await Promise.all([
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }),
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: doc.positionAt(Math.min(text.length, offset + 3)) }, context: { diagnostics: [] } }),
      client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: position, end: end } }),
    ])) as [{ range: Diag['range'] } | null, unknown[], Array<{ position: { line: number; character: number } }>];
    if (hover) {
      hovers++;
      assert.ok(inside(hover.range.start) && inside(hover.range.end), JSON.stringify(hover.range));
    }
    assert.ok(Array.isArray(actions));
    for (const h of hints) assert.ok(inside(h.position));
  }
  assert.ok(hovers > 20, `${hovers} hovers`);
});

test('abuse: out-of-order and cancelled requests are all answered, the later edit wins', async () => {
  const uri = 'untitled:racing';
  await open(uri, sample);
  const pending: Array<Promise<unknown>> = [];
  const source = new (await import('vscode-jsonrpc/node.js')).CancellationTokenSource();
  for (let v = 2; v < 40; v++) {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    const position = { line: v % 10, character: v };
    pending.push(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }, source.token).catch((e: Error) => e));
    pending.push(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }).catch((e: Error) => e));
    if (v % 3 === 0) source.cancel();
  }
  const answers = await Promise.all(pending);
  assert.equal(answers.length, 76);
  const last = (await client.waitFor(published(uri, 39), 60_000)).params as Published;
  assert.deepEqual(last.diagnostics, await fresh(`${'x'.repeat(38)}${sample}`));
});

test('abuse: hostile documents are published, and the server answers after each', async () => {
  const docs = ['', '\0\0\x01binary\xff', 'line\rline\r\rLast year.\r', `${nestedQuotes(10_000)}`, `${'- '.repeat(5_000)}x\n`, 'a\n\n'.repeat(100_000), `---\na: ${'['.repeat(10_000)}\n---\nText.\n`, `${'Last year 40% were there. '.repeat(20_000)}`];
  for (const [i, text] of docs.entries()) {
    const p = await open(`untitled:hostile-${i}`, text);
    assert.ok(Array.isArray(p.diagnostics));
    assert.ok(p.diagnostics.length <= 5_001);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:never' }, position: { line: 0, character: 0 } }), null);
  }
});

test('abuse: malformed JSON-RPC is answered or ignored, and the server keeps serving', async () => {
  const raw = (body: string, length = Buffer.byteLength(body)): void => {
    client.process.stdin!.write(`Content-Length: ${length}\r\n\r\n${body}`);
  };
  raw('{"jsonrpc":"2.0","id":9001,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:never"}}}');
  raw('{not json at all');
  raw('[1,2,3]');
  raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":null}}');
  raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:x","version":"two"},"contentChanges":[{"range":"bad"}]}}');
  raw('{"jsonrpc":"2.0","id":9002,"method":"no/such/method","params":{}}');
  await assert.rejects(client.connection.sendRequest('no/such/method/either', {}), /Unhandled method|not found/i);
  // Parameters of the wrong types: answered (with nothing or an error), never left hanging.
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 42 }, position: 'middle' }).catch(() => undefined);
  const p = await open('untitled:after-garbage', 'Last year 40% said so.\n');
  assert.ok(p.diagnostics.some((d) => d.code === 'dated-claim'));
  assert.equal(client.process.exitCode, null);
});

/** VmRSS of a process in MB, from /proc. */
function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

test('abuse: memory stays flat across 10,000 edits (a generous bound; the bench has the figure)', async () => {
  const uri = 'untitled:memory';
  await open(uri, sample);
  let version = 1;
  const burst = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      version++;
      const insert = version % 2 === 0;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 6, character: 10 }, end: { line: 6, character: insert ? 10 : 11 } }, text: insert ? 'x' : '' }] });
      if (i % 50 === 49) await client.waitFor(published(uri, version), 60_000);
    }
    await client.waitFor(published(uri, version), 60_000);
  };
  await burst(1_000);
  const early = rssMB(client.process.pid!);
  await burst(9_000);
  const late = rssMB(client.process.pid!);
  assert.ok(late < early + 80, `RSS ${early.toFixed(0)} MB after 1,000 edits, ${late.toFixed(0)} MB after 10,000`);
});

test('abuse: a client that never reads holds the server to bounded memory, and gets the latest state when it reads again', async () => {
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'marginalia-ls.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  try {
    const send = (message: object): void => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    server.stdout.pause();
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } } });
    send({ method: 'initialized', params: {} });
    const big = `${sample}\n`.repeat(20);
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:unread', languageId: 'markdown', version: 1, text: big } } });
    let peak = 0;
    for (let v = 2; v <= 600; v++) {
      send({ method: 'textDocument/didChange', params: { textDocument: { uri: 'untitled:unread', version: v }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: v % 2 ? ' ' : 'x' }] } });
      if (v % 20 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        peak = Math.max(peak, rssMB(server.pid!));
      }
    }
    assert.ok(peak < 400, `peak RSS ${peak.toFixed(0)} MB while the client did not read`);
    // Reading again: the last version's diagnostics arrive.
    let buffered = '';
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics for the last version')), 120_000);
      server.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        if (buffered.includes('"version":600')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    server.stdout.resume();
    await seen;
    assert.equal(server.exitCode, null);
  } finally {
    server.kill();
  }
});
