import type { Problems } from './problems.js';

/** "2009-03-31", "2009-03" or "2009": a date as precise as the source knows it. */
export type PartialDate = string;

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A source's date as a partial date, or undefined when it is empty. A value that is no
 * calendar date is reported and left out. Wikidata writes unknown months and days as "00"
 * in some exports ("1951-00-00"): those are the year (or month) alone.
 */
export function partialDate(raw: string | undefined, problems: Problems, where: string): PartialDate | undefined {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'NA' || value === '.') return undefined;
  const m = DATE.exec(value.replace(/T.*$/, '').replace(/-00(?=-|$)/g, '').replace(/-00$/, ''));
  if (!m) {
    problems.add('bad-date', `${where}: "${value}"`);
    return undefined;
  }
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) {
    problems.add('bad-date', `${where}: "${value}"`);
    return undefined;
  }
  if (d !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) {
      problems.add('bad-date', `${where}: "${value}"`);
      return undefined;
    }
  }
  return d !== undefined ? `${y}-${mo}-${d}` : mo !== undefined ? `${y}-${mo}` : y!;
}

/** A year, month or day precision cut of a full date, from Wikidata's precision code (9, 10, 11). */
export function withPrecision(date: PartialDate | undefined, precision: string | undefined): PartialDate | undefined {
  if (!date) return undefined;
  if (precision === '9') return date.slice(0, 4);
  if (precision === '10') return date.slice(0, 7);
  return date;
}

export function firstDay(d: PartialDate): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

export function lastDay(d: PartialDate): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    return `${d}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return d;
}

/** The more precise of two partial dates that agree, or undefined when they disagree. */
export function agreeingDate(a: PartialDate, b: PartialDate): PartialDate | undefined {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) ? long : undefined;
}
