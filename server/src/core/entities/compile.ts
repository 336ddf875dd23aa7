import type { KnowledgeCompiler, KnowledgeProblem, ParsedPack } from '../knowledge.js';
import type { EntityType } from '../types.js';
import { checkEntity, checkPackEnvelope, fieldName } from './schema.js';
import { COUNTRY_DATA_SOURCE, countryData, countryNames, unMemberCodes } from './countries.js';
import type { Entity, EntityKnowledge, Fact, OfficeHolder, PartialDate, Role, TrieNode } from './model.js';
import { emptyNode, insertAlias } from './trie.js';
import { tokenize } from './tokens.js';
import { BaseSet, type Handle } from './base.js';
import { styleKeyOf } from './base-format.js';
import { endOf, startOf } from './time.js';

/** Raw shapes after schema validation. */
interface RawRole {
  title: string;
  style?: string;
  of?: string;
  leader?: boolean;
  from?: string | number;
  to?: string | number;
  note?: string;
}
interface RawEntity {
  id: string;
  name: string;
  type: EntityType;
  surname?: string;
  bareSurname?: boolean;
  aliases?: string[];
  misspellings?: string[];
  datedAliases?: Array<{ alias: string; from: string | number; to: string | number }>;
  iso?: string;
  born?: string | number;
  died?: string | number;
  bornNote?: string;
  roles?: RawRole[];
  summary: string;
  facts?: Array<{ text: string; source: string }>;
  links?: Array<{ title: string; url: string }>;
}

interface Collected {
  entity: Entity;
  raw: RawEntity;
  workspace: boolean;
}

/** Office words that need no role style: "China's leader", "the North Korean leader". */
const LEADER_WORDS = ['leader', 'top leader', 'supreme leader'];

export const entitiesCompiler: KnowledgeCompiler = {
  kind: 'entities',
  compile(packs, problems, inputs): EntityKnowledge {
    return compileEntityPacks(packs, problems, inputs.base);
  },
};

export function compileEntityPacks(packs: readonly ParsedPack[], problems: KnowledgeProblem[], base: BaseSet = BaseSet.empty()): EntityKnowledge {
  // Bundled first, so a workspace entry with the same id replaces ours.
  const ordered = [...packs].sort((a, b) => Number(a.source.origin === 'workspace') - Number(b.source.origin === 'workspace'));
  const byId = new Map<string, Collected>();
  const honorifics = new Set<string>();
  for (const pack of ordered) {
    if (!pack.checked && !checkPackEnvelope(pack, problems)) continue;
    for (const h of (pack.data['honorifics'] as string[] | undefined) ?? []) honorifics.add(h);
    const list = pack.data['entities'] as unknown[];
    list.forEach((value, index) => {
      if (!pack.checked && !checkEntity(pack, index, value, problems)) return;
      const raw = value as RawEntity;
      const previous = byId.get(raw.id);
      const workspace = pack.source.origin === 'workspace';
      // A workspace entry overrides a bundled one (that is what workspace packs are for);
      // any other repeated id is a mistake.
      if (previous && !(workspace && !previous.workspace)) {
        const loc = pack.locate(['entities', index, 'id']);
        problems.push({
          path: pack.source.path,
          ...(loc ?? {}),
          field: fieldName(['entities', index, 'id']),
          message: `Duplicate id ${raw.id}: already used by "${previous.entity.name}" in ${previous.entity.origin.path}${previous.entity.origin.line ? `:${previous.entity.origin.line}` : ''}; this entry is skipped.`,
        });
        return;
      }
      const line = pack.locate(['entities', index])?.line;
      const entity = normalizeEntity(raw, pack, index, line, problems);
      if (entity) byId.set(raw.id, { entity, raw, workspace });
    });
  }
  addGeneratedCountries(byId);
  checkReferences(byId, ordered, problems);
  return buildIndexes(byId, honorifics, base);
}

function dateOf(value: string | number | undefined): PartialDate | undefined {
  return value === undefined ? undefined : typeof value === 'number' ? String(value).padStart(4, '0') : value;
}

