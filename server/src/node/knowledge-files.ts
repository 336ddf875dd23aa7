import { createHash } from 'node:crypto';
import { existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ENTITY_SCHEMA, PACK_SCHEMA } from '../core/entities/schema.js';
import { LEXICON_PACK_SCHEMA } from '../core/lexicon/schema.js';
import { compileKnowledge, formatKnowledgeProblem, type Knowledge, type KnowledgeProblem, type KnowledgeSource, type PackData } from '../core/knowledge.js';
import { BaseSet, CompiledBase, type Lines } from '../core/entities/base.js';

/** The packs of the compiled base, in the order they are searched. */
const BASE_PACKS = ['open', 'share-alike'];
const BASE_TABLES = ['manifest.json', 'entities.tsv', 'offices.tsv', 'jurisdictions.tsv', 'names.tsv', 'surnames.tsv', 'holders.tsv'];

export function compiledBaseDir(packageRoot: string): string {
  return join(packageRoot, 'server', 'knowledge', 'compiled');
}

const bases = new Map<string, { base: BaseSet; problems: KnowledgeProblem[] }>();

/**
 * The compiled base (server/knowledge/compiled), read once per process: every knowledge
 * compilation (one per workspace configuration) shares it. The tables are read whole, as
 * bytes (entities) and ASCII strings (the name indexes); nothing is decoded until asked.
 * A missing or unreadable pack is a problem, and the rest still works.
 */
