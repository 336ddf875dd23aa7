import type { EntityType } from '../types.js';
import type { Entity, Role } from './model.js';
import { SOURCE_LETTERS, type SourceKey } from './base-format.js';

/**
 * The compiled knowledge base: tens of thousands of people, organisations and treaties made
 * by `npm run knowledge` from open data (server/knowledge/compiled/<pack>/). It is read as
 * the build wrote it, in tables, and nothing is turned into objects until asked for: the
 * name index is a sorted table searched by bisection (a trie of Map nodes over 75,000 names
 * would take tens of megabytes), and an entity is decoded from its line when the
 * recogniser or a card needs it.
 *
 * The tables of one pack, each a line per record, fields separated by tabs:
 *
 * - `entities.tsv`, sorted by id (Wikidata ids by number first): id, kind (`p` person,
 *   `o` organisation, `t` treaty), name, notability (0–3) and gender (`m`, `f` or `-`),
 *   born, died, English Wikipedia title (`=` when it is the name), tenures
 *   (`office|from|to|detail` joined by `;`, `to` prefixed by `~` when inferred), source
 *   letters, for organisations and treaties a JSON object of milestones (`m`), notes
 *   (`n`), links (`l`) and aliases (`a`), and for people the surname used with titles.
 * - `offices.tsv`, by number: title, styles (`|`), jurisdiction code, flags (kind letter,
 *   notability digit, `L` for a leader's office).
 * - `jurisdictions.tsv`: code, ISO 3166-1 code (or empty), name.
 * - `names.tsv` and `surnames.tsv`, sorted by key (the words as the tokeniser normalises
 *   them, joined by spaces): key, entity numbers joined by `,` (a number followed by `A` may
 *   only be written as an acronym).
 * - `holders.tsv`, sorted by `jurisdiction:style`: key, `entity|from|to` joined by `;`.
 */

/**
 * A table read a line at a time where it lives: the node layer reads lines from the file as
 * they are asked for (the entity table is 7 MB, of which a document needs a few hundred
 * lines), tests from bytes in memory (`linesOf`).
 */
export interface Lines {
  readonly count: number;
  /** Line i, without its line break. */
  line(i: number): string;
  /** For the entity table: per line, the number of its Wikidata id ("Q123" → 123), 0 for ids of other kinds. */
  readonly qids?: Int32Array;
}

export interface BaseFiles {
  /** The pack's name, "open" or "share-alike". */
  pack: string;
  manifest: string;
  entities: Lines;
  offices: Lines;
  jurisdictions: string;
  names: string;
  surnames: string;
  /** Read when a description first needs it ("Israel's prime minister"). */
  holders: () => string;
}

/** Lines over bytes in memory (the entity table's Wikidata id numbers included). */
export function linesOf(bytes: Uint8Array): Lines {
  const starts: number[] = [0];
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) starts.push(i + 1);
  const count = bytes.length > 0 && bytes[bytes.length - 1] === 10 ? starts.length - 1 : starts.length;
  const decoder = new TextDecoder();
  const qids = new Int32Array(count);
  for (let i = 0; i < count; i++) qids[i] = qidAt(bytes, starts[i]!);
  return { count, qids, line: (i) => decoder.decode(bytes.subarray(starts[i]!, (starts[i + 1] ?? bytes.length + 1) - 1)) };
}

/** The number of a line's leading "Q123<TAB>" id, or 0. */
function qidAt(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 81) return 0;
  let n = 0;
  let i = at + 1;
  for (; i < bytes.length && bytes[i]! >= 48 && bytes[i]! <= 57; i++) n = n * 10 + bytes[i]! - 48;
  return bytes[i] === 9 && i > at + 1 ? n : 0;
}

interface SourceCredit {
  card: string;
  licence: string;
  url: string;
}

const LETTER_TO_SOURCE = Object.fromEntries(Object.entries(SOURCE_LETTERS).map(([k, v]) => [v, k])) as Record<string, SourceKey>;

