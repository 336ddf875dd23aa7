import * as chrono from 'chrono-node';
import type { ProseDocument } from './prose.js';
import type { OffsetRange, ReferenceDate } from './types.js';
import { compareYMD, formatYMD, isValidYMD, parseISODate, type YMD } from './dates.js';

/** Front-matter keys that carry the publication date, in order of preference. */
export const DATE_KEYS = ['date', 'published', 'publishDate', 'pubDate'] as const;

export interface ReferenceDateProblem extends OffsetRange {
  message: string;
}

export interface ConfiguredDate {
  date: string;
  source: 'config' | 'cli';
}

/**
 * Decides the date the article speaks from: front matter, else configuration or command
 * line, else the latest full explicit date in the text, else today. Every fallback is
 * named in `basis` so messages can say what a resolution counted from. An unusable
 * front-matter date is returned as a problem, never guessed.
 */
export function determineReferenceDate(
  doc: ProseDocument,
  configured: ConfiguredDate | undefined,
  today: string,
  /** How to find the latest explicit date; incremental analysis passes its per-block cache. */
  latest: (doc: ProseDocument) => { date: YMD; range: OffsetRange } | undefined = latestExplicitDate,
): { referenceDate: ReferenceDate; problems: ReferenceDateProblem[] } {
  const problems: ReferenceDateProblem[] = [];
  const fields = doc.frontMatter?.fields;
  if (fields) {
    for (const key of DATE_KEYS) {
      const field = fields.get(key);
      if (!field) continue;
      const parsed = parseDateValue(field.value);
      if (parsed) {
        return { referenceDate: { date: formatYMD(parsed), source: 'front-matter', basis: `the front matter's \`${key}\``, range: field.valueRange }, problems };
      }
      problems.push({
        ...field.valueRange,
        message: `The front matter's \`${key}\` (${JSON.stringify(field.value)}) is not a valid date; write it as YYYY-MM-DD (e.g. 2019-06-21). Relative dates are resolved against another date until it is fixed.`,
      });
    }
  }
  if (configured) {
    const parsed = parseISODate(configured.date);
    if (parsed) {
      const basis = configured.source === 'cli' ? 'the --reference-date option' : 'the configured reference date';
      return { referenceDate: { date: formatYMD(parsed), source: configured.source, basis }, problems };
    }
  }
  const inferred = latest(doc);
  if (inferred) {
    return { referenceDate: { date: formatYMD(inferred.date), source: 'inferred', basis: 'the latest date in the text', range: inferred.range }, problems };
  }
  return { referenceDate: { date: today, source: 'today', basis: "today's date (the article has no date)" }, problems };
}

/** A front-matter value as a calendar date: ISO strings, JS dates, or an unambiguous full date. */
export function parseDateValue(value: unknown): YMD | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value !== 'string') return undefined;
  const iso = parseISODate(value);
  if (iso) return iso;
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(value.trim())) return undefined; // ISO-like but invalid: never reinterpret
  const results = chrono.strict.parse(value, CHRONO_ANCHOR);
  if (!WRITTEN_YEAR.test(value)) return undefined;
  if (results.length !== 1 || results[0]!.text.trim() !== value.trim()) return undefined;
  return certainYMD(results[0]!.start);
}

function certainYMD(c: chrono.ParsedComponents): YMD | undefined {
  if (!c.isCertain('day') || !c.isCertain('month') || !c.isCertain('year')) return undefined;
  const d = { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! };
  return isValidYMD(d.year, d.month, d.day) ? d : undefined;
}

const HAS_YEAR = /\b(1[6-9]|20)\d\d\b/;
/**
 * What every date chrono can read with day, month and year certain contains besides a
 * year: a month (or weekday) name, digits joined by a date separator, or a day-level unit
 * ("in 3 days", relative to the clock). A block without any of these cannot yield one, so
 * chrono, the costliest step here, is not run on it.
 */
const MAY_HOLD_FULL_DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b(?:second|minute|hour|day|week)s?\b|\d[-./\s]\d/i;

/** The latest date in the prose with day, month and year all written out. */
const CHRONO_ANCHOR = new Date(Date.UTC(2000, 0, 1));
const WRITTEN_YEAR = /\b(?:1[6-9]|20)\d\d\b/;

export function latestExplicitDate(doc: ProseDocument): { date: YMD; range: OffsetRange } | undefined {
  let best: { date: YMD; range: OffsetRange } | undefined;
  for (const block of doc.blocks) {
    if (block.footnote) continue;
    const text = doc.prose.slice(block.start, block.end);
    if (!HAS_YEAR.test(text) || !MAY_HOLD_FULL_DATE.test(text)) continue;
    // A fixed anchor, and only results that write a year out: chrono counts relative
    // phrases ("in 3 days") from its anchor and marks them certain, which would make the
    // inferred date depend on the day the tool runs.
    for (const result of chrono.strict.parse(text, CHRONO_ANCHOR)) {
      if (!WRITTEN_YEAR.test(result.text)) continue;
      for (const c of [result.start, result.end]) {
        if (!c) continue;
        const d = certainYMD(c);
        if (d && (!best || compareYMD(d, best.date) > 0)) {
          const start = block.start + result.index;
          best = { date: d, range: { start, end: start + result.text.length } };
        }
      }
    }
  }
  return best;
}
