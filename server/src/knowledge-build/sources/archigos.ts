import { readFileSync } from 'node:fs';
import { partialDate } from '../dates.js';
import type { Jurisdiction, Jurisdictions } from '../jurisdictions.js';
import type { Registry } from '../people.js';
import type { Person } from '../model.js';
import type { Problems } from '../problems.js';
import { withoutQualifier } from '../keys.js';

interface Spell {
  leadid: string;
  idacr: string;
  surname: string;
  from?: string;
  to?: string;
  gender: string;
  born?: string;
  died?: string;
  wikipedia?: string;
}

/**
 * Archigos 4.1 (Goemans, Gleditsch and Chiozza; via globalgov/manystates): the effective
 * leader of every state, 1875–2015, a row per leader and year. Leaders are named by surname
 * only, with a DBpedia resource (the English Wikipedia title) for most, and states by the
 * Correlates of War abbreviation. The build learns which jurisdiction each abbreviation is
 * from the leaders it already knows under the same Wikipedia title (their offices say where
 * they led), so no table of abbreviations is typed in; an abbreviation no known leader
 * settles is reported.
 */
export function readArchigos(path: string, registry: Registry, jurisdictions: Jurisdictions, problems: Problems): { leaders: number; spells: number } {
  const lines = readFileSync(path, 'latin1').split(/\r?\n/);
  const header = lines[0]!.split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [cObs, cLead, cAcr, cLeader, cStart, cEnd, cGender, cYrBorn, cYrDied, cBorn, cDied, cUri] = ['obsid', 'leadid', 'idacr', 'leader', 'startdate', 'enddate', 'gender', 'yrborn', 'yrdied', 'borndate', 'deathdate', 'dbpedia.uri'].map(col) as number[];
  const spells = new Map<string, Spell>();
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    const obs = f[cObs!]!;
    const where = `archigos ${obs}`;
    const start = partialDate(f[cStart!], problems, `${where} startdate`);
    const end = partialDate(f[cEnd!], problems, `${where} enddate`);
    const spell = spells.get(obs);
    if (spell) {
      if (start && (!spell.from || start < spell.from)) spell.from = start;
      if (end && (!spell.to || end > spell.to)) spell.to = end;
      continue;
    }
    const uri = f[cUri!] ?? '';
    const title = uri.startsWith('http://dbpedia.org/resource/') ? decodeTitle(uri.slice('http://dbpedia.org/resource/'.length)) : undefined;
    const born = archigosDate(f[cBorn!], problems, `${where} borndate`) ?? archigosDate(f[cYrBorn!], problems, `${where} yrborn`);
    const died = archigosDate(f[cDied!], problems, `${where} deathdate`) ?? archigosDate(f[cYrDied!], problems, `${where} yrdied`);
    spells.set(obs, {
      leadid: f[cLead!]!,
      idacr: f[cAcr!]!,
      surname: f[cLeader!]!,
      ...(start ? { from: start } : {}),
      ...(end ? { to: end } : {}),
      gender: f[cGender!] ?? '',
      ...(born ? { born } : {}),
      ...(died ? { died } : {}),
      ...(title ? { wikipedia: title } : {}),
    });
  }

  // Which jurisdiction each abbreviation is: the vote of leaders known under their Wikipedia title.
  const votes = new Map<string, Map<string, { j: Jurisdiction; n: number }>>();
  for (const s of spells.values()) {
    const isHead = (p: Person): boolean => p.tenures.some((t) => t.office.kind === 'head');
    const known = s.wikipedia
      ? (registry.lookup({ wikipedia: s.wikipedia }) ?? registry.byName(withoutQualifier(s.wikipedia)).find(isHead))
      : s.born
        ? only(registry.bySurnameAndBirth(s.surname, s.born.slice(0, 4)).filter(isHead))
        : undefined;
    if (!known) continue;
    for (const t of known.tenures) {
      if (t.office.kind !== 'head' || !t.office.jurisdiction.iso || t.office.jurisdiction.code.includes('-')) continue;
      const tally = votes.get(s.idacr) ?? new Map();
      const entry = tally.get(t.office.jurisdiction.code) ?? { j: t.office.jurisdiction, n: 0 };
      entry.n++;
      tally.set(t.office.jurisdiction.code, entry);
      votes.set(s.idacr, tally);
    }
  }
  const country = new Map<string, Jurisdiction>();
  for (const [acr, tally] of [...votes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ranked = [...tally.values()].sort((a, b) => b.n - a.n || (a.j.code < b.j.code ? -1 : 1));
    country.set(acr, ranked[0]!.j);
  }
  if (!country.has('USA')) country.set('USA', jurisdictions.ofIso('US')!);

  const unknown = new Map<string, number>();
  const leaders = new Set<string>();
  for (const [obs, s] of [...spells].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const j = country.get(s.idacr);
    if (!j) {
      unknown.set(s.idacr, (unknown.get(s.idacr) ?? 0) + 1);
      continue;
    }
    if (!s.wikipedia) {
      // No full name: the leader is added to a person the other sources know, when exactly one fits.
      const same = s.born ? registry.bySurnameAndBirth(s.surname, s.born.slice(0, 4), j.code) : [];
      if (same.length !== 1) {
        problems.add('surname-only', `archigos ${obs}: ${s.surname}`);
        continue;
      }
      leaders.add(s.leadid);
      registry.tenure(same[0]!, leaderOffice(registry, j), s.from, s.to, 'archigos');
      continue;
    }
    const facts = {
      name: withoutQualifier(s.wikipedia),
      surnames: [s.surname],
      wikipedia: s.wikipedia,
      localId: `archigos:${s.leadid}`,
      ...(s.gender === 'M' ? { gender: 'm' as const } : s.gender === 'F' ? { gender: 'f' as const } : {}),
      ...(s.born ? { born: s.born } : {}),
      ...(s.died ? { died: s.died } : {}),
      source: 'archigos' as const,
    };
    let person = registry.lookup({ wikipedia: s.wikipedia });
    if (!person && s.born) {
      const same = registry.bySurnameAndBirth(s.surname, s.born.slice(0, 4), j.code);
      if (same.length === 1) person = same[0];
    }
    if (person) registry.addTo(person, facts);
    else person = registry.person(facts);
    leaders.add(s.leadid);
    registry.tenure(person, leaderOffice(registry, j), s.from, s.to, 'archigos');
  }
  for (const [acr, n] of [...unknown].sort(([a], [b]) => (a < b ? -1 : 1))) problems.add('unknown-jurisdiction', `archigos state ${acr}: ${n} leader spells (no leader the other sources know, by Wikipedia title or by surname and birth year, says which country it is)`);
  return { leaders: leaders.size, spells: spells.size };
}

function leaderOffice(registry: Registry, j: Jurisdiction): ReturnType<Registry['office']> {
  return registry.office(j, 'Leader (Archigos)', { title: `Leader of ${j.name} (head of government or effective ruler, per Archigos)`, styles: [], leader: true, kind: 'head', notability: 3 });
}

function only<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** Archigos writes missing values as negative codes (-777 "still alive", -999 "unknown"). */
function archigosDate(raw: string | undefined, problems: Problems, where: string): string | undefined {
  return raw?.startsWith('-') ? undefined : partialDate(raw, problems, where);
}

function decodeTitle(raw: string): string {
  let title = raw;
  try {
    title = decodeURIComponent(raw);
  } catch {
    // A stray "%" in a title: keep it as written.
  }
  return title.replace(/_/g, ' ');
}
