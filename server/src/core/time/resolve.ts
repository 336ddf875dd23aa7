/**
 * Counting a relative expression from the reference date, the way TimeML's TIMEX3
 * guidelines do: "last year" is the calendar year before, "10 years ago" is the year ten
 * years back, "during the last two years" is the interval ending on the reference date.
 */
import { addDays, daysInMonth, type YMD } from '../dates.js';
import { SEASON_ORDER, addMonths, addYears, daysBetween, isoWeek, isoWeekday, quarterOf, seasonOf, weekStart, type Season } from './calendar.js';
import { timeLabel, timePhrase, timexValue, type Time } from './timex.js';
import type { Meaning, Tense, TemporalExpression } from './meaning.js';
import type { Unit } from './vocabulary.js';

export interface Resolution {
  time: Time;
  /** The expression was hedged ("almost 14 years", "about a decade ago"). */
  approximate: boolean;
  /** TIMEX3 `value`. */
  value: string;
  /** For people, with its preposition: "in 2018". */
  label: string;
  /** As a noun phrase, for "'last year' means 2018": "2018". */
  phrase: string;
}

export function resolveExpression(expr: Pick<TemporalExpression, 'meaning' | 'tense'>, reference: YMD): Resolution | undefined {
  const result = resolveMeaning(expr.meaning, reference, expr.tense);
  if (!result) return undefined;
  const { time, approximate } = result;
  return { time, approximate, value: timexValue(time), label: timeLabel(time, approximate), phrase: timePhrase(time, approximate) };
}

function resolveMeaning(meaning: Meaning, ref: YMD, tense: Tense | undefined): { time: Time; approximate: boolean } | undefined {
  const exact = (time: Time): { time: Time; approximate: boolean } => ({ time, approximate: false });
  switch (meaning.kind) {
    case 'day':
      return exact({ grain: 'day', date: addDays(ref, meaning.offset) });
    case 'ref':
      return exact({ grain: 'ref', ref: meaning.sense === 'recent' ? 'PAST_REF' : meaning.sense === 'future' ? 'FUTURE_REF' : 'PRESENT_REF', at: ref, sense: meaning.sense });
    case 'unit':
      return exact(unitTime(meaning.unit, meaning.offset, ref));
    case 'weekend':
      return exact(weekend(ref, meaning.offset, tense));
    case 'month':
      return exact(month(ref, meaning));
    case 'season':
      return exact(season(ref, meaning.season, meaning.offset));
    case 'weekday':
      return exact({ grain: 'day', date: weekday(ref, meaning.weekday, meaning.offset, tense) });
    case 'quarter': {
      const current = quarterOf(ref.month);
      if (meaning.quarter === 'latest') return exact(unitTime('quarter', -1, ref));
      return exact({ grain: 'quarter', year: meaning.quarter <= current ? ref.year : ref.year - 1, quarter: meaning.quarter });
    }
    case 'shift': {
      const date = shift(ref, meaning.amount * meaning.direction, meaning.unit);
      return { time: grainAt(date, meaning.unit), approximate: meaning.hedge !== undefined };
    }
    case 'window': {
      const other = shift(ref, meaning.amount * meaning.direction, meaning.unit);
      const [from, to] = meaning.direction < 0 ? [other, ref] : [ref, other];
      return { time: { grain: 'interval', from, to }, approximate: meaning.hedge !== undefined };
    }
    case 'since': {
      const from = shift(ref, -meaning.amount, meaning.unit);
      if (meaning.unit === 'day' || meaning.unit === 'week' || meaning.unit === 'fortnight' || meaning.unit === 'month') {
        return { time: { grain: 'interval', from, to: ref }, approximate: meaning.hedge !== undefined };
      }
      return { time: { grain: 'since', year: from.year, to: ref }, approximate: true };
    }
    case 'since-year':
      return exact({ grain: 'year', year: meaning.year });
  }
}

/** The date `amount` units away (fractions of months and years count in days). */
export function shift(ref: YMD, amount: number, unit: Unit): YMD {
  const whole = Math.trunc(amount);
  const frac = amount - whole;
  switch (unit) {
    case 'day':
      return addDays(ref, Math.round(amount));
    case 'week':
      return addDays(ref, Math.round(amount * 7));
    case 'fortnight':
      return addDays(ref, Math.round(amount * 14));
    case 'month':
      return addDays(addMonths(ref, whole), Math.round(frac * 30));
    case 'quarter':
      return addDays(addMonths(ref, whole * 3), Math.round(frac * 91));
    case 'year':
      return addDays(addYears(ref, whole), Math.round(frac * 365));
    case 'decade':
      return addDays(addYears(ref, whole * 10), Math.round(frac * 3652));
    case 'century':
      return addYears(ref, Math.round(amount * 100));
  }
}

/** A date written at the grain its unit was counted in: days ago → a day, years ago → a year. */
function grainAt(date: YMD, unit: Unit): Time {
  switch (unit) {
    case 'day':
      return { grain: 'day', date };
    case 'week':
    case 'fortnight': {
      const w = isoWeek(date);
      return { grain: 'week', year: w.year, week: w.week, monday: weekStart(date) };
    }
    case 'month':
      return { grain: 'month', year: date.year, month: date.month };
    case 'quarter':
      return { grain: 'quarter', year: date.year, quarter: quarterOf(date.month) };
    case 'year':
    case 'decade':
    case 'century':
      return { grain: 'year', year: date.year };
  }
}