/**
 * A table of `key<TAB>value` lines, read in place by line number. Only where lines start is
 * kept (the key ends at the line's first tab, found when asked): an array of tab positions
 * beside it was 0.5 MB of every process for what one scan finds.
 */
class LineTable {
  protected readonly starts: Int32Array;

  constructor(readonly text: string) {
    let n = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Int32Array(n + 1);
    let pos = 0;
    for (let line = 0; line < n; line++) {
      this.starts[line] = pos;
      pos = text.indexOf('\n', pos) + 1;
    }
    this.starts[n] = text.length;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  protected tab(line: number): number {
    const end = this.starts[line + 1]! - 1;
    const tab = this.text.indexOf('\t', this.starts[line]!);
    return tab !== -1 && tab < end ? tab : end;
  }

  key(line: number): string {
    return this.text.slice(this.starts[line]!, this.tab(line));
  }

  value(line: number): string {
    const from = this.tab(line) + 1;
    const to = this.starts[line + 1]! - 1;
    return from > to ? '' : this.text.slice(from, to);
  }
}

/** A table sorted by key, searched in place by bisection. */
class SortedTable extends LineTable {
  /** Compares the key of a line with `q`, as JavaScript compares strings (keys are ASCII, and end at a tab). */
  private compare(line: number, q: string): number {
    const text = this.text;
    let i = this.starts[line]!;
    for (let j = 0; j < q.length; j++, i++) {
      const c = text.charCodeAt(i);
      // The key ended (tab or line break): it is the shorter, so the smaller.
      if (c === 9 || c === 10) return -1;
      const d = c - q.charCodeAt(j);
      if (d !== 0) return d;
    }
    const c = text.charCodeAt(i);
    return c === 9 || c === 10 ? 0 : 1;
  }

  /** The first line whose key is not below `q`. */
  lowerBound(q: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, q) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(q: string): number {
    const at = this.lowerBound(q);
    return at < this.size && this.compare(at, q) === 0 ? at : -1;
  }

  /** Whether the key of `line` is `q` exactly. */
  is(line: number, q: string): boolean {
    return line < this.size && this.compare(line, q) === 0;
  }

  /** Whether the key of line `from` starts with `prefix` followed by a space (a longer name goes on). */
  continues(prefix: string, from: number): boolean {
    if (from >= this.size) return false;
    const start = this.starts[from]!;
    return this.text.charCodeAt(start + prefix.length) === 32 && this.text.startsWith(prefix, start);
  }
}

interface OfficeLine {
  title: string;
  styles: string[];
  jurisdiction: string;
  kind: string;
  notability: number;
  leader: boolean;
}

/** An entity number within its pack, with the flag for names that must be written as acronyms. */
export interface BaseTarget {
  index: number;
  acronym: boolean;
}

/** What a name key stands for: the entities it names, and whether longer names go on from it. */
export interface KeyLookup {
  targets: readonly BaseTarget[] | undefined;
  continues: boolean;
}

export interface BaseHolder {
  index: number;
  from?: string;
  to?: string;
}

/** First words of names (bit 1) and of surnames (bit 2), in an open-addressing hash table of 32-bit hashes. */
class WordFlags {
  private readonly hashes: Int32Array;
  private readonly flags: Uint8Array;
  private readonly mask: number;

  constructor(tables: Array<[SortedTable, number]>) {
    let words = 0;
    for (const [t] of tables) words += t.size;
    let size = 1024;
    while (size < words) size <<= 1;
    this.hashes = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.mask = size - 1;
    for (const [table, flag] of tables) {
      for (let line = 0; line < table.size; line++) {
        const key = table.key(line);
        const space = key.indexOf(' ');
        this.add(hash(key, space === -1 ? key.length : space), flag);
      }
    }
  }

  private add(h: number, flag: number): void {
    let slot = h & this.mask;
    while (this.flags[slot] !== 0 && this.hashes[slot] !== h) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.flags[slot]! |= flag;
  }

