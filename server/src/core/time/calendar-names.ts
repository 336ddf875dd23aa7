/**
 * Weekdays and month names written without a year ("on Friday", "Sept. 30", "in early
 * November"), found by chrono-node, whose casual English parser reads the many ways
 * news and op-eds write them. chrono is only asked about text that names a month or a
 * weekday, and only results with no year of their own are kept: "20-21 June 2019" is
 * absolute, not a dated claim.
 */
import * as chrono from 'chrono-node';
import type { Meaning } from './meaning.js';

const TRIGGER = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)day\b|\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|May|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/gi;

/** Words before a bare month that make it a time ("in March"), not a name ("the March on Washington"). */
const MONTH_LEAD = /(?:\b(?:in|since|by|until|till|from|through|during|before|after|of|for|early|late|mid|last|this|next|to|between|and|or|around|about)[\s\u00A0]*-?|-)[\s\u00A0]*$/i;

const WEEKDAY_NOT = /\b(?:a|an|every|each|one|any|some|that|which|on\s+a)[\s\u00A0]+$/i;

/** A ±CONTEXT window around each trigger is what chrono sees: enough for "Friday, Oct. 23". */
const CONTEXT = 60;

export interface CalendarHit {
  start: number;
  end: number;
  meaning: Meaning;
}

/**
 * A year right after a month name ("June 2019", "June 5, 2019", "Sept. 30th 2020"): chrono
 * reads such a date with its year, and a date with a year is not a dated claim.
 */
const YEAR_AFTER = /(?:[\s\u00A0]+\d{1,2}(?:st|nd|rd|th)?,?)?[\s\u00A0]+(?:1[5-9]|20)\d\d\b/y;

