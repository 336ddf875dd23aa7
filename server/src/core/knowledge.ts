import { parseDocument, LineCounter } from 'yaml';
import { KNOWLEDGE_COMPILERS as compilers } from './knowledge-compilers.js';

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
  /** 1-based line and column of a JSON-pointer-like path, for error messages. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** A compiler turns every pack of its kind into one compiled value stored under that kind. */
export interface KnowledgeCompiler {
  kind: string;
  compile(packs: readonly ParsedPack[], problems: KnowledgeProblem[]): unknown;
}


export function parsePack(source: KnowledgeSource, problems: KnowledgeProblem[]): ParsedPack | undefined {
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
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ path: source.path, line: 1, message: 'A knowledge pack must be a YAML mapping with a `kind` key.' });
    return undefined;
  }
  const locate = (path: readonly (string | number)[]): { line: number; column: number } | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { source, data: data as Record<string, unknown>, locate };
}

/** Parses and compiles packs; bad packs become problems and are skipped, never thrown. */
export function compileKnowledge(sources: readonly KnowledgeSource[]): { knowledge: Knowledge; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const byKind = new Map<string, ParsedPack[]>();
  for (const source of sources) {
    const pack = parsePack(source, problems);
    if (!pack) continue;
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
    knowledge[compiler.kind] = compiler.compile(byKind.get(compiler.kind) ?? [], problems);
  }
  return { knowledge, problems };
}

export function formatKnowledgeProblem(p: KnowledgeProblem): string {
  const where = p.line !== undefined ? `${p.path}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : p.path;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
