import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { emitPacks, type SourceInfo } from './emit.js';
import { Jurisdictions } from './jurisdictions.js';
import type { SourceId, Thing } from './model.js';
import { Registry } from './people.js';
import { Positions } from './positions.js';
import { Problems } from './problems.js';
import { readArchigos } from './sources/archigos.js';
import { readCongress } from './sources/congress.js';
import { readOfficeHolders } from './sources/office-holders.js';
import { readHuggo, readSupraverden } from './sources/things.js';

/**
 * The knowledge build (`npm run knowledge`): reads the open data in ../shared/knowledge-data,
 * merges people across sources and writes the compiled base to server/knowledge/compiled/.
 * The output depends on the input only (no clock, no environment), so a rebuild of the same
 * data gives the same bytes; test/unit/knowledge-build.test.ts checks the committed base
 * against a rebuild whenever the data is present.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_ROOT = resolve(here, '..', '..', '..');
export const DEFAULT_DATA_DIR = resolve(PACKAGE_ROOT, '..', 'shared', 'knowledge-data');
export const COMPILED_DIR = join(PACKAGE_ROOT, 'server', 'knowledge', 'compiled');

/** Every file of the compiled base, by path relative to server/knowledge/compiled, with the problems met. */
export function buildKnowledge(dataDir: string): { files: Map<string, string>; problems: Problems } {
  const problems = new Problems();
  const jurisdictions = new Jurisdictions(join(here, 'data', 'jurisdictions.yaml'));
  const registry = new Registry(new Positions(join(here, 'data', 'positions.yaml')), problems);
  const sources = parse(readFileSync(join(here, 'data', 'sources.yaml'), 'utf8')) as Record<SourceId, SourceInfo>;

  const office = readOfficeHolders(join(dataDir, 'office-holders'), registry, jurisdictions, problems);
  const congress = readCongress(join(dataDir, 'congress-legislators'), registry, jurisdictions, problems, join(here, 'data', 'us-states.yaml'));
  const archigos = readArchigos(join(dataDir, 'leaders', 'archigos-4.1-arch_annual.txt'), registry, jurisdictions, problems);
  const things: Thing[] = [
    ...readHuggo(join(dataDir, 'treaties', 'manytreaties-HUGGO_clean.csv'), problems),
    ...readSupraverden(join(dataDir, 'international-organisations', 'supraverden-general_list.yaml'), problems),
  ];
  const packs = emitPacks(registry.people, things, sources, problems);

  const files = new Map<string, string>();
  for (const [pack, out] of packs) {
    for (const [name, text] of out.files) files.set(`${pack}/${name}`, text);
    const used = (Object.keys(sources) as SourceId[]).filter((s) => sources[s].pack === pack);
    files.set(`${pack}/manifest.json`, `${JSON.stringify({ format: 1, pack, licence: pack === 'open' ? 'CC0 1.0 and CC BY 4.0 facts; see NOTICE.md' : 'CC BY-SA 4.0', sources: Object.fromEntries(used.map((s) => [s, { card: sources[s].card, licence: sources[s].licence, url: sources[s].url }])), counts: out.counts, styles: out.styles }, null, 2)}\n`);
  }
  const multi = registry.people.filter((p) => p.sources.size > 1).length;
  files.set('NOTICE.md', notice(sources));
  files.set(
    'REPORT.md',
    [
      '# Knowledge build report',
      '',
      'Written by `npm run knowledge` from `../shared/knowledge-data`; the same data gives the same report.',
      '',
      '## Read',
      '',
      `- Wikidata office holders: ${office.folders} jurisdiction folders, ${office.rows} rows`,
      `- US Congress and executive: ${congress.members} people`,
      `- Archigos: ${archigos.spells} leader spells of ${archigos.leaders} leaders with a full name`,
      `- HUGGO agreements and supraverden organisations: ${things.length}`,
      '',
      '## Written',
      '',
      ...[...packs].map(([pack, out]) => `- \`${pack}/\`: ${Object.entries(out.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`),
      `- people known to more than one source (merged): ${multi}`,
      '',
      '## Data problems',
      '',
      ...problems.lines(),
      '',
      '## Left out',
      '',
      '- REIGN (leaders to 2021): no data licence is stated; it names leaders by surname only.',
      '- DESTA (trade agreements): third-party data with no licence of its own.',
      '- DIGO (international organisations): its names are abbreviated ("Arab Auth. for Ag. Invest."), which no text writes; supraverden covers the same bodies with full names.',
      '- `officeholders.csv`: positions by Wikidata id only, with no label to read a title from.',
      '',
    ].join('\n'),
  );
  return { files, problems };
}

function notice(sources: Record<SourceId, SourceInfo>): string {
  const lines = [
    '# Compiled knowledge: sources and licences',
    '',
    'The files under `server/knowledge/compiled/` are made by `npm run knowledge` from open data; they hold facts',
    '(names, ids, offices and dates), in our own form. Each source and its terms:',
    '',
  ];
  for (const id of Object.keys(sources) as SourceId[]) {
    const s = sources[id];
    lines.push(`## ${s.name}`, '', `- Licence: ${s.licence}`, `- Where: ${s.url}`, `- What was read: ${s.detail}`, `- In: \`${s.pack}/\``, '');
  }
  lines.push('The `share-alike/` part holds only facts from CC BY-SA 4.0 data and is shared under the same licence.', '');
  return lines.join('\n');
}

function write(files: Map<string, string>): void {
  if (existsSync(COMPILED_DIR)) {
    for (const entry of readdirSync(COMPILED_DIR)) rmSync(join(COMPILED_DIR, entry), { recursive: true, force: true });
  }
  for (const [path, text] of files) {
    const full = join(COMPILED_DIR, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = resolve(process.argv[2] ?? DEFAULT_DATA_DIR);
  if (!existsSync(join(dataDir, 'office-holders'))) {
    console.error(`marginalia knowledge build: no open data at ${dataDir} (expected office-holders/, congress-legislators/, leaders/, treaties/, international-organisations/)`);
    process.exit(2);
  }
  const started = Date.now();
  const { files, problems } = buildKnowledge(dataDir);
  write(files);
  const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`wrote ${files.size} files (${(bytes / 1048576).toFixed(1)} MB) to ${COMPILED_DIR} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const line of problems.lines().filter((l) => l.startsWith('- '))) console.log(line);
}
