import type { PartialDate, Role } from './model.js';
import { formatLong, monthName } from '../dates.js';

/** The first day a partial date can mean: "1953" → "1953-01-01". */
export function startOf(d: PartialDate): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

/** The last day a partial date can mean: "2012" → "2012-12-31". */
export function endOf(d: PartialDate): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    return `${d}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return d;
}

export function activeOn(role: Pick<Role, 'from' | 'to'>, date: string): boolean {
  return (role.from === undefined || startOf(role.from) <= date) && (role.to === undefined || date <= endOf(role.to));
}

export function endedBefore(role: Pick<Role, 'to'>, date: string): boolean {
  return role.to !== undefined && endOf(role.to) < date;
}

/** "15 June 1953", "June 1953" or "1953". */
export function formatPartial(d: PartialDate): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return String(y);
  if (day === undefined) return `${monthName(m)} ${y}`;
  return formatLong({ year: y, month: m, day });
}

/** Whole years from `born` to `date`; a range when the birth date is only a year or month. */
export function ageOn(born: PartialDate, date: string): { min: number; max: number } | undefined {
  const years = (from: string): number => {
    const [by, bm, bd] = from.split('-').map(Number) as [number, number, number];
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  };
  const min = years(endOf(born));
  const max = years(startOf(born));
  if (max < 0) return undefined;
  return { min: Math.max(min, 0), max };
}
