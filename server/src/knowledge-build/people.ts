import { agreeingDate, firstDay, lastDay, type PartialDate } from './dates.js';
import type { Jurisdiction } from './jurisdictions.js';
import type { Office, Person, SourceId, Tenure } from './model.js';
import type { Positions } from './positions.js';
import type { Problems } from './problems.js';
import { nameKey } from './keys.js';

/** What a source knows of a person, to be merged into the registry. */
export interface PersonFacts {
  wikidata?: string;
  bioguide?: string;
  /** An id of the source's own, used when there is no Wikidata id or bioguide id. */
  localId?: string;
  name: string;
  otherNames?: string[];
  surnames?: string[];
  gender?: 'm' | 'f';
  born?: PartialDate;
  died?: PartialDate;
  wikipedia?: string;
  source: SourceId;
}

/**
 * Every person of every source, merged: by Wikidata id, then bioguide id, then English
 * Wikipedia title, then by name and birth date (a source without ids, such as Archigos,
 * meets the others there). Offices are kept once per jurisdiction and label.
 */
export class Registry {
  readonly people: Person[] = [];
  private readonly byWikidata = new Map<string, Person>();
  private readonly byBioguide = new Map<string, Person>();
  private readonly byWikipedia = new Map<string, Person>();
  private readonly byNameAndBirth = new Map<string, Person>();
  private readonly byLocal = new Map<string, Person>();
  private readonly offices = new Map<string, Office>();

  constructor(
    private readonly positions: Positions,
    private readonly problems: Problems,
  ) {}

  office(jurisdiction: Jurisdiction, label: string, forced?: Partial<Pick<Office, 'styles' | 'leader' | 'title' | 'kind' | 'notability'>>): Office {
    const clean = label.replace(/\s+/g, ' ').trim();
    const key = `${jurisdiction.code}|${withoutPlace(clean, jurisdiction).toLowerCase()}`;
    const known = this.offices.get(key);
    if (known) return known;
    const p = this.positions.of(clean);
    const title = forced?.title ?? p.title ?? displayTitle(clean, p.display, jurisdiction);
    const office: Office = {
      key,
      label: clean,
      title,
      styles: forced?.styles ?? p.styles,
      jurisdiction,
      kind: forced?.kind ?? p.kind,
      notability: forced?.notability ?? p.notability,
      leader: forced?.leader ?? p.leader,
    };
    this.offices.set(key, office);
    return office;
  }

  allOffices(): Office[] {
    return [...this.offices.values()];
  }

  /** The person these facts describe, created or merged into. */
  person(f: PersonFacts): Person {
    const found = this.find(f);
    if (found) {
      this.merge(found, f);
      return found;
    }
    const id = f.wikidata ?? (f.bioguide ? `bioguide:${f.bioguide}` : f.localId!);
    const p: Person = { id, names: [], surnames: [], tenures: [], sources: new Set() };
    this.people.push(p);
    this.merge(p, f);
    return p;
  }

  /** A person already known under one of these ids or titles, without adding anything. */
  lookup(f: Pick<PersonFacts, 'wikidata' | 'bioguide' | 'wikipedia'>): Person | undefined {
    return (f.wikidata && this.byWikidata.get(f.wikidata)) || (f.bioguide && this.byBioguide.get(f.bioguide)) || (f.wikipedia && this.byWikipedia.get(f.wikipedia)) || undefined;
  }

  /** People whose display name or another form is this name. */
  byName(name: string): Person[] {
    if (!this.nameIndex) {
      this.nameIndex = new Map();
      for (const p of this.people) {
        for (const key of new Set(p.names.map(nameKey))) {
          let list = this.nameIndex.get(key);
          if (!list) this.nameIndex.set(key, (list = []));
          list.push(p);
        }
      }
    }
    return this.nameIndex.get(nameKey(name)) ?? [];
  }

  private nameIndex: Map<string, Person[]> | undefined;

  /** Adds a source's facts to a person found by other means (a surname and birth year). */
  addTo(p: Person, f: PersonFacts): void {
    this.merge(p, f);
  }

  /**
   * People with this surname (as a source states it, or the last word of their name) born in
   * this year, holding some office of the jurisdiction: how a source that has neither ids nor
   * full names (Archigos gives "Johnson", born 1908, leader of the US) meets the others.
   */
  bySurnameAndBirth(surname: string, year: string, jurisdiction?: string): Person[] {
    if (!this.surnameIndex) {
      this.surnameIndex = new Map();
      for (const p of this.people) {
        if (!p.born) continue;
        const forms = new Set([...p.surnames, ...p.names.map((n) => n.split(' ').pop()!)].map(nameKey));
        for (const f of forms) {
          const key = `${f}|${p.born.slice(0, 4)}`;
          this.surnameIndex.set(key, [...(this.surnameIndex.get(key) ?? []), p]);
        }
      }
    }
    const found = this.surnameIndex.get(`${nameKey(surname)}|${year}`) ?? [];
    return jurisdiction === undefined ? found : found.filter((p) => p.tenures.some((t) => t.office.jurisdiction.code === jurisdiction));
  }

