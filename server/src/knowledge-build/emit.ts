import { firstDay, lastDay, type PartialDate } from './dates.js';
import { nameKey, withoutSuffix } from './keys.js';
import type { Office, Person, SourceId, Tenure, Thing } from './model.js';
import type { Problems } from './problems.js';
import { SOURCE_LETTERS, styleKeyOf } from '../core/entities/base-format.js';

/**
 * Writes the compiled base in the format `server/src/core/entities/base.ts` reads (see
 * there): one folder per pack, each with tab-separated tables sorted so that the same input
 * gives the same bytes.
 */

export interface SourceInfo {
  name: string;
  card: string;
  licence: string;
  url: string;
  detail: string;
  pack: 'open' | 'share-alike';
}

export interface PackOutput {
  files: Map<string, string>;
  counts: Record<string, number>;
  /** Every style of the pack's offices, sorted: the recogniser's titles. */
  styles: string[];
}

/** Jurisdictions whose people are written surname first: "Moon Jae-in", "Xi Jinping". */
const SURNAME_FIRST = new Set(['cn', 'tw', 'hk', 'mo', 'kp', 'kr', 'vn']);
/** Where a name of three words or more often ends in two surnames: "Enrique Peña Nieto". */
const TWO_SURNAMES = new Set(['es', 'mx', 'ar', 'co', 'pe', 've', 'cl', 'ec', 'gt', 'cu', 'bo', 'do', 'hn', 'py', 'sv', 'ni', 'cr', 'pa', 'uy', 'pr', 'gq']);
const PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'van', 'von', 'der', 'den', 'di', 'du', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ter', 'zu']);
const SUFFIX_WORDS = /^(?:Jr\.?|Sr\.?|II|III|IV),?$/i;
/** Congress membership: the Congress data is the authority, with parties and seats. */
const CONGRESS_SEATS = new Set(['us|united states representative', 'us|united states senator']);
/** Gaps up to this many days between terms of one office make one tenure (House terms end and start on 3 January). */
const JOIN_DAYS = 45;

export function emitPacks(people: Person[], things: Thing[], sources: Record<SourceId, SourceInfo>, problems: Problems): Map<'open' | 'share-alike', PackOutput> {
  const out = new Map<'open' | 'share-alike', PackOutput>();
  for (const pack of ['open', 'share-alike'] as const) {
    const packPeople = pack === 'open' ? people : [];
    const packThings = things.filter((t) => sources[t.source].pack === pack);
    out.set(pack, emitPack(packPeople, packThings, problems));
  }
  return out;
}

interface Row {
  id: string;
  line: string;
  names: string[];
  /** One-word names allowed only written as acronyms (organisations). */
  acronyms: string[];
  surnames: string[];
  holds: Array<{ jurisdiction: string; style: string; from?: PartialDate; to?: PartialDate }>;
  /** The offices the line refers to, by a marker "\0<n>\0" replaced by the office's number once offices are numbered. */
  offices: Office[];
}

function emitPack(people: Person[], things: Thing[], problems: Problems): PackOutput {
  const offices = new Map<Office, number>();
  const officeList: Office[] = [];
  const officeIndex = (o: Office): number => {
    let i = offices.get(o);
    if (i === undefined) {
      i = officeList.length;
      offices.set(o, i);
      officeList.push(o);
    }
    return i;
  };

  const rows: Row[] = [];
  for (const p of people) {
    const tenures = mergeTenures(p.tenures);
    if (tenures.length > 0) rows.push(personRow(p, tenures, problems));
  }
  for (const t of things) rows.push(thingRow(t));
  rows.sort((a, b) => compareIds(a.id, b.id));

  // Offices are numbered by first use in id order, so the numbering does not depend on the order sources were read in.
  const lines: string[] = [];
  const names = new Map<string, Set<string>>();
  const surnames = new Map<string, Set<number>>();
  const holders = new Map<string, string[]>();
  rows.forEach((row, index) => {
    lines.push(row.line.replace(/\u0000(\d+)\u0000/g, (_, n: string) => String(officeIndex(row.offices[Number(n)]!))));
    for (const key of row.names) add(names, key, String(index));
    for (const key of row.acronyms) add(names, key, `${index}A`);
    for (const key of row.surnames) add(surnames, key, index);
    for (const h of row.holds) {
      const k = `${h.jurisdiction}:${h.style}`;
      let list = holders.get(k);
      if (!list) holders.set(k, (list = []));
      list.push(`${index}|${h.from ?? ''}|${h.to ?? ''}`);
    }
  });

  const files = new Map<string, string>();
  files.set('entities.tsv', lines.map((l) => `${l}\n`).join(''));
  files.set('offices.tsv', officeList.map((o) => `${[o.title, o.styles.join('|'), o.jurisdiction.code, `${KIND_LETTER[o.kind]}${o.notability}${o.leader ? 'L' : ''}`].join('\t')}\n`).join(''));
  const jurisdictions = new Map(officeList.map((o) => [o.jurisdiction.code, o.jurisdiction]));
  files.set('jurisdictions.tsv', [...jurisdictions.values()].sort((a, b) => cmp(a.code, b.code)).map((j) => `${j.code}\t${j.iso ?? ''}\t${j.name}\n`).join(''));
  files.set('names.tsv', [...names].sort(([a], [b]) => cmp(a, b)).map(([k, v]) => `${k}\t${[...v].sort(byIndex).join(',')}\n`).join(''));
  files.set('surnames.tsv', [...surnames].sort(([a], [b]) => cmp(a, b)).map(([k, v]) => `${k}\t${[...v].sort((x, y) => x - y).join(',')}\n`).join(''));
  files.set('holders.tsv', [...holders].sort(([a], [b]) => cmp(a, b)).map(([k, v]) => `${k}\t${v.join(';')}\n`).join(''));
  return {
    files,
    styles: [...new Set(officeList.flatMap((o) => o.styles))].sort(),
    counts: {
      entities: lines.length,
      people: rows.filter((r) => r.line.split('\t')[1] === 'p').length,
      organisations: rows.filter((r) => r.line.split('\t')[1] === 'o').length,
      treaties: rows.filter((r) => r.line.split('\t')[1] === 't').length,
      offices: officeList.length,
      names: names.size,
      surnames: surnames.size,
    },
  };
}