  get(word: string): number {
    const h = hash(word, word.length);
    let slot = h & this.mask;
    while (this.flags[slot] !== 0) {
      if (this.hashes[slot] === h) return this.flags[slot]!;
      slot = (slot + 1) & this.mask;
    }
    return 0;
  }
}

/** FNV-1a over the first `length` characters of `s`. */
function hash(s: string, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Decoded entities kept per pack. A long document names a few hundred compiled people; the
 * 1 MB bench document's recognition asks for about 3,000 distinct candidates, and keeping
 * 20,000 decoded records was 6 MB of the language server's peak.
 */
const DECODED_KEPT = 4_096;

/** One pack of the compiled base. */
export class CompiledBase {
  readonly pack: string;
  private readonly files: BaseFiles;
  private names?: SortedTable;
  private surnames?: SortedTable;
  private holdersTable?: SortedTable;
  private readonly offices = new Map<number, OfficeLine>();
  private jurisdictionNames?: Map<string, { iso?: string; name: string }>;
  private credits?: Record<string, SourceCredit>;
  private readonly decoded = new Map<number, Entity>();

  constructor(files: BaseFiles) {
    this.pack = files.pack;
    this.files = files;
  }

  /** The first-word table (kept by BaseSet, which builds one over all packs). */
  nameTable(): SortedTable {
    return (this.names ??= new SortedTable(this.files.names));
  }

  surnameTable(): SortedTable {
    return (this.surnames ??= new SortedTable(this.files.surnames));
  }

  get size(): number {
    return this.files.entities.count;
  }

  lookupName(key: string): KeyLookup {
    return lookup(this.nameTable(), key);
  }

  lookupSurname(key: string): KeyLookup {
    return lookup(this.surnameTable(), key);
  }

  /** Who held an office with this style (normalised) in this jurisdiction, at any time. */
  holders(jurisdiction: string, style: string): BaseHolder[] {
    const table = (this.holdersTable ??= new SortedTable(this.files.holders()));
    const line = table.find(`${jurisdiction}:${style}`);
    if (line === -1) return [];
    return table
      .value(line)
      .split(';')
      .map((h) => {
        const [index, from, to] = h.split('|') as [string, string, string];
        const out: BaseHolder = { index: Number(index) };
        if (from) out.from = from;
        if (to) out.to = to;
        return out;
      });
  }

  /** The entity number of an id, or -1. */
  indexOf(id: string): number {
    const table = this.files.entities;
    const q = /^Q(\d+)$/.exec(id);
    const qids = table.qids;
    if (q && qids) {
      // Wikidata ids come first, by number: bisect the numbers, no line read.
      const n = Number(q[1]);
      let lo = 0;
      let hi = table.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (qids[mid] !== 0 && qids[mid]! < n) lo = mid + 1;
        else hi = mid;
      }
      return lo < table.count && qids[lo] === n ? lo : -1;
    }
    let lo = 0;
    let hi = table.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(this.idAt(mid), id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < table.count && this.idAt(lo) === id ? lo : -1;
  }

  /** Decodes an entity; the decoded entity is kept (a card or the recogniser asks again). */
  entity(index: number, countryOf: (iso: string) => string | undefined): Entity {
    const known = this.decoded.get(index);
    if (known) return known;
    // Bounded: a long document names thousands of people; the oldest go and are decoded again if asked.
    if (this.decoded.size >= DECODED_KEPT) this.decoded.clear();
    const e = this.decode(this.files.entities.line(index), countryOf);
    this.decoded.set(index, e);
    return e;
  }

  /** "Office data: Wikidata (CC0), via every-politician-scrapers; …" for a card. */
  creditLine(entity: Entity): string {
    this.credits ??= (JSON.parse(this.files.manifest) as { sources: Record<string, SourceCredit> }).sources;
    return (entity.sources ?? []).map((s) => this.credits![s]?.card ?? s).join('; ');
  }

  private idAt(index: number): string {
    const line = this.files.entities.line(index);
    return line.slice(0, line.indexOf('\t'));
  }

  private office(index: number): OfficeLine {
    let o = this.offices.get(index);
    if (!o) {
      const [title, styles, jurisdiction, flags] = this.files.offices.line(index).split('\t') as [string, string, string, string];
      o = { title, styles: styles ? styles.split('|') : [], jurisdiction, kind: flags[0] ?? 'o', notability: Number(flags[1] ?? 1), leader: flags.includes('L') };
      this.offices.set(index, o);
    }
    return o;
  }

  /** Every style of every office, as written ("Prime Minister", "Sen."): the build lists them in the manifest. */
  styles(): string[] {
    return (JSON.parse(this.files.manifest) as { styles?: string[] }).styles ?? [];
  }

  jurisdiction(code: string): { iso?: string; name: string } | undefined {
    if (!this.jurisdictionNames) {
      this.jurisdictionNames = new Map();
      for (const line of this.files.jurisdictions.split('\n')) {
        if (!line) continue;
        const [c, iso, name] = line.split('\t') as [string, string, string];
        this.jurisdictionNames.set(c, iso ? { iso, name } : { name });
      }
    }
    return this.jurisdictionNames.get(code);
  }

  private decode(line: string, countryOf: (iso: string) => string | undefined): Entity {
    const f = line.split('\t');
    const [id, kind, name, flags, born, died, wiki, tenures, sources, extra, surname] = f as [string, string, string, string, string, string, string, string, string, string, string];
    const type: EntityType = kind === 'p' ? 'person' : kind === 't' ? 'treaty' : 'organisation';
    const e: Entity = {
      id,
      name,
      type,
      aliases: [],
      misspellings: [],
      roles: [],
      summary: '',
      facts: [],
      links: [],
      origin: { path: `compiled/${this.pack}` },
      notability: Number(flags[0] ?? 0),
      sources: [...sources].map((l) => LETTER_TO_SOURCE[l] ?? l),
      base: this.pack,
    };
    if (flags[1] === 'm' || flags[1] === 'f') e.gender = flags[1];
    if (born) e.born = born;
    if (died) e.died = died;
    if (wiki) e.wikipedia = wiki === '=' ? name : wiki;
    if (type === 'person') {
      e.surname = surname || name.split(' ').pop()!;
      for (const t of tenures ? tenures.split(';') : []) {
        const [o, from, toRaw, detail] = t.split('|') as [string, string, string, string];
        const office = this.office(Number(o));
        const j = this.jurisdiction(office.jurisdiction);
        const role: Role = { title: office.title, leader: office.leader, jurisdiction: office.jurisdiction, kind: office.kind, officeNotability: office.notability };
        if (office.styles.length > 0) {
          role.style = office.styles[0]!;
          role.styles = office.styles;
        }
        const of = j?.iso ? countryOf(j.iso) : undefined;
        if (of) role.of = of;
        if (from) role.from = from;
        const to = toRaw.startsWith('~') ? toRaw.slice(1) : toRaw;
        if (to) role.to = to;
        if (toRaw.startsWith('~')) role.toInferred = true;
        if (detail) role.detail = detail;
        e.roles.push(role);
      }
    } else if (extra) {
      const x = JSON.parse(extra) as { m?: Array<[string, string]>; n?: string[]; l?: Array<[string, string]>; a?: string[] };
      for (const [title, date] of x.m ?? []) e.roles.push({ title, leader: false, from: date, to: date });
      e.notes = x.n ?? [];
      e.links = (x.l ?? []).map(([title, url]) => ({ title, url }));
      e.aliases = x.a ?? [];
    }
    if (e.wikipedia) e.links = [...e.links, { title: 'Wikipedia', url: `https://en.wikipedia.org/wiki/${encodeURIComponent(e.wikipedia.replace(/ /g, '_'))}` }];
    return e;
  }
}

/** Shared by every lookup that finds no name: most lookups of a capitalised word. */
const NO_TARGETS: KeyLookup = { targets: undefined, continues: false };
const ONLY_LONGER: KeyLookup = { targets: undefined, continues: true };

function lookup(table: SortedTable, key: string): KeyLookup {
  const at = table.lowerBound(key);
  const exact = table.is(at, key);
  const continues = table.continues(key, exact ? at + 1 : at);
  if (!exact) return continues ? ONLY_LONGER : NO_TARGETS;
  return { targets: parseTargets(table.value(at)), continues };
}

function parseTargets(value: string): BaseTarget[] {
  return value.split(',').map((v) => (v.endsWith('A') ? { index: Number(v.slice(0, -1)), acronym: true } : { index: Number(v), acronym: false }));
}

/** Wikidata ids by number, then other ids as strings: the order entities.tsv is sorted in. */
export function compareIds(a: string, b: string): number {
  const qa = /^Q(\d+)$/.exec(a);
  const qb = /^Q(\d+)$/.exec(b);
  if (qa && qb) return Number(qa[1]) - Number(qb[1]);
  if (qa) return -1;
  if (qb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A handle names an entity of one pack: the pack's position times 2^24, plus its number. */
export type Handle = number;
const PACK_SHIFT = 2 ** 24;

const MISS = { handles: [] as Array<{ handle: Handle; acronym: boolean }>, continues: false };
const MISS_LONGER = { handles: [] as Array<{ handle: Handle; acronym: boolean }>, continues: true };

/** Every pack of the compiled base, searched as one. */
export class BaseSet {
  private words?: WordFlags;

  constructor(readonly packs: readonly CompiledBase[]) {}

  static empty(): BaseSet {
    return new BaseSet([]);
  }

  /** Bit 1: some name starts with this (normalised) word; bit 2: some surname does. */
  wordFlags(word: string): number {
    if (this.packs.length === 0) return 0;
    this.words ??= new WordFlags(this.packs.flatMap((p) => [[p.nameTable(), 1] as [SortedTable, number], [p.surnameTable(), 2] as [SortedTable, number]]));
    return this.words.get(word);
  }

  /** Names or surnames with this key in any pack, and whether a longer key goes on from it. */
  lookup(key: string, table: 'names' | 'surnames'): { handles: Array<{ handle: Handle; acronym: boolean }>; continues: boolean } {
    let handles: Array<{ handle: Handle; acronym: boolean }> | undefined;
    let continues = false;
    for (let n = 0; n < this.packs.length; n++) {
      const p = this.packs[n]!;
      const r = table === 'names' ? p.lookupName(key) : p.lookupSurname(key);
      if (r.continues) continues = true;
      if (r.targets) for (const t of r.targets) (handles ??= []).push({ handle: n * PACK_SHIFT + t.index, acronym: t.acronym });
    }
    if (!handles) return continues ? MISS_LONGER : MISS;
    return { handles, continues };
  }

  holders(jurisdiction: string, style: string): Array<BaseHolder & { handle: Handle }> {
    return this.packs.flatMap((p, n) => p.holders(jurisdiction, style).map((h) => ({ ...h, handle: n * PACK_SHIFT + h.index })));
  }

  entity(handle: Handle, countryOf: (iso: string) => string | undefined): Entity {
    return this.packs[Math.floor(handle / PACK_SHIFT)]!.entity(handle % PACK_SHIFT, countryOf);
  }

  /** The handle of an id, or undefined. */
  handleOf(id: string): Handle | undefined {
    for (let n = 0; n < this.packs.length; n++) {
      const i = this.packs[n]!.indexOf(id);
      if (i !== -1) return n * PACK_SHIFT + i;
    }
    return undefined;
  }

  styles(): string[] {
    return [...new Set(this.packs.flatMap((p) => p.styles()))].sort();
  }

  creditLine(entity: Entity): string {
    const pack = this.packs.find((p) => p.pack === entity.base);
    return pack ? pack.creditLine(entity) : '';
  }

  jurisdictionName(code: string): string | undefined {
    for (const p of this.packs) {
      const j = p.jurisdiction(code);
      if (j) return j.name;
    }
    return undefined;
  }
}
