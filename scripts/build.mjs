// Bundles the extension client, the language server and the CLI with esbuild (remark is
// ESM-only; the bundles are CommonJS so VS Code and `node` load them directly). Type
// checking is `tsc -b`'s job, not this script's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');

/**
 * Makes each bundle pure ASCII. esbuild already escapes non-ASCII characters in code, but
 * keeps them in the comments it carries over from dependencies (a few curly quotes in
 * unified's and micromark's docs), and one such character makes V8 hold the whole bundle's
 * source as a two-byte string for the life of the process: 5.3 MB instead of 2.7 MB in the
 * language server, and again in every CLI worker thread. A `\uXXXX` escape means the same
 * character wherever it stands in code, and in a comment it means nothing at all (line
 * separators excepted: they end a `//` comment, so they stay as they are).
 */
const asciiOnly = {
  name: 'ascii-only',
  setup(b) {
    b.onEnd((result) => {
      if (result.errors.length > 0) return;
      for (const name of Object.keys(b.initialOptions.entryPoints)) {
        const path = `${b.initialOptions.outdir}/${name}.cjs`;
        const text = readFileSync(path, 'utf8');
        const ascii = text.replace(/[^\0-\x7f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        if (ascii !== text) writeFileSync(path, ascii);
      }
    });
  },
};

/**
 * world-countries ships 1.4 MB of JSON (translations into 25 languages, coordinates,
 * currencies, ...) of which the entity compiler reads a dozen fields (RawCountry in
 * server/src/core/entities/countries.ts). Bundled whole, esbuild writes it as one object
 * literal: half of each bundle, and V8's parser took 8 MB of malloc to read it, +11.5 MB
 * resident against +4.5 MB for JSON.parse of the same file. Only those fields go in, as a
 * JSON string parsed when the bundle loads.
 */
const countryData = {
  name: 'country-data',
  setup(b) {
    b.onLoad({ filter: /world-countries[\\/]countries\.json$/ }, async (args) => {
      const kept = JSON.parse(await readFile(args.path, 'utf8')).map((c) => ({
        name: { common: c.name.common, official: c.name.official },
        cca2: c.cca2,
        cca3: c.cca3,
        capital: c.capital,
        region: c.region,
        subregion: c.subregion,
        borders: c.borders,
        area: c.area,
        landlocked: c.landlocked,
        unMember: c.unMember,
        ...(c.demonyms?.eng ? { demonyms: { eng: c.demonyms.eng } } : {}),
      }));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(kept))});`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Names are kept (stack traces stay readable; the source maps map them back), spacing and
  // redundant syntax are not: V8 keeps a script's source in the heap for as long as it
  // runs, 1.73 MB for the server bundle against 1.21 MB now, and the language server's
  // peak on the 1 MB bench document is about twice its live heap.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  plugins: [countryData, asciiOnly],
};

const entries = [
  { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/lsp/main.ts', cli: 'server/src/cli/bin.ts', 'cli-worker': 'server/src/cli/worker.ts' } },
];

/**
 * Parses the bundled knowledge packs once, here, into dist/knowledge.json, so the CLI and
 * the server start by reading JSON instead of parsing YAML (see readPrebuiltPacks). The
 * same code the bundles run does the parsing, bundled on the fly; a problem in a bundled
 * pack fails the build.
 */
async function prebuildKnowledge() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const temp = mkdtempSync(join(tmpdir(), 'marginalia-build-'));
  try {
    await build({ ...common, plugins: [], sourcemap: false, entryPoints: { 'knowledge-files': 'server/src/node/knowledge-files.ts' }, outdir: temp });
    createRequire(import.meta.url)(join(temp, 'knowledge-files.cjs')).writePrebuiltKnowledge(root);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (watch) {
  const { context } = await import('esbuild');
  await prebuildKnowledge();
  for (const e of entries) await (await context({ ...common, ...e })).watch();
} else {
  await Promise.all([...entries.map((e) => build({ ...common, ...e })), prebuildKnowledge()]);
}
