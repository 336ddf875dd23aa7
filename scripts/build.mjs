// Bundles the extension client, the language server and the CLI with esbuild (remark is
// ESM-only; the bundles are CommonJS so VS Code and `node` load them directly). Type
// checking is `tsc -b`'s job, not this script's.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
};

const entries = [
  { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/lsp/main.ts', cli: 'server/src/cli/bin.ts', 'cli-worker': 'server/src/cli/worker.ts' } },
];

if (watch) {
  const { context } = await import('esbuild');
  for (const e of entries) await (await context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
}
