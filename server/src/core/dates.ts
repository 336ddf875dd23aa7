/** Calendar helpers on plain YYYY-MM-DD strings, in UTC so no time zone can shift a day. */

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function isValidYMD(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatYMD(d: YMD): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Parses a strict ISO calendar date, optionally followed by a time ("2019-06-21T10:00Z"). */
export function parseISODate(s: string): YMD | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s.trim());
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidYMD(d.year, d.month, d.day) ? d : undefined;
}

export function toUTC(d: YMD): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

export function fromUTC(date: Date): YMD {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: YMD, days: number): YMD {
  return fromUTC(new Date(toUTC(d).getTime() + days * 86_400_000));
}

export function compareYMD(a: YMD, b: YMD): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

/** "21 June 2019" */
export function formatLong(d: YMD): string {
  return `${d.day} ${monthName(d.month)} ${d.year}`;
}
