/**
 * Calendar arithmetic the time module needs beyond `../dates.ts`: ISO weeks, month and
 * year steps that clamp the day (31 March minus a month is 28/29 February), quarters and
 * seasons. Everything works on plain YMD values in UTC.
 */
import { addDays, daysInMonth, toUTC, type YMD } from '../dates.js';

/** 1 = Monday … 7 = Sunday, as ISO 8601 counts. */
export function isoWeekday(d: YMD): number {
  const w = toUTC(d).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The ISO week-numbering year and week of a date (the week with the year's first Thursday is week 1). */
export function isoWeek(d: YMD): { year: number; week: number } {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const ordinal = Math.round((toUTC(thursday).getTime() - toUTC(jan1).getTime()) / 86_400_000);
  return { year: thursday.year, week: Math.floor(ordinal / 7) + 1 };
}

/** Monday of the ISO week containing `d`. */
export function weekStart(d: YMD): YMD {
  return addDays(d, 1 - isoWeekday(d));
}

export function addMonths(d: YMD, months: number): YMD {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function addYears(d: YMD, years: number): YMD {
  return addMonths(d, years * 12);
}

export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** The meteorological season a month falls in (northern hemisphere, as TimeML's SP/SU/FA/WI). */
export function seasonOf(month: number): Season {
  if (month >= 3 && month <= 5) return 'SP';
  if (month >= 6 && month <= 8) return 'SU';
  if (month >= 9 && month <= 11) return 'FA';
  return 'WI';
}

/** The season's order within the year it is named by (winter 2019 starts in December 2019). */
export const SEASON_ORDER: Record<Season, number> = { SP: 0, SU: 1, FA: 2, WI: 3 };

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: YMD, b: YMD): number {
  return Math.round((toUTC(b).getTime() - toUTC(a).getTime()) / 86_400_000);
}
