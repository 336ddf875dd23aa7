import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, run } from '../helpers.js';
import { parseConfig, MAX_LIST_ITEMS } from '../../server/src/core/config.js';
import { loadConfigFile } from '../../server/src/node/config-files.js';
import { settingsToConfig, normaliseSettings } from '../../server/src/lsp/settings.js';
import { staysInside } from '../../server/src/core/workspace-paths.js';
import { yamlTooDeep } from '../../server/src/core/yaml-limits.js';
import { compileKnowledge } from '../../server/src/core/knowledge.js';

/** Nothing a workspace contains runs code, reads outside it, or exhausts the process. */

test('safety: pack paths from a workspace stay inside it', () => {
  for (const p of ['packs/a.yaml', './a.yaml', 'x/../a.yaml', 'a/b/../../c.yaml']) assert.ok(staysInside(p), p);
  for (const p of ['/etc/passwd', '../a.yaml', 'x/../../a.yaml', 'C:\\\\x.yaml', '\\\\\\\\server\\\\share', '~/x.yaml', '']) assert.ok(!staysInside(p), p);
  const { problems } = parseConfig('knowledge: [packs/ok.yaml, ../../home/secret.yaml]\n', '.marginalia.yaml');
  assert.match(problems[0]!.message, /"..\/..\/home\/secret.yaml" is outside this configuration's folder/);
  assert.equal(problems[0]!.key, 'knowledge');
  assert.match(parseConfig('knowledge: [/etc/hosts]\n', 'c.yaml').problems[0]!.message, /absolute path belongs in your user settings/);
});

test('safety: a symbolic link inside the workspace cannot lead a pack path out of it', () => {
  const outside = mkdtempSync(join(tmpdir(), 'marginalia-outside-'));
  writeFileSync(join(outside, 'secret.yaml'), 'kind: entities\n');
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-ws-'));
  symlinkSync(outside, join(dir, 'packs'));
  writeFileSync(join(dir, '.marginalia.yaml'), 'knowledge: [packs/secret.yaml]\n');
  assert.throws(() => loadConfigFile(join(dir, '.marginalia.yaml')), /leads outside this configuration's folder through a symbolic link/);
  mkdirSync(join(dir, 'own'));
  writeFileSync(join(dir, '.marginalia.yaml'), 'knowledge: [own/mine.yaml]\n');
  assert.deepEqual(loadConfigFile(join(dir, '.marginalia.yaml')).knowledge, [join(dir, 'own', 'mine.yaml')]);
});

test('safety: editor settings read an absolute pack only from the user, and none when untrusted', () => {
  const settings = normaliseSettings({ knowledge: ['/home/me/packs.yaml', 'local.yaml', '../up.yaml'], workspaceKnowledge: ['/etc/x.yaml', 'team.yaml', '../../y.yaml'] });
  const config = settingsToConfig(settings, '/ws');
  assert.deepEqual(config.knowledge, ['/home/me/packs.yaml', '/ws/local.yaml', '/ws/team.yaml']);
  assert.deepEqual(config.refused, ['../up.yaml', '/etc/x.yaml', '../../y.yaml']);
  const untrusted = settingsToConfig(settings, '/ws', false);
  assert.deepEqual(untrusted.knowledge, []);
});

test('safety: the extension declares limited support for untrusted and virtual workspaces', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] }; virtualWorkspaces: { supported: string } } };
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['marginalia.knowledge']);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  const client = readFileSync(join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(client, /initializationOptions: \{ trusted: vscode\.workspace\.isTrusted \}/);
});

const BOMB = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n';

test('safety: configuration, packs and front matter are data with limits on depth, aliases and size', () => {
  const deep = `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
  assert.match(yamlTooDeep(deep)!, /nests 20,000 levels/);
  assert.equal(yamlTooDeep('a: [1, {b: [2]}]\n  c: d\n'), undefined);
  assert.match(parseConfig(deep, 'c.yaml').problems[0]!.message, /cannot be read: it nests/);
  assert.match(parseConfig(`rules:\n  loaded-term:\n    ignore: &x [a]\n${BOMB}`, 'c.yaml').problems[0]!.message, /cannot be read/);
  const many = `rules:\n  loaded-term:\n    ignore: [${Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `t${i}`).join(', ')}]\n`;
  assert.match(parseConfig(many, 'c.yaml').problems[0]!.message, /at most 2000 entries/);
  // A tag that would construct an object elsewhere is a plain string or an error here.
  assert.deepEqual(parseConfig('referenceDate: !!js/function "function () { process.exit(3) }"\n', 'c.yaml').config, { rules: {}, ruleOptions: {}, knowledge: [] });
  const packs = compileKnowledge([{ path: 'bomb.yaml', text: `kind: entities\n${BOMB}`, origin: 'workspace' }, { path: 'deep.yaml', text: deep, origin: 'workspace' }]);
  assert.deepEqual(packs.problems.map((p) => [p.path, /Cannot read the pack/.test(p.message)]), [['bomb.yaml', true], ['deep.yaml', true]]);
  for (const text of [`---\n${BOMB}---\nText.\n`, `---\n${deep}---\nText.\n`]) {
    assert.equal(run(text).findings.filter((f) => f.ruleId === 'front-matter').length, 1);
  }
});

test('safety: no network access at run time: the sources import no network module and the CLI runs with the network cut', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith('.ts')) files.push(full);
    }
  };
  walk(join(ROOT, 'server', 'src'));
  walk(join(ROOT, 'client', 'src'));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /from '(?:node:)?(?:http|https|http2|net|tls|dgram|dns)'|\bfetch\(|XMLHttpRequest|WebSocket/, relative(ROOT, f));
  }
  // Every way out of the process throws; the sample is still checked.
  const cut = join(mkdtempSync(join(tmpdir(), 'marginalia-nonet-')), 'cut.cjs');
  writeFileSync(cut, `const deny = () => { throw new Error('network access'); };
for (const m of ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns']) { const mod = require(m); for (const k of ['connect', 'createConnection', 'request', 'get', 'lookup', 'resolve', 'createSocket']) if (typeof mod[k] === 'function') mod[k] = deny; }
globalThis.fetch = deny;`);
  const r = spawnSync(process.execPath, ['--require', cut, join(ROOT, 'bin', 'marginalia.cjs'), 'check', '--format', 'json', 'samples/warmth-returns.md'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.ok((JSON.parse(r.stdout) as { files: Array<{ findings: unknown[] }> }).files[0]!.findings.length > 0);
});
