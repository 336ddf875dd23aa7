import type { PartialDate } from './dates.js';
import type { Jurisdiction } from './jurisdictions.js';
import type { OfficeKind } from './positions.js';

/** The sources the build reads, each credited on the cards made from it. */
export type SourceId = 'wikidata' | 'congress' | 'archigos' | 'huggo' | 'supraverden';

export interface Office {
  /** `${jurisdiction code}|${label, lower case}`: the same office from two sources meets here. */
  key: string;
  label: string;
  /** How the card writes it: "Prime Minister of Israel", "Minister of Finance (Israel)". */
  title: string;
  styles: string[];
  jurisdiction: Jurisdiction;
  kind: OfficeKind;
  notability: 1 | 2 | 3;
  leader: boolean;
}

export interface Tenure {
  office: Office;
  from?: PartialDate;
  to?: PartialDate;
  /** For legislators: party and state or district ("Republican, Kentucky"). */
  detail?: string;
  /** The end is not in the source but inferred (a later snapshot no longer lists the holder). */
  toInferred?: boolean;
  source: SourceId;
}

export interface Person {
  /** The Wikidata id where any source gives one, else a source's own id ("bioguide:B000589"). */
  id: string;
  wikidata?: string;
  bioguide?: string;
  /** The display name first, then other forms a writer may use. */
  names: string[];
  /** Forms usable before a title ("Boehner"), when a source states the surname. */
  surnames: string[];
  gender?: 'm' | 'f';
  born?: PartialDate;
  died?: PartialDate;
  /** English Wikipedia title. */
  wikipedia?: string;
  tenures: Tenure[];
  sources: Set<SourceId>;
}

/** An organisation or a treaty, with its dated milestones. */
export interface Thing {
  id: string;
  type: 'organisation' | 'treaty';
  name: string;
  aliases: string[];
  wikipedia?: string;
  milestones: Array<{ title: string; date: PartialDate }>;
  /** Further card lines: "Headquarters: Geneva, Switzerland". */
  notes: string[];
  links: Array<{ title: string; url: string }>;
  source: SourceId;
}
