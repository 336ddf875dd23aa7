/** What a time-relative expression says, before it is counted from a reference date. */
import type { Season } from './calendar.js';
import type { RefSense } from './timex.js';
import type { Hedge, Unit } from './vocabulary.js';

export type CalendarUnit = 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'century';

export type Meaning =
  /** today (0), yesterday (-1), tomorrow (+1) */
  | { kind: 'day'; offset: number }
  /** now, recently, so far, the upcoming summit: TIMEX3's PRESENT_REF / PAST_REF / FUTURE_REF */
  | { kind: 'ref'; sense: RefSense }
  /** last year, this month, next week, the end of this year */
  | { kind: 'unit'; unit: CalendarUnit; offset: number }
  /** this weekend (0), last weekend (-1), on weekend (no offset: by tense) */
  | { kind: 'weekend'; offset?: number }
  /** in March, last April, June last year (yearOffset), Sept. 30 (day) */
  | { kind: 'month'; month: number; day?: number; offset?: number; yearOffset?: number }
  | { kind: 'season'; season: Season; offset?: number }
  /** Friday, last Monday, next Tuesday */
  | { kind: 'weekday'; weekday: number; offset?: number }
  /** the third quarter (quarter), the latest quarter (latest) */
  | { kind: 'quarter'; quarter: number | 'latest' }
  /** 10 years ago (-1), three years from now (+1) */
  | { kind: 'shift'; amount: number; unit: Unit; direction: -1 | 1; hedge?: Hedge }
  /** during the last two years (-1), over the next six months (+1) */
  | { kind: 'window'; amount: number; unit: Unit; direction: -1 | 1; hedge?: Hedge }
  /** a break of almost 14 years, the first visit in 14 years: a stretch ending now */
  | { kind: 'since'; amount: number; unit: Unit; hedge?: Hedge }
  /** since 2005: an explicit year, kept to check stretches against */
  | { kind: 'since-year'; year: number };

export type Category =
  | 'deictic'
  | 'relative-date'
  | 'distance'
  | 'window'
  | 'vague'
  | 'present-bound'
  | 'first-since'
  | 'calendar-name'
  | 'anchor';

export type Tense = 'past' | 'future';

export interface TemporalExpression {
  start: number;
  end: number;
  text: string;
  category: Category;
  meaning: Meaning;
  /** The tense of the clause around it, where a weekday or a bare month needs it. */
  tense?: Tense;
  /** Ends in "'s" ("last year's"): rewrites would need a different grammar, so none is offered. */
  possessive: boolean;
  /** For descriptions ("the current visit"), the word that ties it to the present. */
  marker?: { start: number; end: number };
  /** The expression opens its sentence or clause ("Today, …"). */
  clauseInitial: boolean;
  /** The expression is a gap or a first-since: the stretch that a "since 2005" can contradict. */
  gap?: boolean;
  /** A "first … since YEAR" anchor (for consistency checks). */
  firstSince?: boolean;
}
