import type { EntityType } from '../types.js';
import type { BaseSet, Handle } from './base.js';

/**
 * The compiled form of the entity packs. Pack YAML is validated against the schema in
 * `schema.ts`, then normalised into these shapes once, so recognition and cards never
 * look at raw pack data.
 */

/** A date as written in a pack, normalised: "1953", "1953-06" or "1953-06-15". */
export type PartialDate = string;

export interface Role {
  /** Display title: "President of the People's Republic of China". */
  title: string;
  /** How the holder is addressed before the surname ("President"), normalised lower case. */
  style?: string;
  /** The country or organisation the role belongs to (an entity id), for "South Korea's president". */
  of?: string;
  /** Whether holding this role makes the person the leader of `of` ("the North Korean leader"). */
  leader: boolean;
  from?: PartialDate;
  to?: PartialDate;
  note?: string;
  /** Every style the office is addressed by ("Secretary of State", "Secretary"); `style` is the first. */
  styles?: string[];
  /** For compiled offices: the jurisdiction's code ("us", "gb-scotland") and the office's kind and notability. */
  jurisdiction?: string;
  kind?: string;
  officeNotability?: number;
  /** The end is not in the data but inferred from a later snapshot that no longer lists the holder. */
  toInferred?: boolean;
  /** For legislators: party and state or district ("Republican, Kentucky"). */
  detail?: string;
}

export interface Fact {
  text: string;
  source: string;
  /** A Wikipedia article used as the source of a well-established fact. */
  wikipedia: boolean;
}

export interface Link {
  title: string;
  url: string;
}

export interface CountryData {
  iso2: string;
  iso3: string;
  officialName: string;
  capital: string[];
  region: string;
  subregion: string;
  /** Land neighbours as common names, alphabetical. */
  borders: string[];
  areaKm2: number;
  landlocked: boolean;
  unMember: boolean;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  /** For people: the family name used with titles ("Xi", "Kim", "Putin"). */
  surname?: string;
  /**
   * False when the surname is also an ordinary word ("May", "Ban"): it then names the
   * person only after a title ("Mrs May", "Prime Minister May"), never alone.
   */
  bareSurname?: boolean;
  aliases: string[];
  misspellings: string[];
  born?: PartialDate;
  died?: PartialDate;
  /** A caveat on the birth date ("year disputed: 1982, 1983 or 1984"). */
  bornNote?: string;
  roles: Role[];
  summary: string;
  facts: Fact[];
  links: Link[];
  country?: CountryData;
  /** Where the entry came from, for messages. */
  origin: { path: string; line?: number };
  /** Compiled entities: the pack of the base they come from, their sources, how notable (0–3). */
  base?: string;
  sources?: string[];
  notability?: number;
  gender?: 'm' | 'f';
  /** English Wikipedia title. */
  wikipedia?: string;
  /** Further card lines of compiled organisations ("Headquarters: Geneva, Switzerland"). */
  notes?: string[];
}

/** What one alias in the trie stands for. */
export type AliasTarget =
  | { kind: 'entity'; id: string; misspelling: boolean; from?: PartialDate; to?: PartialDate }
  | { kind: 'title'; style: string }
  | { kind: 'demonym'; countryId: string }
  | { kind: 'surname'; ids: string[] };

export interface AliasEntry {
  target: AliasTarget;
  /** Per alias token: 'acronym' must match exactly, 'capital' must start upper case, 'any' anything. */
  cases: Array<'acronym' | 'capital' | 'any'>;
  /** The alias as written in the pack, for messages. */
  written: string;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entries: AliasEntry[];
}

/** A person's role indexed under the country or body it belongs to. */
export interface OfficeHolder {
  personId: string;
  role: Role;
}

export interface EntityKnowledge {
  /** The hand-written entities (the packs' YAML), by id. */
  entities: ReadonlyMap<string, Entity>;
  /** The compiled base (empty when none was given). */
  base: BaseSet;
  /** Any entity by id: a hand-written one, else a compiled one. */
  entity(id: string): Entity | undefined;
  /** A compiled entity, or the hand-written entry that stands for it. */
  fromHandle(handle: Handle): Entity;
  /** The id of the country entity with this ISO code ("IL" → "Q801"). */
  countryOf(iso: string): string | undefined;
  /** Styles written with a full stop ("Sen.", "Lt. Gov."), normalised: the stop after them is no stray one. */
  abbreviatedStyles: ReadonlySet<string>;
  /** Words of abbreviated styles that a full stop follows inside the style ("lt" of "Lt. Gov."). */
  abbreviatedWords: ReadonlySet<string>;
  trie: TrieNode;
  /** Lower-cased office words usable after "X's" or a demonym: "president", "prime minister", "leader". */
  offices: TrieNode;
  /** Office holders by the id of the country or body. */
  holders: ReadonlyMap<string, readonly OfficeHolder[]>;
  /** People by lower-cased, normalised surname. */
  surnames: ReadonlyMap<string, readonly string[]>;
}
