import { parseDocument, LineCounter } from 'yaml';
import { MAX_ALIASES, yamlTooDeep } from './yaml-limits.js';
import { KNOWLEDGE_COMPILERS as compilers } from './knowledge-compilers.js';
import type { BaseSet } from './entities/base.js';

/**
 * Knowledge: the data the checks consult (lexicons, entity packs), compiled once by
 * `compileKnowledge` from YAML texts and passed to `analyze`. The core never reads files;
 * the CLI and the server read them and hand over the texts.
 *
 * Every pack is a YAML mapping with a top-level `kind` naming the compiler that reads it.
 * Loading a pack only ever parses data: YAML tags that would construct objects are not
 * enabled, and nothing in a pack is evaluated.
 */
export interface Knowledge {
  /** Filled by the compilers below, one key per pack kind. */
  readonly [kind: string]: unknown;
}

export const EMPTY_KNOWLEDGE: Knowledge = Object.freeze({});

export interface KnowledgeSource {
  /** Where the text came from, for messages (a path or a URI). */
  path: string;
  text: string;
  /** Bundled packs are ours; workspace packs are the user's and may override ours. */
  origin: 'bundled' | 'workspace';
}

export interface KnowledgeProblem {
  path: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  /** The field at fault, as a path ("entities[3].roles[0].from"). */
  field?: string;
  message: string;
}

export interface ParsedPack {
  source: KnowledgeSource;
  data: Record<string, unknown>;
  /**
   * The data is known to pass its kind's schema (the build validated this very text with
   * these schemas): the compiler skips validating it again. Cross-pack checks still run.
   */
  checked: boolean;
  /** 1-based line and column of a JSON-pointer-like path, for error messages. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** A compiler turns every pack of its kind into one compiled value stored under that kind. */
export interface KnowledgeCompiler {
  kind: string;
  compile(packs: readonly ParsedPack[], problems: KnowledgeProblem[], inputs: KnowledgeInputs): unknown;
}

/** Knowledge that does not come as YAML packs: the compiled base, read by the caller (the core reads no files). */
export interface KnowledgeInputs {
  base?: BaseSet;
}


type Position = { line: number; column: number };

/**
 * A pack's data as parsed elsewhere from the same text, with the positions its compilation
 * looked up: the build parses the bundled packs into dist/knowledge.json, so a start does
 * not parse their YAML again (about 250 ms of the CLI's start, more than compiling them).
 */
export interface PackData {
  path: string;
  text: string;
  data: Record<string, unknown>;
  /** `locate` answers by JSON-encoded path; compiling the same data asks the same questions. */
  located: Array<[string, Position | null]>;
  /** See `ParsedPack.checked`; only the build's packs, which it compiled without a problem, are. */
  checked?: boolean;
}

interface LocatingPack extends ParsedPack {
  located: Map<string, Position | null>;
}

function parsePack(source: KnowledgeSource, problems: KnowledgeProblem[], parsed?: PackData): LocatingPack | undefined {
  if (parsed && parsed.path === source.path && parsed.text === source.text) {
    const located = new Map(parsed.located);
    // A question the earlier parse was not asked (never, for the same compilers) parses the YAML after all.
    let full: ParsedPack | undefined | null = null;
    const locate = (path: readonly (string | number)[]): Position | undefined => {
      const key = JSON.stringify(path);
      const known = located.get(key);
      if (known !== undefined) return known ?? undefined;
      full ??= parsePack(source, []);
      const found = full?.locate(path);
      located.set(key, found ?? null);
      return found;
    };
    return { source, data: parsed.data, locate, located, checked: parsed.checked === true };
  }
  const tooDeep = yamlTooDeep(source.text);
  if (tooDeep) {
    problems.push({ path: source.path, line: 1, message: `Cannot read the pack: ${tooDeep}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(source.text, { lineCounter, uniqueKeys: true });
  } catch (error) {
    problems.push({ path: source.path, message: `Cannot read the pack: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      problems.push({ path: source.path, line: pos.line, column: pos.col, message: e.message.split('\n')[0]! });
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    problems.push({ path: source.path, line: 1, message: `Cannot read the pack: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ path: source.path, line: 1, message: 'A knowledge pack must be a YAML mapping with a `kind` key.' });
    return undefined;
  }
  const located = new Map<string, Position | null>();
  const locate = (path: readonly (string | number)[]): Position | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    const p = offset === undefined ? undefined : lineCounter.linePos(offset);
    const found = p && { line: p.line, column: p.col };
    located.set(JSON.stringify(path), found ?? null);
    return found;
  };
  return { source, data: data as Record<string, unknown>, locate, located, checked: false };
}

/**
 * Parses and compiles packs; bad packs become problems and are skipped, never thrown.
 * `parsed` holds packs already parsed elsewhere, by path (used only when the text is the
 * same); `packs` in the result is every pack parsed here, to hand on the same way.
 */
export function compileKnowledge(
  sources: readonly KnowledgeSource[],
  parsed?: ReadonlyMap<string, PackData>,
  inputs: KnowledgeInputs = {},
): { knowledge: Knowledge; problems: KnowledgeProblem[]; packs: PackData[] } {
  const problems: KnowledgeProblem[] = [];
  const byKind = new Map<string, ParsedPack[]>();
  const all: LocatingPack[] = [];
  for (const source of sources) {
    const pack = parsePack(source, problems, parsed?.get(source.path));
    if (!pack) continue;
    all.push(pack);
    const kind = pack.data['kind'];
    if (typeof kind !== 'string' || !compilers.some((c) => c.kind === kind)) {
      const loc = pack.locate(['kind']);
      problems.push({
        path: source.path,
        ...(loc ?? { line: 1 }),
        field: 'kind',
        message: `Unknown pack kind ${JSON.stringify(kind)}; expected one of: ${compilers.map((c) => c.kind).join(', ') || '(none registered)'}.`,
      });
      continue;
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), pack]);
  }
  const knowledge: Record<string, unknown> = {};
  for (const compiler of compilers) {
    knowledge[compiler.kind] = compiler.compile(byKind.get(compiler.kind) ?? [], problems, inputs);
  }
  const packs = all.map((p) => ({ path: p.source.path, text: p.source.text, data: p.data, located: [...p.located] }));
  return { knowledge, problems, packs };
}

export function formatKnowledgeProblem(p: KnowledgeProblem): string {
  const where = p.line !== undefined ? `${p.path}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : p.path;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