function normalizeEntity(raw: RawEntity, pack: ParsedPack, index: number, line: number | undefined, problems: KnowledgeProblem[]): Entity | undefined {
  const roles: Role[] = (raw.roles ?? []).map((r) => {
    const role: Role = { title: r.title, leader: r.leader ?? false };
    if (r.style) role.style = r.style;
    if (r.of) role.of = r.of;
    const from = dateOf(r.from);
    const to = dateOf(r.to);
    if (from) role.from = from;
    if (to) role.to = to;
    if (r.note) role.note = r.note;
    return role;
  });
  const facts: Fact[] = (raw.facts ?? []).map((f) => ({ text: f.text, source: f.source, wikipedia: /^https?:\/\/[a-z-]+\.wikipedia\.org\//.test(f.source) }));
  const entity: Entity = {
    id: raw.id,
    name: raw.name,
    type: raw.type,
    aliases: raw.aliases ?? [],
    misspellings: raw.misspellings ?? [],
    roles,
    summary: raw.summary.trim(),
    facts,
    links: raw.links ?? [],
    origin: line === undefined ? { path: pack.source.path } : { path: pack.source.path, line },
  };
  if (raw.type === 'person') entity.surname = raw.surname ?? lastWord(raw.name);
  if (raw.type === 'person' && raw.bareSurname === false) entity.bareSurname = false;
  const born = dateOf(raw.born);
  const died = dateOf(raw.died);
  if (born) entity.born = born;
  if (died) entity.died = died;
  if (raw.bornNote) entity.bornNote = raw.bornNote;
  if (raw.iso) {
    const country = countryData(raw.iso);
    if (!country) {
      const loc = pack.locate(['entities', index, 'iso']);
      problems.push({ path: pack.source.path, ...(loc ?? {}), field: fieldName(['entities', index, 'iso']), message: `No country with ISO code ${raw.iso} in the country data; the card is kept without it.` });
    } else entity.country = country;
  }
  return entity;
}

function lastWord(name: string): string {
  const tokens = tokenize(name);
  return tokens[tokens.length - 1]?.raw ?? name;
}

/**
 * Every UN member state gets a card from the country data, so "Chad" or "Peru" are
 * recognised without a hand-written entry; a pack entry with the same ISO code wins.
 */
function addGeneratedCountries(byId: Map<string, Collected>): void {
  const covered = new Set<string>();
  for (const { entity } of byId.values()) if (entity.country) covered.add(entity.country.iso2);
  for (const iso of unMemberCodes()) {
    if (covered.has(iso)) continue;
    const country = countryData(iso);
    const names = countryNames(iso);
    if (!country || !names) continue;
    const id = `iso:${iso.toLowerCase()}`;
    const capital = country.capital.length > 0 ? ` Its capital is ${country.capital.join(' and ')}.` : '';
    const entity: Entity = {
      id,
      name: names.common,
      type: 'country',
      aliases: names.official !== names.common ? [names.official] : [],
      misspellings: [],
      roles: [],
      summary: `${names.common} is a UN member state in ${country.subregion || country.region}.${capital}`,
      facts: [],
      links: [{ title: 'Country data (world-countries)', url: COUNTRY_DATA_SOURCE }],
      country,
      origin: { path: 'world-countries' },
    };
    byId.set(id, { entity, raw: { id, name: names.common, type: 'country', summary: entity.summary }, workspace: false });
  }
}

function checkReferences(byId: Map<string, Collected>, packs: readonly ParsedPack[], problems: KnowledgeProblem[]): void {
  for (const { entity, raw } of byId.values()) {
    (raw.roles ?? []).forEach((role, i) => {
      if (!role.of || byId.has(role.of)) return;
      const pack = packs.find((p) => p.source.path === entity.origin.path);
      const index = pack ? (pack.data['entities'] as RawEntity[]).indexOf(raw) : -1;
      const path = ['entities', index, 'roles', i, 'of'];
      const loc = pack && index >= 0 ? pack.locate(path) : undefined;
      problems.push({
        path: entity.origin.path,
        ...(loc ?? (entity.origin.line ? { line: entity.origin.line } : {})),
        field: index >= 0 ? fieldName(path) : `${entity.id}.roles[${i}].of`,
        message: `Unknown entity id ${role.of}: \`of\` must name an entity in a pack (e.g. Q884 for South Korea).`,
      });
    });
  }
}

function buildIndexes(byId: Map<string, Collected>, honorifics: Set<string>, base: BaseSet): EntityKnowledge {
  const trie = emptyNode();
  const offices = emptyNode();
  const holders = new Map<string, OfficeHolder[]>();
  const surnames = new Map<string, string[]>();
  const entities = new Map<string, Entity>();
  for (const w of LEADER_WORDS) insertAlias(offices, w, { kind: 'title', style: 'leader' });
  for (const h of honorifics) insertAlias(trie, h, { kind: 'title', style: styleKey(h) });

  const countryByIso = new Map<string, string>();
  for (const { entity } of byId.values()) if (entity.country && !countryByIso.has(entity.country.iso2)) countryByIso.set(entity.country.iso2, entity.id);
  const shadows = shadowCompiled(byId, base, (iso) => countryByIso.get(iso));
  const abbreviatedStyles = new Set<string>();
  const abbreviatedWords = new Set<string>();
  const styles = new Set(base.styles());
  for (const { entity } of byId.values()) for (const r of entity.roles) if (r.style) styles.add(r.style);
  for (const style of styles) {
    insertAlias(trie, style, { kind: 'title', style: styleKey(style) });
    insertAlias(offices, style.toLowerCase(), { kind: 'title', style: styleKey(style) });
    if (!style.includes('.')) continue;
    abbreviatedStyles.add(styleKey(style));
    for (const m of style.matchAll(/([\p{L}]+)\.(?=\s)/gu)) abbreviatedWords.add(styleKey(m[1]!));
  }

  for (const { entity, raw } of byId.values()) {
    entities.set(entity.id, entity);
    const names = new Set([entity.name, ...entity.aliases]);
    if (entity.country) {
      const n = countryNames(entity.country.iso2);
      if (n) {
        names.add(n.common);
        names.add(n.official);
        if (n.demonym) insertAlias(trie, n.demonym, { kind: 'demonym', countryId: entity.id });
      }
    }
    for (const name of names) insertAlias(trie, name, { kind: 'entity', id: entity.id, misspelling: false });
    for (const name of entity.misspellings) insertAlias(trie, name, { kind: 'entity', id: entity.id, misspelling: true });
    for (const d of raw.datedAliases ?? []) {
      insertAlias(trie, d.alias, { kind: 'entity', id: entity.id, misspelling: false, from: dateOf(d.from)!, to: dateOf(d.to)! });
    }
    for (const role of entity.roles) {
      if (role.style) {
        insertAlias(trie, role.style, { kind: 'title', style: styleKey(role.style) });
        insertAlias(offices, role.style.toLowerCase(), { kind: 'title', style: styleKey(role.style) });
      }
      if (role.of && entity.type === 'person') {
        const list = holders.get(role.of) ?? [];
        list.push({ personId: entity.id, role });
        holders.set(role.of, list);
      }
    }
    if (entity.surname) {
      const key = tokenize(entity.surname).map((t) => t.norm).join(' ');
      surnames.set(key, [...(surnames.get(key) ?? []), entity.id]);
    }
  }
  for (const [key, ids] of surnames) {
    const written = ids.map((id) => entities.get(id)!.surname!)[0]!;
    if (key) insertAlias(trie, written, { kind: 'surname', ids });
  }
  return new EntityIndex(entities, base, countryByIso, shadows, abbreviatedStyles, abbreviatedWords, trie, offices, holders, surnames);
}

/** The compiled entity packs, with the compiled base behind them. */
class EntityIndex implements EntityKnowledge {
  constructor(
    readonly entities: ReadonlyMap<string, Entity>,
    readonly base: BaseSet,
    private readonly countryByIso: ReadonlyMap<string, string>,
    private readonly shadows: ReadonlyMap<Handle, string>,
    readonly abbreviatedStyles: ReadonlySet<string>,
    readonly abbreviatedWords: ReadonlySet<string>,
    readonly trie: TrieNode,
    readonly offices: TrieNode,
    readonly holders: ReadonlyMap<string, readonly OfficeHolder[]>,
    readonly surnames: ReadonlyMap<string, readonly string[]>,
  ) {}

  countryOf(iso: string): string | undefined {
    return this.countryByIso.get(iso);
  }

  fromHandle(handle: Handle): Entity {
    const shadow = this.shadows.get(handle);
    return (shadow !== undefined ? this.entities.get(shadow) : undefined) ?? this.base.entity(handle, (iso) => this.countryByIso.get(iso));
  }

  entity(id: string): Entity | undefined {
    const own = this.entities.get(id);
    if (own) return own;
    if (this.base.packs.length === 0) return undefined;
    // Recognition asks for the same compiled ids again and again (every candidate of "President Kim"): an id's
    // bisection of the entity table is done once.
    const known = this.compiled.get(id);
    if (known !== undefined) return known ?? undefined;
    const handle = this.base.handleOf(id);
    const found = handle === undefined ? null : this.fromHandle(handle);
    if (this.compiled.size >= 4_096) this.compiled.clear();
    this.compiled.set(id, found);
    return found ?? undefined;
  }

  private readonly compiled = new Map<string, Entity | null>();
}

/**
 * The compiled entities a hand-written entry stands for: the same Wikidata id, or for an
 * entry with an id of our own, the same name (and for people, the same birth year). The
 * entry wins (its summary, facts and misspellings are ours) and takes the compiled offices
 * it does not list itself, so its card shows the whole record.
 */
function shadowCompiled(byId: Map<string, Collected>, base: BaseSet, countryOf: (iso: string) => string | undefined): Map<Handle, string> {
  const shadows = new Map<Handle, string>();
  if (base.packs.length === 0) return shadows;
  for (const { entity } of byId.values()) {
    let handle = /^Q\d+$/.test(entity.id) ? base.handleOf(entity.id) : undefined;
    if (handle === undefined) {
      const key = tokenize(entity.name).map((t) => t.norm).join(' ');
      const same = base.lookup(key, 'names').handles.filter(({ handle: h }) => {
        const c = base.entity(h, countryOf);
        if (c.type !== entity.type && !(entity.type === 'country' && c.type === 'organisation')) return false;
        return entity.type !== 'person' || !entity.born || !c.born || c.born.slice(0, 4) === entity.born.slice(0, 4);
      });
      if (same.length === 1 && entity.type !== 'country') handle = same[0]!.handle;
    }
    if (handle === undefined || shadows.has(handle)) continue;
    shadows.set(handle, entity.id);
    enrich(entity, base.entity(handle, countryOf));
  }
  return shadows;
}

function enrich(entity: Entity, compiled: Entity): void {
  if (!entity.born && compiled.born) entity.born = compiled.born;
  if (!entity.died && compiled.died) entity.died = compiled.died;
  if (!entity.gender && compiled.gender) entity.gender = compiled.gender;
  if (!entity.wikipedia && compiled.wikipedia) entity.wikipedia = compiled.wikipedia;
  entity.notability = Math.max(entity.notability ?? 0, compiled.notability ?? 0);
  entity.sources = compiled.sources ?? [];
  if (compiled.base) entity.base = compiled.base;
  for (const role of compiled.roles) {
    const keys = (role.styles ?? (role.style ? [role.style] : [])).map(styleKey);
    const same = entity.roles.find((own) => {
      if (own.title === role.title || (similarTitles(own.title, role.title) && overlaps(own, role))) return true;
      const ownKeys = (own.styles ?? (own.style ? [own.style] : [])).map(styleKey);
      return keys.some((k) => ownKeys.includes(k)) && (own.of === undefined || role.of === undefined || own.of === role.of) && overlaps(own, role);
    });
    if (!same) {
      entity.roles.push(role);
      continue;
    }
    // The pack's role stands; it is also addressed by the compiled office's other styles ("Secretary" for "Secretary of State").
    const ownStyles = same.styles ?? (same.style ? [same.style] : []);
    const added = (role.styles ?? []).filter((st) => !ownStyles.some((o) => styleKey(o) === styleKey(st)));
    if (added.length > 0) {
      same.styles = [...ownStyles, ...added];
      same.style ??= same.styles[0]!;
    }
  }
}

/** "General Secretary of the Communist Party of China" and "General Secretary of the Chinese Communist Party (China)". */
function similarTitles(a: string, b: string): boolean {
  const words = (t: string): Set<string> => new Set(tokenize(t).map((w) => w.norm.replace(/ese$/, 'a')).filter((w) => !['of', 'the', 'and', 'for'].includes(w)));
  const wa = words(a);
  const wb = words(b);
  let both = 0;
  for (const w of wa) if (wb.has(w)) both++;
  return both / (wa.size + wb.size - both) >= 0.6;
}

function overlaps(a: Role, b: Role): boolean {
  const aFrom = a.from ? startOf(a.from) : '0000';
  const bFrom = b.from ? startOf(b.from) : '0000';
  const aTo = a.to ? endOf(a.to) : '9999';
  const bTo = b.to ? endOf(b.to) : '9999';
  return aFrom <= bTo && bFrom <= aTo;
}

/** Titles compare without case or punctuation: "Vice-President" is "vice president". */
export const styleKey = styleKeyOf;