  private surnameIndex: Map<string, Person[]> | undefined;

  private find(f: PersonFacts): Person | undefined {
    const byId = this.lookup(f);
    if (byId) return byId;
    if (f.localId && this.byLocal.has(f.localId)) return this.byLocal.get(f.localId);
    if (f.born && !f.wikidata) {
      const p = this.byNameAndBirth.get(`${nameKey(f.name)}|${f.born.slice(0, 4)}`);
      if (p) return p;
    }
    return undefined;
  }

  /** Tenures added after the person: a source may also give the office as a plain label. */
  tenure(person: Person, office: Office, from: PartialDate | undefined, to: PartialDate | undefined, source: SourceId, detail?: string): void {
    const t: Tenure = { office, source };
    if (from) t.from = from;
    if (to) t.to = to;
    if (from && to && lastDay(to) < firstDay(from)) {
      this.problems.add('end-before-start', `${person.names[0] ?? person.id} (${person.id}), ${office.title}: ${from} – ${to}`);
      delete t.to;
    }
    if (detail) t.detail = detail;
    person.tenures.push(t);
    person.sources.add(source);
  }

  private merge(p: Person, f: PersonFacts): void {
    if (f.wikidata && !p.wikidata) {
      p.wikidata = f.wikidata;
      if (!p.id.startsWith('Q')) p.id = f.wikidata;
      this.byWikidata.set(f.wikidata, p);
    }
    if (f.bioguide && !p.bioguide) {
      p.bioguide = f.bioguide;
      this.byBioguide.set(f.bioguide, p);
    }
    if (f.localId) this.byLocal.set(f.localId, p);
    for (const n of [f.name, ...(f.otherNames ?? [])]) if (n && !p.names.includes(n)) p.names.push(n);
    for (const s of f.surnames ?? []) if (!p.surnames.includes(s)) p.surnames.push(s);
    if (f.gender && !p.gender) p.gender = f.gender;
    if (f.wikipedia && !p.wikipedia) {
      p.wikipedia = f.wikipedia;
      if (!this.byWikipedia.has(f.wikipedia)) this.byWikipedia.set(f.wikipedia, p);
    }
    p.born = this.date(p, 'born', p.born, f.born);
    p.died = this.date(p, 'died', p.died, f.died);
    if (p.born) {
      const key = `${nameKey(p.names[0]!)}|${p.born.slice(0, 4)}`;
      if (!this.byNameAndBirth.has(key)) this.byNameAndBirth.set(key, p);
    }
    p.sources.add(f.source);
  }

  private date(p: Person, what: string, known: PartialDate | undefined, added: PartialDate | undefined): PartialDate | undefined {
    if (!added) return known;
    if (!known) return added;
    const agreed = agreeingDate(known, added);
    if (agreed) return agreed;
    if (what === 'born') this.problems.add('conflicting-birth-date', `${p.names[0] ?? p.id} (${p.id}): ${known} and ${added}`);
    return known;
  }
}

/**
 * The label without the place it names, so that one source's "Vice President" and another's
 * "Vice President of the United States" are one office of the United States.
 */
function withoutPlace(label: string, j: Jurisdiction): string {
  const suffix = ` of ${WITH_ARTICLE.test(j.name) ? 'the ' : ''}${j.name}`;
  return label.toLowerCase().endsWith(suffix.toLowerCase()) ? label.slice(0, -suffix.length) : label;
}

/** Countries whose English name takes "the": "Prime Minister of the United Kingdom". */
const WITH_ARTICLE = /^(?:United|Philippines|Netherlands|Bahamas|Gambia|Central African|Dominican Republic|Comoros|Maldives|Marshall|Solomon|Seychelles|Czech Republic|Republic|Democratic|Cayman|British|Turks|Faroe|Falkland|Vatican|Holy See|Northern Mariana|Virgin|Donetsk|Luhansk)/;

function displayTitle(label: string, display: 'of' | 'place' | 'label', j: Jurisdiction): string {
  if (display === 'label' || j.code === 'world') return capitalise(label);
  const place = WITH_ARTICLE.test(j.name) ? `the ${j.name}` : j.name;
  if (display === 'of') return `${capitalise(label)} of ${place}`;
  return `${capitalise(label)} (${j.name})`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
