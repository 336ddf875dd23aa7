import { join } from 'node:path';
import { main } from './main.js';
import { useBlockMemos } from '../core/text-memo.js';

/** Entry of the `marginalia` command: wires the process to `main`. */
export function runCli(packageRoot: string): void {
  // Each file is analysed once: memos kept for the editor's next keystroke are waste here.
  useBlockMemos(false);
  void main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    packageRoot,
    workerScript: join(packageRoot, 'dist', 'cli-worker.cjs'),
    color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
  }).then((code) => {
    process.exitCode = code;
  });
}
