import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { partialDate } from '../dates.js';
import type { Jurisdictions } from '../jurisdictions.js';
import type { Person } from '../model.js';
import type { Registry } from '../people.js';
import type { Problems } from '../problems.js';
import { withoutQualifier } from '../keys.js';
import { readCsv } from '../csv.js';

interface RawTerm {
  type: string;
  start?: string;
  end?: string;
  state?: string;
  district?: number;
  party?: string;
}

interface RawLeadership {
  title: string;
  chamber?: string;
  start?: string;
  end?: string;
}

interface RawMember {
  id: { bioguide?: string; wikidata?: string; wikipedia?: string };
  name: { first?: string; middle?: string; last?: string; nickname?: string; suffix?: string; official_full?: string };
  bio?: { birthday?: string; gender?: string };
  terms?: RawTerm[];
  leadership_roles?: RawLeadership[];
}

const OFFICE_OF_TERM: Record<string, string> = {
  rep: 'United States representative',
  sen: 'United States senator',
  prez: 'President of the United States',
  viceprez: 'Vice President of the United States',
};

/**
 * unitedstates/congress-legislators: the current members file and its early-February
 * snapshots from 2013 on (each member's terms up to the snapshot, leadership roles), the
 * presidents and vice presidents, and the historical members' Wikipedia titles.
 */
export function readCongress(dir: string, registry: Registry, jurisdictions: Jurisdictions, problems: Problems, statesPath: string): { members: number } {
  const us = jurisdictions.ofIso('US')!;
  const states = parse(readFileSync(statesPath, 'utf8')) as Record<string, string>;
  const snapshots = readdirSync(dir)
    .filter((f) => /^legislators-current@\d{4}-\d{2}-\d{2}\.yaml$/.test(f))
    .sort()
    .map((f) => ({ file: f, date: f.slice('legislators-current@'.length, -'.yaml'.length) }));
  snapshots.push({ file: 'legislators-current.yaml', date: '9999-12-31' });

  const historical = new Map<string, string>();
  for (const r of readCsv(join(dir, 'legislators-historical.csv'))) if (r['bioguide_id'] && r['wikipedia_id']) historical.set(r['bioguide_id'], r['wikipedia_id']);

  // Each member as the latest snapshot that lists them has them, and whether a later one does not.
  const last = new Map<string, { member: RawMember; index: number }>();
  snapshots.forEach((s, index) => {
    const seen = new Set<string>();
    for (const m of parse(readFileSync(join(dir, s.file), 'utf8')) as RawMember[]) {
      const id = m.id?.bioguide;
      if (!id) {
        problems.add('bad-row', `congress-legislators ${s.file}: a member without a bioguide id`);
        continue;
      }
      if (seen.has(id)) problems.add('duplicate-id', `congress-legislators ${s.file}: ${id} twice; the later entry is kept`);
      seen.add(id);
      last.set(id, { member: m, index });
    }
  });
  for (const [bioguide, { member, index }] of [...last].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const person = memberPerson(registry, member, historical.get(bioguide), problems);
    if (!person) continue;
    addTerms(registry, person, member.terms ?? [], us, states, problems);
    const gone = index < snapshots.length - 1 ? snapshots[index + 1]! : undefined;
    for (const role of member.leadership_roles ?? []) {
      const office = registry.office(us, leadershipLabel(role));
      const where = `congress-legislators ${bioguide} ${role.title}`;
      let to = partialDate(role.end, problems, `${where} end`);
      if (!to && gone) {
        problems.add('open-role-closed', `${person.names[0]} (${bioguide}), ${role.title} from ${role.start}: not in the snapshot of ${gone.date}`);
        to = gone.date;
        registry.tenure(person, office, partialDate(role.start, problems, `${where} start`), to, 'congress');
        person.tenures[person.tenures.length - 1]!.toInferred = true;
        continue;
      }
      registry.tenure(person, office, partialDate(role.start, problems, `${where} start`), to, 'congress');
    }
  }

  const executive = parse(readFileSync(join(dir, 'executive.yaml'), 'utf8')) as RawMember[];
  for (const m of executive) {
    const person = memberPerson(registry, m, m.id.bioguide ? historical.get(m.id.bioguide) : undefined, problems);
    if (person) addTerms(registry, person, m.terms ?? [], us, states, problems);
  }
  return { members: last.size + executive.length };
}

function memberPerson(registry: Registry, m: RawMember, historicalTitle: string | undefined, problems: Problems): Person | undefined {
  const n = m.name ?? {};
  if (!n.last) {
    problems.add('no-name', `congress-legislators ${m.id?.bioguide ?? '?'}`);
    return undefined;
  }
  const first = n.nickname ?? n.first;
  const display = n.official_full ?? [first, n.last].filter(Boolean).join(' ');
  const forms = [display, [n.first, n.last].join(' '), [first, n.last].join(' '), [n.first, n.middle, n.last].filter(Boolean).join(' ')];
  if (n.suffix) forms.push(`${[first, n.last].join(' ')} ${n.suffix}`);
  const wikipedia = m.id.wikipedia ?? historicalTitle;
  if (wikipedia) forms.push(withoutQualifier(wikipedia));
  const born = partialDate(m.bio?.birthday, problems, `congress-legislators ${m.id.bioguide} birthday`);
  return registry.person({
    ...(m.id.wikidata ? { wikidata: m.id.wikidata } : {}),
    ...(m.id.bioguide ? { bioguide: m.id.bioguide } : { localId: `congress:${display}` }),
    name: display,
    otherNames: forms.slice(1),
    surnames: [n.last],
    ...(m.bio?.gender === 'M' ? { gender: 'm' as const } : m.bio?.gender === 'F' ? { gender: 'f' as const } : {}),
    ...(born ? { born } : {}),
    ...(wikipedia ? { wikipedia } : {}),
    source: 'congress',
  });
}

function addTerms(registry: Registry, person: Person, terms: RawTerm[], us: NonNullable<ReturnType<Jurisdictions['ofIso']>>, states: Record<string, string>, problems: Problems): void {
  for (const t of terms) {
    const label = OFFICE_OF_TERM[t.type];
    if (!label) {
      problems.add('bad-row', `congress-legislators ${person.id}: term type ${t.type}`);
      continue;
    }
    const where = `congress-legislators ${person.id} ${t.type}`;
    registry.tenure(person, registry.office(us, label), partialDate(t.start, problems, `${where} start`), partialDate(t.end, problems, `${where} end`), 'congress', termDetail(t, states));
  }
}

function termDetail(t: RawTerm, states: Record<string, string>): string | undefined {
  if (t.type !== 'rep' && t.type !== 'sen') return t.party;
  const state = t.state ? (states[t.state] ?? t.state) : undefined;
  const seat = t.type === 'rep' && state ? (t.district === 0 || t.district === undefined ? `${state} at large` : `${state}'s ${ordinal(t.district)} district`) : state;
  return [t.party, seat].filter(Boolean).join(', ') || undefined;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** The chamber's leadership titles as one office each: "Majority Leader" of the Senate is "Senate Majority Leader". */
function leadershipLabel(role: RawLeadership): string {
  const title = role.title.trim();
  if (/^Speaker(?: of the House)?$/i.test(title)) return 'Speaker of the House of Representatives';
  if (/^(?:House|Senate|Speaker|President|Assistant)\b/.test(title)) return title;
  return `${role.chamber === 'senate' ? 'Senate' : 'House'} ${title}`;
}