const KIND_LETTER: Record<Office['kind'], string> = { head: 'h', cabinet: 'c', legislature: 'l', judiciary: 'j', diplomatic: 'd', subnational: 's', other: 'o' };

function personRow(p: Person, tenures: Tenure[], problems: Problems): Row {
  const notability = Math.max(...tenures.map((t) => t.office.notability));
  const name = p.names[0]!;
  const wikipedia = p.wikipedia === undefined ? '' : p.wikipedia === name ? '=' : p.wikipedia;
  const offices: Office[] = [];
  const tenureText = tenures.map((t) => [`\u0000${offices.push(t.office) - 1}\u0000`, t.from ?? '', `${t.toInferred ? '~' : ''}${t.to ?? ''}`, t.detail ?? ''].join('|')).join(';');
  const sources = [...p.sources].map((s) => SOURCE_LETTERS[s]).sort().join('');
  const surnameList = [...new Set([...p.surnames, ...derivedSurnames(name, tenures)])];
  const line = [p.id, 'p', clean(name), `${notability}${p.gender ?? '-'}`, p.born ?? '', p.died ?? '', clean(wikipedia), tenureText, sources, '', clean(surnameList[0] ?? '')].join('\t');

  const names = new Set<string>();
  for (const form of p.names) {
    for (const f of [form, withoutSuffix(form)]) {
      if (!f) continue;
      const key = nameKey(f);
      if (usableKey(key, 2)) names.add(key);
    }
  }
  if (names.size === 0) problems.add('name-not-latin', `${name} (${p.id})`);
  const surnames = new Set<string>();
  for (const s of surnameList) {
    const key = nameKey(s);
    if (usableKey(key, 1) && key.split(' ').length <= 3) surnames.add(key);
  }
  const holds: Row['holds'] = [];
  for (const t of tenures) {
    const styles = [...t.office.styles.map(styleKeyOf), ...(t.office.leader ? ['leader'] : [])];
    for (const style of new Set(styles)) {
      const h: Row['holds'][number] = { jurisdiction: t.office.jurisdiction.code, style };
      if (t.from) h.from = t.from;
      if (t.to) h.to = t.to;
      holds.push(h);
    }
  }
  return { id: p.id, line, names: [...names], acronyms: [], surnames: [...surnames], holds, offices };
}

function thingRow(t: Thing): Row {
  const extra = JSON.stringify({ m: t.milestones.map((m) => [m.title, m.date]), n: t.notes, l: t.links.map((l) => [l.title, l.url]), a: t.aliases });
  const line = [t.id, t.type === 'treaty' ? 't' : 'o', clean(t.name), '0-', '', '', clean(t.wikipedia ?? ''), '', SOURCE_LETTERS[t.source], extra, ''].join('\t');
  const names = new Set<string>();
  const acronyms = new Set<string>();
  for (const form of [t.name, ...t.aliases]) {
    // "The South Pacific Nuclear Free Zone Treaty" is matched from "South": the article is the text's.
    const key = nameKey(form.replace(/^the\s+/i, ''));
    if (/^[A-Z][A-Z0-9&-]{2,9}$/.test(form.trim())) {
      if (usableKey(key, 1)) acronyms.add(key);
    } else if (usableKey(key, 2)) names.add(key);
  }
  return { id: t.id, line, names: [...names], acronyms: [...acronyms], surnames: [], holds: [], offices: [] };
}

/**
 * Words that open sentences: a name keyed from one ("A. B. Smith", "The Hague Convention")
 * would have the recogniser search the index at every capitalised "A", "The" or "He".
 */
