/**
 * Resolved times and how TimeML's TIMEX3 `value` attribute writes them, plus the words
 * people read ("in 2018", "on 22–23 June 2019").
 */
import { addDays, formatYMD, monthName, type YMD } from '../dates.js';
import type { Season } from './calendar.js';

export type TimexRef = 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF';

export type Time =
  | { grain: 'day'; date: YMD }
  | { grain: 'week'; year: number; week: number; monday: YMD }
  | { grain: 'weekend'; year: number; week: number; saturday: YMD }
  | { grain: 'month'; year: number; month: number }
  | { grain: 'quarter'; year: number; quarter: number }
  | { grain: 'season'; year: number; season: Season }
  | { grain: 'year'; year: number }
  | { grain: 'decade'; decade: number }
  | { grain: 'century'; century: number }
  | { grain: 'interval'; from: YMD; to: YMD }
  /** A stretch running up to the reference date from a start known to the year. */
  | { grain: 'since'; year: number; to: YMD }
  /** TIMEX3's vague present, past and future, each still anchored for the label. */
  | { grain: 'ref'; ref: TimexRef; at: YMD; sense: RefSense };

/** How a vague reference reads: "now", "recently", "up to now", "still to come". */
export type RefSense = 'present' | 'recent' | 'up-to-now' | 'future';

const QUARTER_WORDS = ['first', 'second', 'third', 'fourth'];
const SEASON_WORDS: Record<Season, string> = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The TIMEX3 `value`: "2018", "2019-06", "2019-06-22", "2019-W25", "2019-W25-WE", "2019-Q2", "2019-SU", "201", "PAST_REF", or "2017-06-21/2019-06-21". */
export function timexValue(t: Time): string {
  switch (t.grain) {
    case 'day':
      return formatYMD(t.date);
    case 'week':
      return `${t.year}-W${two(t.week)}`;
    case 'weekend':
      return `${t.year}-W${two(t.week)}-WE`;
    case 'month':
      return `${t.year}-${two(t.month)}`;
    case 'quarter':
      return `${t.year}-Q${t.quarter}`;
    case 'season':
      return `${t.year}-${t.season}`;
    case 'year':
      return String(t.year);
    case 'decade':
      return String(t.decade);
    case 'century':
      return String(t.century);
    case 'interval':
      return `${formatYMD(t.from)}/${formatYMD(t.to)}`;
    case 'since':
      return `${t.year}/${formatYMD(t.to)}`;
    case 'ref':
      return t.ref;
  }
}

/** "21 June 2019" */
export function longDate(d: YMD): string {
  return `${d.day} ${monthName(d.month)} ${d.year}`;
}

/** "June 2019" */
export function monthYear(d: YMD): string {
  return `${monthName(d.month)} ${d.year}`;
}

/** "22–23 June 2019", "30 November – 1 December 2019", "31 December 2016 – 1 January 2017" */
export function dayRange(from: YMD, to: YMD): string {
  if (from.year !== to.year) return `${longDate(from)} \u2013 ${longDate(to)}`;
  if (from.month !== to.month) return `${from.day} ${monthName(from.month)} \u2013 ${longDate(to)}`;
  return `${from.day}\u2013${longDate(to)}`;
}

/** The resolved time as a noun phrase: "2018", "the weekend of 22–23 June 2019". */
export function timePhrase(t: Time, approximate = false): string {
  const about = approximate ? 'about ' : '';
  switch (t.grain) {
    case 'day':
      return longDate(t.date);
    case 'week':
      return `the week of ${longDate(t.monday)}`;
    case 'weekend':
      return `the weekend of ${dayRange(t.saturday, addDays(t.saturday, 1))}`;
    case 'month':
      return `${monthName(t.month)} ${t.year}`;
    case 'quarter':
      return `the ${QUARTER_WORDS[t.quarter - 1]} quarter of ${t.year}`;
    case 'season':
      return t.season === 'WI' ? `winter ${t.year}\u2013${String((t.year + 1) % 100).padStart(2, '0')}` : `${SEASON_WORDS[t.season]} ${t.year}`;
    case 'year':
      return `${about}${t.year}`;
    case 'decade':
      return `the ${t.decade}0s`;
    case 'century':
      return `the ${ordinal(t.century + 1)} century`;
    case 'interval':
      return `${longDate(t.from)} to ${longDate(t.to)}`;
    case 'since':
      return `since ${about}${t.year}`;
    case 'ref':
      return refLabel(t);
  }
}

function refLabel(t: Extract<Time, { grain: 'ref' }>): string {
  switch (t.sense) {
    case 'present':
      return `as of ${longDate(t.at)}`;
    case 'recent':
      return `shortly before ${longDate(t.at)}`;
    case 'up-to-now':
      return `up to ${longDate(t.at)}`;
    case 'future':
      return `after ${longDate(t.at)}`;
  }
}

/** The resolved time as people say it in a sentence: "in 2018", "on 21 June 2019", "from … to …". */
export function timeLabel(t: Time, approximate = false): string {
  switch (t.grain) {
    case 'day':
      return `on ${timePhrase(t)}`;
    case 'weekend':
      return `on ${dayRange(t.saturday, addDays(t.saturday, 1))}`;
    case 'week':
    case 'quarter':
    case 'decade':
    case 'century':
      return `in ${timePhrase(t)}`;
    case 'month':
    case 'season':
    case 'year':
      return `in ${timePhrase(t, approximate)}`;
    case 'interval':
      return `from ${longDate(t.from)} to ${longDate(t.to)}`;
    case 'since':
    case 'ref':
      return timePhrase(t, approximate);
  }
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