export function readCompiledBase(packageRoot: string): { base: BaseSet; problems: KnowledgeProblem[] } {
  const known = bases.get(packageRoot);
  if (known) return known;
  const problems: KnowledgeProblem[] = [];
  const packs: CompiledBase[] = [];
  for (const pack of BASE_PACKS) {
    const dir = join(compiledBaseDir(packageRoot), pack);
    if (!existsSync(dir)) {
      problems.push({ path: dir, message: 'the compiled knowledge base is missing (run `npm run knowledge`, or reinstall)' });
      continue;
    }
    try {
      const read = (name: string): Buffer => readFileSync(join(dir, name));
      for (const t of BASE_TABLES) if (!existsSync(join(dir, t))) throw new Error(`${t} is missing`);
      packs.push(
        new CompiledBase({
          pack,
          manifest: read('manifest.json').toString('utf8'),
          entities: fileLines(join(dir, 'entities.tsv')),
          offices: fileLines(join(dir, 'offices.tsv')),
          jurisdictions: read('jurisdictions.tsv').toString('utf8'),
          names: read('names.tsv').toString('latin1'),
          surnames: read('surnames.tsv').toString('latin1'),
          holders: () => read('holders.tsv').toString('latin1'),
        }),
      );
    } catch (error) {
      problems.push({ path: dir, message: `cannot read the compiled knowledge base: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const result = { base: new BaseSet(packs), problems };
  bases.set(packageRoot, result);
  return result;
}

/**
 * A table read from its file a line at a time, as lines are asked for: the file is scanned
 * once, in 1 MB pieces, for where its lines start (and, for the entity table, each line's
 * Wikidata id number), and each line is then read with one positioned read. Holding the
 * 7 MB entity table in memory was 7 MB of every server's and every CLI thread's resident
 * set for the few hundred lines a document uses. The file stays open for the process's life.
 */
function fileLines(path: string): Lines {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  // Sized for the entity table's lines (about 95 bytes each), grown when a table has more.
  let starts = new Int32Array(Math.max(1024, Math.ceil(size / 64)));
  let qids = new Int32Array(starts.length);
  let count = 0;
  // Per byte: at a line's start, in its leading Q-id digits, or in the rest of the line.
  let state: 'start' | 'digits' | 'rest' = 'start';
  let n = 0;
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let pos = 0; pos < size; ) {
    const got = readSync(fd, chunk, 0, chunk.length, pos);
    if (got <= 0) break;
    for (let i = 0; i < got; i++) {
      const b = chunk[i]!;
      if (state === 'start') {
        if (count === starts.length) {
          const s2 = new Int32Array(count * 2);
          s2.set(starts);
          starts = s2;
          const q2 = new Int32Array(count * 2);
          q2.set(qids);
          qids = q2;
        }
        starts[count] = pos + i;
        qids[count] = 0;
        count++;
        n = 0;
        state = b === 81 ? 'digits' : 'rest';
        if (b === 10) state = 'start';
      } else if (state === 'digits') {
        if (b >= 48 && b <= 57) n = n * 10 + b - 48;
        else {
          if (b === 9 && n > 0) qids[count - 1] = n;
          state = b === 10 ? 'start' : 'rest';
        }
      } else if (b === 10) state = 'start';
    }
    pos += got;
  }
  const lineStarts = starts.slice(0, count);
  const lineQids = qids.slice(0, count);
  return {
    count,
    qids: lineQids,
    line(i: number): string {
      const from = lineStarts[i]!;
      const to = (i + 1 < count ? lineStarts[i + 1]! : size + 1) - 1;
      const buffer = Buffer.allocUnsafe(Math.max(0, to - from));
      readSync(fd, buffer, 0, buffer.length, from);
      return buffer.toString('utf8');
    },
  };
}

/** Packs larger than this are refused with a message rather than parsed. */
const MAX_PACK_BYTES = 8 * 1024 * 1024;

/** Where the bundled packs live, from the package root (the folder holding package.json). */
export function bundledKnowledgeDir(packageRoot: string): string {
  return join(packageRoot, 'server', 'knowledge');
}

function yamlFilesUnder(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) yamlFilesUnder(full, out);
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
}

/** Reads pack files (or every *.yaml under a folder). Unreadable paths become problems. */
export function readPacks(paths: readonly string[], origin: KnowledgeSource['origin']): { sources: KnowledgeSource[]; problems: KnowledgeProblem[] } {
  const sources: KnowledgeSource[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      const st = statSync(path);
      files = [];
      if (st.isDirectory()) yamlFilesUnder(path, files);
      else files.push(path);
    } catch (error) {
      problems.push({ path, message: `cannot read knowledge pack: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    for (const file of files) {
      try {
        const size = statSync(file).size;
        if (size > MAX_PACK_BYTES) {
          problems.push({ path: file, message: `knowledge pack is ${Math.round(size / 1048576)} MB; the limit is ${MAX_PACK_BYTES / 1048576} MB` });
          continue;
        }
        sources.push({ path: file, text: readFileSync(file, 'utf8'), origin });
      } catch (error) {
        problems.push({ path: file, message: `cannot read knowledge pack: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
    }
  }
  return { sources, problems };
}

/**
 * The bundled packs as the build parsed them (`npm run build` writes it; generated, never
 * committed): parsing their YAML was about 250 ms of every CLI start and more than
 * compiling them, while reading this JSON takes about 5 ms. Each entry keeps the YAML text
 * it was parsed from, and `compileKnowledge` uses an entry only when the file on disk
 * still has that text, so an edited pack is parsed afresh rather than read stale.
 */
export function prebuiltKnowledgePath(packageRoot: string): string {
  return join(packageRoot, 'dist', 'knowledge.json');
}

/**
 * The schemas the packs were validated against: the build's validation stands only while
 * the running code has the same ones (a bundle rebuilt in watch mode may not).
 */
function schemaStamp(): string {
  return createHash('sha256').update(JSON.stringify([LEXICON_PACK_SCHEMA, ENTITY_SCHEMA, PACK_SCHEMA])).digest('hex');
}

interface StoredKnowledge {
  schemas: string;
  packs: PackData[];
}

/** Prebuilt packs by absolute path; none when the file is missing or unreadable (the YAML is parsed then). */
export function readPrebuiltPacks(packageRoot: string): Map<string, PackData> {
  const out = new Map<string, PackData>();
  let stored: Partial<StoredKnowledge> | null;
  try {
    stored = JSON.parse(readFileSync(prebuiltKnowledgePath(packageRoot), 'utf8')) as Partial<StoredKnowledge> | null;
  } catch {
    return out;
  }
  if (!stored || !Array.isArray(stored.packs)) return out;
  const checked = stored.schemas === schemaStamp();
  for (const p of stored.packs) {
    if (typeof p?.path !== 'string' || typeof p.text !== 'string' || typeof p.data !== 'object' || p.data === null || !Array.isArray(p.located)) continue;
    const path = join(packageRoot, ...p.path.split('/'));
    out.set(path, { ...p, path, checked });
  }
  return out;
}

/**
 * Parses and compiles the bundled packs and writes what `readPrebuiltPacks` reads, paths
 * relative to the package root (the package is installed elsewhere than it is built).
 * Throws when a bundled pack has a problem: a broken bundled pack is a build failure, and
 * so every pack written passed its schema.
 */
export function writePrebuiltKnowledge(packageRoot: string): void {
  const bundled = readPacks([bundledKnowledgeDir(packageRoot)], 'bundled');
  const { problems, packs } = compileKnowledge(bundled.sources);
  const all = [...bundled.problems, ...problems];
  if (all.length > 0) throw new Error(`the bundled knowledge packs have problems:\n${all.map(formatKnowledgeProblem).join('\n')}`);
  const portable = packs.map((p) => ({ ...p, path: relative(packageRoot, p.path).split(sep).join('/') }));
  // The build writes this alongside the bundles, which may not have created dist/ yet.
  mkdirSync(dirname(prebuiltKnowledgePath(packageRoot)), { recursive: true });
  writeFileSync(prebuiltKnowledgePath(packageRoot), JSON.stringify({ schemas: schemaStamp(), packs: portable } satisfies StoredKnowledge));
}

/**
 * Compiles the bundled packs plus the workspace's, reporting every problem with its file.
 * The bundled packs come from the build's parse when it is current (`readPrebuiltPacks`).
 */
export function loadKnowledge(packageRoot: string, extraPaths: readonly string[] = []): { knowledge: Knowledge; problems: KnowledgeProblem[] } {
  const bundled = readPacks([bundledKnowledgeDir(packageRoot)], 'bundled');
  const extra = readPacks(extraPaths, 'workspace');
  const base = readCompiledBase(packageRoot);
  const { knowledge, problems } = compileKnowledge([...bundled.sources, ...extra.sources], readPrebuiltPacks(packageRoot), { base: base.base });
  return { knowledge, problems: [...bundled.problems, ...extra.problems, ...base.problems, ...problems] };
}