const OPENING_WORDS = new Set(['a', 'an', 'the', 'he', 'she', 'it', 'we', 'they', 'in', 'on', 'of', 'to', 'at', 'by', 'for', 'and', 'but', 'or', 'as', 'if', 'this', 'that', 'i']);

/** A key the recogniser can meet: Latin letters and digits only (after folding diacritics), enough words, not all digits. */
function usableKey(key: string, minWords: number): boolean {
  if (!/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(key)) return false;
  const words = key.split(' ');
  if (OPENING_WORDS.has(words[0]!)) return false;
  return words.length >= minWords && words.length <= 12 && !words.every((w) => /^\d+$/.test(w));
}

function derivedSurnames(name: string, tenures: Tenure[]): string[] {
  const words = name.split(/\s+/).filter((w) => !SUFFIX_WORDS.test(w));
  if (words.length < 2) return [];
  const codes = new Set(tenures.map((t) => t.office.jurisdiction.code));
  if ([...codes].some((c) => SURNAME_FIRST.has(c))) return [words[0]!];
  const out: string[] = [];
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  // "Enrique Peña Nieto" is "President Peña Nieto" first, and sometimes "Nieto".
  if (start === words.length - 1 && words.length >= 3 && [...codes].some((c) => TWO_SURNAMES.has(c))) out.push(words.slice(-2).join(' '));
  out.push(words.slice(start).join(' '));
  return out;
}

/**
 * One tenure per stretch of one office: terms that meet or overlap are joined, and where
 * sources disagree on the end, a stated end beats one inferred from a missing snapshot.
 * The Congress data is the authority for House and Senate seats (it has party and seat).
 */
export function mergeTenures(all: Tenure[]): Tenure[] {
  const byOffice = new Map<Office, Tenure[]>();
  for (const t of all) byOffice.set(t.office, [...(byOffice.get(t.office) ?? []), t]);
  const out: Tenure[] = [];
  for (const [office, list] of byOffice) {
    let spans = list;
    if (CONGRESS_SEATS.has(office.key) && list.some((t) => t.source === 'congress')) spans = list.filter((t) => t.source === 'congress');
    spans = [...spans].sort((a, b) => cmp(a.from ? firstDay(a.from) : '', b.from ? firstDay(b.from) : '') || cmp(a.to ?? '~', b.to ?? '~'));
    let cur: Tenure | undefined;
    for (const t of spans) {
      if (cur && joins(cur, t)) {
        cur = joined(cur, t);
        continue;
      }
      if (cur) out.push(cur);
      cur = { ...t };
    }
    if (cur) out.push(cur);
  }
  return out.sort((a, b) => cmp(a.from ? firstDay(a.from) : '', b.from ? firstDay(b.from) : '') || cmp(a.office.title, b.office.title));
}

function joins(cur: Tenure, next: Tenure): boolean {
  if (cur.detail && next.detail && cur.detail !== next.detail) return false;
  if (cur.to === undefined) return true;
  if (next.from === undefined) return true;
  return daysBetween(lastDay(cur.to), firstDay(next.from)) <= JOIN_DAYS;
}

function joined(cur: Tenure, next: Tenure): Tenure {
  const t: Tenure = { ...cur };
  if (!t.detail && next.detail) t.detail = next.detail;
  if (cur.from === undefined || (next.from !== undefined && firstDay(next.from) < firstDay(cur.from))) {
    if (next.from) t.from = next.from;
  } else if (next.from && cur.from && next.from.length > cur.from.length && next.from.startsWith(cur.from)) t.from = next.from;
  // The end: an open tenure continued by a stated one ends where that one does; a stated end beats an inferred one.
  const curOpen = cur.to === undefined;
  const nextOpen = next.to === undefined;
  if (curOpen && nextOpen) delete t.to;
  else if (curOpen) setEnd(t, next);
  else if (nextOpen) {
    if (firstDay(next.from ?? cur.from ?? '0000') >= firstDay(cur.to!) || cur.toInferred) delete t.to;
  } else if (cur.toInferred && !next.toInferred) setEnd(t, next);
  else if (!(next.toInferred && !cur.toInferred) && lastDay(next.to!) > lastDay(cur.to!)) setEnd(t, next);
  if (t.to === undefined) delete t.toInferred;
  return t;
}

function setEnd(t: Tenure, from: Tenure): void {
  if (from.to) t.to = from.to;
  else delete t.to;
  if (from.toInferred) t.toInferred = true;
  else delete t.toInferred;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

function add<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function byIndex(a: string, b: string): number {
  return parseInt(a, 10) - parseInt(b, 10) || cmp(a, b);
}

/** Wikidata ids by number, then other ids as strings. */
function compareIds(a: string, b: string): number {
  const qa = /^Q(\d+)$/.exec(a);
  const qb = /^Q(\d+)$/.exec(b);
  if (qa && qb) return Number(qa[1]) - Number(qb[1]);
  if (qa) return -1;
  if (qb) return 1;
  return cmp(a, b);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tabs and line breaks would break the table; sources never need them in a name. */
function clean(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ').trim();
}

