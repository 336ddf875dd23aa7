import type { KnowledgeCompiler, KnowledgeProblem, ParsedPack } from '../knowledge.js';
import type { EntityType } from '../types.js';
import { checkEntity, checkPackEnvelope, fieldName } from './schema.js';
import { COUNTRY_DATA_SOURCE, countryData, countryNames, unMemberCodes } from './countries.js';
import type { Entity, EntityKnowledge, Fact, OfficeHolder, PartialDate, Role } from './model.js';
import { emptyNode, insertAlias } from './trie.js';
import { normalizeWord, tokenize } from './tokens.js';

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
  compile(packs, problems): EntityKnowledge {
    return compileEntityPacks(packs, problems);
  },
};

export function compileEntityPacks(packs: readonly ParsedPack[], problems: KnowledgeProblem[]): EntityKnowledge {
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
  return buildIndexes(byId, honorifics);
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

function buildIndexes(byId: Map<string, Collected>, honorifics: Set<string>): EntityKnowledge {
  const trie = emptyNode();
  const offices = emptyNode();
  const holders = new Map<string, OfficeHolder[]>();
  const surnames = new Map<string, string[]>();
  const entities = new Map<string, Entity>();
  for (const w of LEADER_WORDS) insertAlias(offices, w, { kind: 'title', style: 'leader' });
  for (const h of honorifics) insertAlias(trie, h, { kind: 'title', style: styleKey(h) });

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
  return { entities, trie, offices, holders, surnames };
}

/** Titles compare without case or punctuation: "Vice-President" is "vice president". */
export function styleKey(style: string): string {
  return tokenize(style).map((t) => normalizeWord(t.raw)).join(' ');
}

