import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { readCsv } from '../csv.js';
import { partialDate } from '../dates.js';
import type { Thing } from '../model.js';
import type { Problems } from '../problems.js';

interface RawOrganisation {
  Wikidata_code?: string;
  Name_en?: string;
  Name_other_en?: string | null;
  Name_other_2_en?: string | null;
  Abbreviation_en?: string | null;
  Abbreviation_other_en?: string | null;
  Year_established?: number | string;
  Headquarters?: string;
  Website?: string;
}

/**
 * supraverden's list of international organisations (CC BY-SA 4.0): English names and
 * abbreviations, Wikidata ids, the year established, headquarters and website. Its cards
 * live in the share-alike part of the base, which says so.
 */
export function readSupraverden(path: string, problems: Problems): Thing[] {
  const data = parse(readFileSync(path, 'utf8')) as Record<string, RawOrganisation>;
  const out: Thing[] = [];
  const byId = new Map<string, Thing>();
  for (const [key, o] of Object.entries(data)) {
    const name = (o.Name_en ?? key).trim();
    const id = o.Wikidata_code && /^Q\d+$/.test(o.Wikidata_code) ? o.Wikidata_code : undefined;
    if (!id) {
      problems.add('bad-row', `supraverden ${key}: no Wikidata id`);
      continue;
    }
    const known = byId.get(id);
    if (known) {
      problems.add('duplicate-id', `supraverden ${key}: ${id} is also "${known.name}"; merged into it`);
      if (!known.aliases.includes(name) && name !== known.name) known.aliases.push(name);
      continue;
    }
    const aliases = [o.Name_other_en, o.Name_other_2_en, o.Abbreviation_en, o.Abbreviation_other_en].filter((a): a is string => typeof a === 'string' && a.trim() !== '' && a.trim() !== name).map((a) => a.trim());
    const founded = o.Year_established !== undefined ? partialDate(String(o.Year_established), problems, `supraverden ${key} Year_established`) : undefined;
    const thing: Thing = {
      id,
      type: 'organisation',
      name,
      aliases,
      milestones: founded ? [{ title: 'Established', date: founded }] : [],
      notes: o.Headquarters ? [`Headquarters: ${o.Headquarters}`] : [],
      links: o.Website && /^https?:\/\//.test(o.Website) ? [{ title: 'Official site', url: o.Website }] : [],
      source: 'supraverden',
    };
    byId.set(id, thing);
    out.push(thing);
  }
  return out;
}

/** Function words a title writes in lower case: HUGGO capitalises every word. */
const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'between', 'by', 'concerning', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'regarding', 'relating', 'the', 'to', 'under', 'upon', 'with', 'within']);

function titleText(raw: string): string {
  return raw
    .replace(/\s*\((?:London|Moscow|Washington) Version\)\s*$/i, '')
    .split(' ')
    .map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : w))
    .join(' ')
    .trim();
}

/**
 * HUGGO (globalgov/manytreaties, CC BY 4.0): international agreements with their signature,
 * entry-into-force and end dates, mostly on the environment and trade.
 */
export function readHuggo(path: string, problems: Problems): Thing[] {
  const out: Thing[] = [];
  const used = new Map<string, number>();
  for (const r of readCsv(path)) {
    const raw = (r['Title'] ?? '').trim();
    if (!raw) {
      problems.add('bad-row', `huggo: a row without a title`);
      continue;
    }
    const name = titleText(raw);
    const where = `huggo "${raw.slice(0, 60)}"`;
    const signed = huggoDate(r['Signature'], problems, `${where} Signature`);
    const force = huggoDate(r['Force'], problems, `${where} Force`);
    const end = huggoDate(r['End'], problems, `${where} End`);
    const base = `huggo:${slug(name).slice(0, 60)}-${(signed ?? force ?? 'undated').slice(0, 4)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const milestones: Thing['milestones'] = [];
    if (signed) milestones.push({ title: 'Signed', date: signed });
    if (force) milestones.push({ title: 'Entered into force', date: force });
    if (end) milestones.push({ title: 'Ended', date: end });
    const alt = (r['TitleAlt'] ?? '').trim();
    out.push({
      id: n === 1 ? base : `${base}-${n}`,
      type: 'treaty',
      name,
      aliases: alt && alt !== 'NA' && /^[\x20-\x7e]+$/.test(alt) ? [titleText(alt)] : [],
      milestones,
      notes: [],
      links: [],
      source: 'huggo',
    });
  }
  return out;
}

/** HUGGO writes "no such date" (an agreement still in force, never in force) as a day of the year 9999. */
function huggoDate(raw: string | undefined, problems: Problems, where: string): string | undefined {
  return raw?.startsWith('9999') ? undefined : partialDate(raw, problems, where);
}

function slug(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