/** Calendar names without a year in text[from, to). */
export function calendarNameHits(text: string, from: number, to: number): CalendarHit[] {
  const windows: Array<{ start: number; end: number }> = [];
  TRIGGER.lastIndex = 0;
  const slice = text.slice(from, to);
  for (let m = TRIGGER.exec(slice); m; m = TRIGGER.exec(slice)) {
    // Lower-case "may" and "march" are verbs; only their capitalised forms can be months.
    if (/^(?:may|march)$/.test(m[0])) continue;
    const start = Math.max(from, from + m.index - CONTEXT);
    const end = Math.min(to, from + m.index + m[0].length + CONTEXT);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  const out: CalendarHit[] = [];
  for (const w of windows) {
    const window = text.slice(w.start, w.end);
    // chrono costs about 130 µs a window over a run of the CLI (cold code included), and
    // about a third of the windows name only dates written with their year, which chrono
    // would read, and this would drop, at a cost of ~75 ms over the CLI's 1,000 files. Such
    // a window is judged here instead: every calendar word chrono could see in it (a verb
    // "may" too, or a name cut short at the window's edge) is followed by a year.
    if (onlyDatesWithYears(window)) continue;
    let results: chrono.ParsedResult[];
    try {
      // A fixed anchor: only the written components are used, never ones chrono infers from "now".
      results = chrono.en.casual.parse(window, new Date(Date.UTC(2000, 0, 1)));
    } catch {
      continue;
    }
    for (const r of results) {
      for (const hit of splitRange(text, w.start + r.index, r)) {
        if (hit.start >= from && hit.end <= to && !out.some((o) => o.start < hit.end && hit.start < o.end)) out.push(hit);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether every calendar word in `window` is a month name followed by a year. */
function onlyDatesWithYears(window: string): boolean {
  let any = false;
  TRIGGER.lastIndex = 0;
  for (let m = TRIGGER.exec(window); m; m = TRIGGER.exec(window)) {
    // A weekday; or a name and a period, which may end a sentence ("in June. 2019 was").
    if (/(?:day|\.)$/i.test(m[0])) return false;
    YEAR_AFTER.lastIndex = m.index + m[0].length;
    if (!YEAR_AFTER.test(window)) return false;
    any = true;
  }
  return any;
}

const RANGE_JOINT = /[\s\u00A0]*(?:[-\u2013\u2014]|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)[\s\u00A0]*/i;

/**
 * chrono reads "Aug. 26 to Oct. 20" and "from today through Nov. 17" as one range; each
 * end is judged on its own (one may carry a year, or be a word the grammar owns).
 */
function splitRange(text: string, at: number, r: chrono.ParsedResult): CalendarHit[] {
  if (!r.end) {
    const single = toHit(text, at, r.text, r.start);
    return single ? [single] : [];
  }
  const joint = RANGE_JOINT.exec(r.text);
  if (!joint || joint.index === 0) return [];
  const right = joint.index + joint[0].length;
  if (r.end.isCertain('year') && r.start.isCertain('month') && !r.start.isCertain('year') && !/\d{4}/.test(r.text.slice(0, joint.index))) {
    // "20-21 June 2019": the year at the end covers the start too.
    return [];
  }
  return [toHit(text, at, r.text.slice(0, joint.index), r.start), toHit(text, at + right, r.text.slice(right), r.end)].filter((h): h is CalendarHit => h !== undefined);
}

/**
 * chrono's text can run on over what follows the date ("On Friday," "August 11 "); the
 * expression is the date alone. A period stays: it ends an abbreviation ("in Jan.").
 */
const TRAILING = /[\s\u00A0,;:\u2013\u2014-]+$/;

function toHit(text: string, at: number, raw: string, c: chrono.ParsedComponents): CalendarHit | undefined {
  const known = (k: chrono.Component): boolean => c.isCertain(k);
  if (known('year')) return undefined;
  const written = raw.replace(TRAILING, '');
  if (!/[a-z]/i.test(written) || !TRIGGER_TEST.test(written)) return undefined;
  // chrono reads "last Friday", "this week" too; the grammar owns those relative forms.
  if (/\b(?:last|next|this|coming|past|ago|now|today|tonight|tomorrow|yesterday)\b/i.test(written)) return undefined;
  const lead = /^(?:on|in|at|by|from|since|until)[\s\u00A0]+/i.exec(written);
  const start = at;
  const end = at + written.length;
  const before = text.slice(Math.max(0, at - 25), at);
  if (isNamedDay(text, at, end, written, c)) return undefined;
  if (known('month')) {
    const month = c.get('month')!;
    if (known('day')) return { start, end, meaning: { kind: 'month', month, day: c.get('day')! } };
    if (!lead && !MONTH_LEAD.test(before)) return undefined;
    return { start, end, meaning: { kind: 'month', month } };
  }
  if (known('weekday')) {
    if (!lead && WEEKDAY_NOT.test(before)) return undefined;
    const w = c.get('weekday')!;
    return { start, end, meaning: { kind: 'weekday', weekday: w === 0 ? 7 : w } };
  }
  return undefined;
}

const TRIGGER_TEST = new RegExp(TRIGGER.source, 'i');

/**
 * Capitalised words that make a weekday part of a name ("Black Friday", "Super Tuesday",
 * "the Good Friday Agreement"): a day of the calendar or of history, not one counted from
 * the time of writing. Case matters: "a good Friday for the markets" is a Friday.
 */
const NAMED_WEEKDAY_BEFORE = /\b(?:Black|Cyber|Good|Holy|Maundy|Palm|Easter|Ash|Shrove|Fat|Super|Bloody|Giving|Whit|Mad|Blue|Low|Mothering|Remembrance|Small\s+Business)[\s\u00A0]+$/;

/** "the Fourth of July", "July Fourth": the holiday's name, not a date to resolve. */
const HOLIDAY_NAME = /^(?:the[\s\u00A0]+)?(?:Fourth[\s\u00A0]+of[\s\u00A0]+July|July[\s\u00A0]+(?:Fourth|4th))$/i;

/** After "Sept. 11", words that make it the name of the 2001 attacks. */
const ATTACKS_AFTER = /^[\s\u00A0]*(?:['\u2019]s[\s\u00A0]+)?(?:terror(?:ist|ism)?[\s\u00A0]+)?(?:attacks?|hijack(?:ers|ings?)|commission|victims|families|memorial|museum|anniversary|era|generation|world|plot(?:ters)?|strikes|tragedy|aftermath|terror|terrorists?|bombings|responders|detainees|suspects|mastermind|wars?)\b/i;

/** Before "Sept. 11", words that make it the name of the attacks ("the attacks of Sept. 11", "since Sept. 11", "post-Sept. 11"). */
const ATTACKS_BEFORE = /(?:\b(?:attacks?|events?|tragedy|terror|horrors?|lessons?|anniversary|victims|aftermath|wake|memory|memories|legacy|since|after)[\s\u00A0]+(?:of[\s\u00A0]+)?|\b(?:post|pre)[-\u2010\u2011])(?:the[\s\u00A0]+)?$/i;

const SEPTEMBER_11 = /^(?:Sept?\.?|September)[\s\u00A0]+11(?:th)?$/i;

/** A named day written like a date: a holiday, a named weekday, the September 11 attacks. */
function isNamedDay(text: string, start: number, end: number, written: string, c: chrono.ParsedComponents): boolean {
  const bare = written.replace(/^(?:on|in|at|by|from|since|until)[\s\u00A0]+/i, '');
  if (HOLIDAY_NAME.test(bare)) return true;
  const before = text.slice(Math.max(0, start - 40), start);
  if (c.isCertain('weekday') && !c.isCertain('day')) {
    // The weekday may follow a preposition chrono kept: "on Black Friday" is read as "Friday".
    const day = /[A-Za-z]+day$/.exec(written);
    const dayStart = day ? start + day.index : start;
    if (NAMED_WEEKDAY_BEFORE.test(text.slice(Math.max(0, dayStart - 25), dayStart))) return true;
  }
  // Read from the text: chrono does not always take the day ("post-Sept. 11 America").
  if (SEPTEMBER_11.test(bare)) {
    return ATTACKS_AFTER.test(text.slice(end, end + 40)) || ATTACKS_BEFORE.test(before);
  }
  return false;
}
