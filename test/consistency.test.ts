import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHECKS, ruleDefaults } from '../server/src/core/checks/index.js';
import { ROOT } from './helpers.js';

/** One id everywhere: registry ↔ docs ↔ settings ↔ tests ↔ allowed imports. */
const ids = [...ruleDefaults().keys()];

test('consistency: every rule id has a doc page, and every doc page a rule', () => {
  const docs = readdirSync(join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(docs, [...ids].sort());
});

test('consistency: every rule id has a setting in package.json, and no setting names an unknown rule', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: string }> } } };
  const props = pkg.contributes.configuration.properties;
  const settingRules = Object.keys(props).filter((k) => k.startsWith('marginalia.rules.')).map((k) => k.slice('marginalia.rules.'.length)).sort();
  assert.deepEqual(settingRules, [...ids].sort());
  for (const id of ids) {
    assert.deepEqual(props[`marginalia.rules.${id}`]!.enum, ['default', 'off', 'error', 'warning', 'info', 'hint']);
    assert.equal(props[`marginalia.rules.${id}`]!.default, 'default');
  }
});

test('consistency: every check has a unit test file named by its id', () => {
  const units = new Set(readdirSync(join(ROOT, 'test', 'unit')));
  for (const check of CHECKS) assert.ok(units.has(`${check.id}.test.ts`), `test/unit/${check.id}.test.ts`);
});

test('consistency: check ids are unique and kebab-case', () => {
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

test('consistency: the core is pure (no fs, no editor, no server, no CLI)', () => {
  const core = join(ROOT, 'server', 'src', 'core');
  for (const file of sources(core)) {
    for (const spec of imports(file)) {
      assert.ok(!/^(node:)?(fs|child_process|net|http|https|worker_threads|process)(\/|$)/.test(spec), `${relative(ROOT, file)} imports ${spec}`);
      assert.ok(!/^vscode/.test(spec), `${relative(ROOT, file)} imports ${spec}`);
      assert.ok(!/\/(lsp|cli|node)\//.test(spec), `${relative(ROOT, file)} imports ${spec}`);
    }
  }
});

test('consistency: a check never imports another check', () => {
  const dir = join(ROOT, 'server', 'src', 'core', 'checks');
  for (const file of sources(dir).filter((f) => !f.endsWith('index.ts'))) {
    for (const spec of imports(file)) assert.ok(!/^\.\/[^/]+\.js$/.test(spec), `${relative(ROOT, file)} imports ${spec}`);
  }
});

test('consistency: the client imports nothing of the server', () => {
  for (const file of sources(join(ROOT, 'client', 'src'))) {
    for (const spec of imports(file)) assert.ok(!spec.includes('server/'), `${relative(ROOT, file)} imports ${spec}`);
  }
});

test('consistency: the sample is the shared text verbatim, with only a title in front matter', () => {
  const shared = join(ROOT, '..', 'shared', 'samples', 'warmth-returns.txt');
  const sample = readFileSync(join(ROOT, 'samples', 'warmth-returns.md'), 'utf8');
  const m = /^---\ntitle: (.+)\n---\n([\s\S]*)$/.exec(sample);
  assert.ok(m, 'front matter with only a title');
  if (existsSync(shared)) assert.equal(m[2], readFileSync(shared, 'utf8'));
});
