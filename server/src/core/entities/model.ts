import type { EntityType } from '../types.js';

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
  entities: ReadonlyMap<string, Entity>;
  trie: TrieNode;
  /** Lower-cased office words usable after "X's" or a demonym: "president", "prime minister", "leader". */
  offices: TrieNode;
  /** Office holders by the id of the country or body. */
  holders: ReadonlyMap<string, readonly OfficeHolder[]>;
  /** People by lower-cased, normalised surname. */
  surnames: ReadonlyMap<string, readonly string[]>;
}
