/**
 * The temporal-expression module: detection of expressions relative to the time of
 * writing and their resolution against a reference date into TIMEX3-style values.
 * Pure: text and dates in, data out.
 */
export { scanTemporal, isDatedClaim } from './detect.js';
export { resolveExpression, shift, type Resolution } from './resolve.js';
export { timexValue, timeLabel, timePhrase, longDate, monthYear, type Time, type TimexRef } from './timex.js';
export type { Category, Meaning, TemporalExpression, Tense } from './meaning.js';
export type { Hedge, Unit } from './vocabulary.js';
export { isoWeek, isoWeekday } from './calendar.js';
