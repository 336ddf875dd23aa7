import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../helpers.js';

/**
 * The .vsix that `npm run package` builds ships only what the extension runs on: the two
 * bundles, the grammar, the knowledge packs, README and LICENSE (plus the manifest files
 * vsce writes). Packaged here into a temporary folder from the bundles `npm test` built,
 * so the test never rewrites dist/ under other tests' feet.
 */

/** The names in a zip's central directory (a .vsix is a zip). */
function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), CENTRAL, `bad central directory entry ${n}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [relative(ROOT, full)];
  });
}

describe('npm run package (.vsix contents)', () => {
  let work: string;
  let entries: string[];

  before(() => {
    if (!existsSync(join(ROOT, 'dist', 'extension.cjs')) || !existsSync(join(ROOT, 'dist', 'server.cjs'))) {
      const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
    }
    work = mkdtempSync(join(tmpdir(), 'marginalia-vsix-'));
    const out = join(work, 'marginalia.vsix');
    const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(vsce.status, 0, `vsce failed:\n${vsce.stdout}\n${vsce.stderr}`);
    entries = zipEntries(readFileSync(out)).sort();
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the bundles, the prebuilt knowledge, grammar, preview style, README, LICENSE and manifest', () => {
    for (const required of [
      'extension.vsixmanifest',
      '[Content_Types].xml',
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.cjs',
      'extension/dist/server.cjs',
      'extension/dist/knowledge.json',
      'extension/syntaxes/marginalia.injection.tmLanguage.json',
      'extension/media/preview.css',
    ]) {
      assert.ok(entries.includes(required), `${required} missing from the .vsix: ${entries.join(', ')}`);
    }
  });

  it('holds every bundled knowledge pack, as the server reads them from server/knowledge', () => {
    const packed = entries.filter((e) => e.startsWith('extension/server/knowledge/')).map((e) => e.slice('extension/'.length));
    assert.deepEqual(packed.sort(), filesUnder(join(ROOT, 'server', 'knowledge')).sort());
  });

  it('holds nothing else: no sources, source maps, tests, docs, samples or node_modules', () => {
    const allowed = [
      /^extension\.vsixmanifest$/,
      /^\[Content_Types\]\.xml$/,
      /^extension\/(package\.json|readme\.md|LICENSE\.txt)$/,
      /^extension\/dist\/(extension|server)\.cjs$/,
      /^extension\/dist\/knowledge\.json$/,
      /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/,
      /^extension\/media\/preview\.css$/,
      /^extension\/server\/knowledge\/.+\.(yaml|md)$/,
      /^extension\/server\/knowledge\/compiled\/[a-z-]+\/[a-z]+\.(tsv|json)$/,
    ];
    const stray = entries.filter((e) => !allowed.some((re) => re.test(e)));
    assert.deepEqual(stray, []);
  });

  it('points the manifest at the bundled entry', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    assert.ok(entries.includes(`extension/${manifest.main.replace(/^\.\//, '')}`), `main ${manifest.main} is not in the .vsix`);
  });
});
