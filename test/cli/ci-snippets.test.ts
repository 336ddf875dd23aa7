import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';
import { FORMATS } from '../../server/src/cli/formats.js';
import { inProcess } from './helpers.js';

/** The CI recipes the README gives and the pre-commit hook are kept working: they parse, and every option they pass exists. */

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));

test('README: every YAML snippet parses', () => {
  const yaml = blocks.filter((b) => b.lang === 'yaml');
  assert.ok(yaml.length >= 5);
  for (const b of yaml) assert.doesNotThrow(() => parse(b.text.replace(/^( {2}\w+:\n)/, 'jobs:\n$1')), b.text.slice(0, 80));
});

test('README: every marginalia command it shows uses options and formats the CLI has', async () => {
  const help = (await inProcess(['--help'])).stdout;
  const commands = blocks.flatMap((b) => [...b.text.matchAll(/marginalia (check|merge|annotate)\b([^\n`]*)/g)].map((m) => ({ command: m[1]!, args: m[2]! })));
  assert.ok(commands.length >= 8, `${commands.length} commands`);
  for (const { command, args } of commands) {
    for (const option of args.match(/--[a-z-]+/g) ?? []) assert.ok(help.includes(option), `${command} ${option} is in the usage`);
    for (const m of args.matchAll(/--format ([a-z]+)/g)) assert.ok((FORMATS as readonly string[]).includes(m[1]!), m[1]);
    assert.ok(help.includes(`marginalia ${command}`));
  }
});

test('.pre-commit-hooks.yaml: a node hook running marginalia check on Markdown files', async () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  assert.equal(hooks.length, 1);
  const hook = hooks[0]!;
  assert.equal(hook['id'], 'marginalia');
  assert.equal(hook['language'], 'node');
  assert.deepEqual(hook['types'], ['markdown']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const [bin, command] = String(hook['entry']).split(' ');
  assert.ok(pkg.bin[bin!], `${bin} is a bin of the package`);
  // pre-commit appends the staged files to the entry.
  const r = await inProcess([command!, 'samples/warmth-returns.md', 'samples/markdown-constructs.md', '--fail-on', 'warning']);
  assert.equal(r.code, 1);
});
