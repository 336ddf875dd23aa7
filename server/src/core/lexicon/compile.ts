import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { KnowledgeCompiler, KnowledgeProblem, ParsedPack } from '../knowledge.js';
import { LEXICON_PACK_SCHEMA } from './schema.js';
import { expandWording } from './wording.js';
import { insert } from './trie.js';
import { newNode, type CategoryInfo, type CompiledLexicon, type LexiconEntry, type SourceRef, type Tier } from './types.js';

type Path = (string | number)[];

interface RawSource {
  title: string;
  url?: string;
}
type RawSourceField = string | RawSource;
interface RawEntry {
  term: string;
  /** Variants of the term itself (inflections, patterns): one entry, one ignore key. */
  forms?: string[];
  /** Sibling terms sharing everything but the wording: one entry each, each ignorable alone. */
  also?: string[];
  category: string;
  tier: Tier;
  note: string;
  alternatives?: string[];
  source: RawSourceField;
}
interface RawNeutral {
  term: string;
  forms?: string[];
  note: string;
}
interface RawPack {
  kind: 'lexicon';
  sources?: Record<string, RawSource>;
  categories?: Record<string, { label: string; description: string; source: RawSourceField }>;
  speechCues?: string[];
  entries?: RawEntry[];
  neutral?: RawNeutral[];
}

let validator: ValidateFunction | undefined;

function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(LEXICON_PACK_SCHEMA);
  return validator(data) ? [] : (validator.errors ?? []);
}

function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function report(pack: ParsedPack, problems: KnowledgeProblem[], path: Path, message: string): void {
  // Point at the nearest node that exists (a missing key is reported where its parent is).
  let loc;
  for (let n = path.length; n >= 0 && !loc; n--) loc = pack.locate(path.slice(0, n));
  const problem: KnowledgeProblem = { path: pack.source.path, ...(loc ?? { line: 1 }), message };
  if (path.length > 0) problem.field = fieldName(path);
  problems.push(problem);
}

function schemaProblem(pack: ParsedPack, problems: KnowledgeProblem[], e: ErrorObject): void {
  const path: Path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') path.push(String(params['missingProperty']));
  if (e.keyword === 'additionalProperties') path.push(String(params['additionalProperty']));
  const message =
    e.keyword === 'required'
      ? 'is required'
      : e.keyword === 'additionalProperties'
        ? 'is not a known field'
        : e.keyword === 'enum'
          ? `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
          : (e.message ?? 'is invalid');
  report(pack, problems, path, message);
}

/** Ajv reports every branch of a `oneOf`; keep the most specific error per field. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === 'required' || e.keyword === 'additionalProperties' ? JSON.stringify(e.params) : '');
    if (!byPath.has(key) || e.keyword === 'oneOf') byPath.set(key, e);
  }
  return [...byPath.values()];
}

function resolveSource(pack: RawPack, field: RawSourceField): SourceRef | undefined {
  if (typeof field === 'object') return field.url ? { title: field.title, url: field.url } : { title: field.title };
  if (/^https?:\/\//.test(field)) return { title: field.replace(/^https?:\/\/(?:www\.)?/, '').replace(/\/$/, ''), url: field };
  const known = pack.sources?.[field];
  if (!known) return undefined;
  return known.url ? { title: known.title, url: known.url } : { title: known.title };
}

interface Pending {
  pack: ParsedPack;
  path: Path;
  category: string;
}

/**
 * Compiles every lexicon pack into one trie. Bundled packs go first, so a workspace pack
 * that repeats a wording overrides ours. A pack that fails its schema is skipped whole;
 * a bad entry in a valid pack is skipped alone. Every problem names file, line and field.
 */
export function compileLexicon(packs: readonly ParsedPack[], problems: KnowledgeProblem[]): CompiledLexicon {
  const categories = new Map<string, CategoryInfo>();
  const entries: LexiconEntry[] = [];
  const trie = newNode();
  const speechCues = new Set<string>();
  const pending: Pending[] = [];
  const ordered = [...packs].sort((a, b) => Number(a.source.origin === 'workspace') - Number(b.source.origin === 'workspace'));

  for (const pack of ordered) {
    const errors = pack.checked ? [] : validate(pack.data);
    if (errors.length > 0) {
      for (const e of usefulErrors(errors)) schemaProblem(pack, problems, e);
      continue;
    }
    const raw = pack.data as unknown as RawPack;
    for (const [id, c] of Object.entries(raw.categories ?? {})) {
      const source = resolveSource(raw, c.source);
      if (!source) {
        report(pack, problems, ['categories', id, 'source'], `names no source in this pack\u2019s \`sources\` (${JSON.stringify(c.source)})`);
        continue;
      }
      categories.set(id, { id, label: c.label, description: c.description, source });
    }
    for (const cue of raw.speechCues ?? []) speechCues.add(cue);

    const add = (path: Path, term: string, forms: readonly string[], entry: LexiconEntry, sibling = false): void => {
      const index = entries.length;
      let added = false;
      [term, ...forms].forEach((wording, i) => {
        const expansion = expandWording(wording);
        const at: Path = sibling ? path : i === 0 ? [...path, 'term'] : [...path, 'forms', i - 1];
        if ('error' in expansion) {
          report(pack, problems, at, `wording ${JSON.stringify(wording)} ${expansion.error}`);
          return;
        }
        for (const sequence of expansion.sequences) insert(trie, sequence, index);
        added = true;
      });
      if (added) entries.push(entry);
    };

    (raw.entries ?? []).forEach((e, i) => {
      const path: Path = ['entries', i];
      const source = resolveSource(raw, e.source);
      if (!source) {
        report(pack, problems, [...path, 'source'], `names no source in this pack\u2019s \`sources\` (${JSON.stringify(e.source)})`);
        return;
      }
      pending.push({ pack, path, category: e.category });
      const entry = (term: string): LexiconEntry => ({ term, category: e.category, tier: e.tier, note: e.note, alternatives: e.alternatives ?? [], source, neutral: false });
      add(path, e.term, e.forms ?? [], entry(e.term));
      (e.also ?? []).forEach((sibling, j) => add([...path, 'also', j], sibling, [], entry(sibling), true));
    });
    (raw.neutral ?? []).forEach((n, i) => {
      add(['neutral', i], n.term, n.forms ?? [], {
        term: n.term,
        category: 'neutral',
        tier: 'possible',
        note: n.note,
        alternatives: [],
        source: { title: pack.source.path },
        neutral: true,
      });
    });
  }
  // Categories may be defined in any pack, so entries are checked against them at the end.
  const unknown = new Set<string>();
  for (const p of pending) {
    if (categories.has(p.category) || unknown.has(`${p.pack.source.path}\0${p.category}`)) continue;
    unknown.add(`${p.pack.source.path}\0${p.category}`);
    report(p.pack, problems, [...p.path, 'category'], `unknown category ${JSON.stringify(p.category)}; known: ${[...categories.keys()].join(', ') || '(none)'}`);
  }
  return { categories, entries, trie, speechCues };
}

export const lexiconCompiler: KnowledgeCompiler = { kind: 'lexicon', compile: compileLexicon };

/** The compiled lexicon from `Knowledge`, if the lexicon packs were loaded. */
export function lexiconOf(knowledge: Readonly<Record<string, unknown>>): CompiledLexicon | undefined {
  const value = knowledge['lexicon'];
  if (typeof value !== 'object' || value === null || !('trie' in value) || !('entries' in value)) return undefined;
  return value as CompiledLexicon;
}
