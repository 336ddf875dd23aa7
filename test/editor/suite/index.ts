import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * The extension-host entry, in the module shape `@vscode/test-electron` loads from
 * `extensionTestsPath`: VS Code calls `run()` inside the extension host and reads the
 * outcome from the promise. The same bundle runs under the code-server route here.
 * The test files are bundled beside this one as `*.test.cjs`.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env['MARGINALIA_EDITOR_GREP'];
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} editor integration test(s) failed`)) : resolve()));
  });
}