function unitTime(unit: 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'century', offset: number, ref: YMD): Time {
  switch (unit) {
    case 'week': {
      const d = addDays(ref, 7 * offset);
      const w = isoWeek(d);
      return { grain: 'week', year: w.year, week: w.week, monday: weekStart(d) };
    }
    case 'month': {
      const d = addMonths({ ...ref, day: 1 }, offset);
      return { grain: 'month', year: d.year, month: d.month };
    }
    case 'quarter': {
      const index = ref.year * 4 + quarterOf(ref.month) - 1 + offset;
      return { grain: 'quarter', year: Math.floor(index / 4), quarter: (index % 4 + 4) % 4 + 1 };
    }
    case 'year':
      return { grain: 'year', year: ref.year + offset };
    case 'decade':
      return { grain: 'decade', decade: Math.floor(ref.year / 10) + offset };
    case 'century':
      return { grain: 'century', century: Math.floor(ref.year / 100) + offset };
  }
}

/**
 * A weekend: "this weekend" is the one of the reference date's ISO week; a bare "on
 * weekend" is the coming one when the clause looks ahead, the latest one otherwise.
 */
function weekend(ref: YMD, offset: number | undefined, tense: Tense | undefined): Time {
  const wd = isoWeekday(ref);
  let saturday: YMD;
  if (offset !== undefined) saturday = addDays(ref, 6 - wd + 7 * offset);
  else if (tense === 'future') saturday = addDays(ref, wd === 7 ? 6 : 6 - wd);
  else saturday = wd >= 6 ? addDays(ref, 6 - wd) : addDays(ref, -(wd + 1));
  const w = isoWeek(saturday);
  return { grain: 'weekend', year: w.year, week: w.week, saturday };
}

/** A weekday: "last Friday" is the latest before the reference date, "next Friday" the first after; bare by tense. */
function weekday(ref: YMD, target: number, offset: number | undefined, tense: Tense | undefined): YMD {
  const wd = isoWeekday(ref);
  const back = (wd - target + 7) % 7;
  const ahead = (target - wd + 7) % 7;
  if (offset !== undefined && offset < 0) return addDays(ref, -(back === 0 ? 7 : back));
  if (offset !== undefined && offset > 0) return addDays(ref, ahead === 0 ? 7 : ahead);
  if (offset === 0) return tense === 'past' ? addDays(ref, -back) : addDays(ref, ahead);
  return tense === 'future' ? addDays(ref, ahead) : addDays(ref, -back);
}

/** A month without a year: "last April" is the latest April before this month; a bare one the nearest. */
function month(ref: YMD, m: Extract<Meaning, { kind: 'month' }>): Time {
  let year: number;
  if (m.yearOffset !== undefined) year = ref.year + m.yearOffset;
  else if (m.offset !== undefined && m.offset < 0) year = m.month < ref.month ? ref.year : ref.year - 1;
  else if (m.offset !== undefined && m.offset > 0) year = m.month > ref.month ? ref.year : ref.year + 1;
  else if (m.offset === 0) year = ref.year;
  else year = nearestYear(ref, m.month, m.day);
  if (m.day !== undefined && m.day <= daysInMonth(year, m.month)) return { grain: 'day', date: { year, month: m.month, day: m.day } };
  return { grain: 'month', year, month: m.month };
}

/**
 * The year that puts a month (and day) nearest the reference date. Tense is no help here:
 * news sentences about "Dec. 15" mix past reporting verbs with future events, and on
 * TimeBank the nearest date is right far more often than any tense cue.
 */
function nearestYear(ref: YMD, monthNumber: number, day: number | undefined): number {
  const candidates = [ref.year - 1, ref.year, ref.year + 1].map((year) => ({ year, date: { year, month: monthNumber, day: Math.min(day ?? 15, daysInMonth(year, monthNumber)) } }));
  if (monthNumber === ref.month) return ref.year;
  candidates.sort((a, b) => Math.abs(daysBetween(ref, a.date)) - Math.abs(daysBetween(ref, b.date)));
  return candidates[0]!.year;
}

/** "last summer" is the latest summer before the current season; "this summer" the reference year's; "next" the first after. */
function season(ref: YMD, s: Season, offset: number | undefined): Time {
  const current = seasonOf(ref.month);
  // Winter is named by the year it starts in: January 2019 is in winter 2018.
  const currentYear = current === 'WI' && ref.month < 12 ? ref.year - 1 : ref.year;
  const currentIndex = currentYear * 4 + SEASON_ORDER[current];
  const sameYearIndex = currentYear * 4 + SEASON_ORDER[s];
  let index: number;
  if (offset !== undefined && offset < 0) index = sameYearIndex < currentIndex ? sameYearIndex : sameYearIndex - 4;
  else if (offset !== undefined && offset > 0) index = sameYearIndex > currentIndex ? sameYearIndex : sameYearIndex + 4;
  else index = (s === 'WI' && current === 'WI' ? currentYear : ref.year) * 4 + SEASON_ORDER[s];
  return { grain: 'season', year: Math.floor(index / 4), season: s };
}
