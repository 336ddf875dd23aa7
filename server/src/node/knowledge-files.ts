import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileKnowledge, type Knowledge, type KnowledgeProblem, type KnowledgeSource, type PackData } from '../core/knowledge.js';

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
 * Compiles the bundled packs plus the workspace's, reporting every problem with its file.
 * `parsed`: packs another thread already parsed (see `PackData`); `packs` in the result
 * is what this call parsed, to hand on.
 */
export function loadKnowledge(
  packageRoot: string,
  extraPaths: readonly string[] = [],
  parsed?: ReadonlyMap<string, PackData>,
): { knowledge: Knowledge; problems: KnowledgeProblem[]; packs: PackData[] } {
  const bundled = readPacks([bundledKnowledgeDir(packageRoot)], 'bundled');
  const extra = readPacks(extraPaths, 'workspace');
  const { knowledge, problems, packs } = compileKnowledge([...bundled.sources, ...extra.sources], parsed);
  return { knowledge, problems: [...bundled.problems, ...extra.problems, ...problems], packs };
}
