import { join } from 'node:path';
import { main } from './main.js';
import { useBlockMemos } from '../core/text-memo.js';

/** Entry of the `marginalia` command: wires the process to `main`. */
export function runCli(packageRoot: string): void {
  // Each file is analysed once: memos kept for the editor's next keystroke are waste here.
  useBlockMemos(false);
  // A reader that stops early (`marginalia check . | head`) closes the pipe: the rest of the
  // output has nowhere to go, which is no failure of the run (node would print EPIPE's
  // stack and exit 1). What is left is dropped and the run ends with its own exit code.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  void main(process.argv.slice(2), {
    stdout: (s) => {
      if (!process.stdout.destroyed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    packageRoot,
    workerScript: join(packageRoot, 'dist', 'cli-worker.cjs'),
    color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    progress: process.stderr.isTTY === true,
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
