import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main.js';
import { ROOT, TODAY } from '../helpers.js';

/**
 * Every sample's `check --format json` output, kept in git. On a difference the snapshot
 * is rewritten and the test fails, so every change in output is reviewed as a diff.
 */
const SAMPLES = join(ROOT, 'samples');
const SNAPSHOTS = join(ROOT, 'test', 'corpus', 'snapshots');

for (const name of readdirSync(SAMPLES).filter((f) => f.endsWith('.md')).sort()) {
  test(`corpus: samples/${name}`, async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['check', '--format', 'json', '--fail-on', 'never', `samples/${name}`], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      cwd: ROOT,
      packageRoot: ROOT,
      today: TODAY,
    });
    assert.equal(code, 0, stderr);
    const file = join(SNAPSHOTS, name.replace(/\.md$/, '.json'));
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before !== stdout) {
      writeFileSync(file, stdout);
      assert.fail(`snapshot ${file} ${before === undefined ? 'created' : 'updated'}: review it with git diff and commit it`);
    }
  });
}
