/**
 * The hand-written part of detection: expressions chrono-node does not find or does not
 * grade (windows as intervals, hedged distances, vague recency, present-bound
 * descriptions, gaps, quarters, seasons). One combined regular expression, run once over
 * the text; each alternative has its own named groups, read by `interpret`.
 */
import { SEASONS, HEDGE_PATTERN, MONTH_PATTERN, NUMBER_PATTERN, ORDINAL_QUARTERS, UNITS, UNIT_PATTERN, WEEKDAY_PATTERN, readHedge, readMonth, readNumber, readWeekday, type Unit } from './vocabulary.js';
import type { CalendarUnit, Category, Meaning } from './meaning.js';

const NUM = `(?:${NUMBER_PATTERN})`;
const UNIT = `(?:${UNIT_PATTERN})`;
const HEDGE = `(?:${HEDGE_PATTERN})`;
const S = String.raw`[\s\u00A0]+`;
/** A possessive "'s"; each alternative names its own group (JS forbids repeated names). */
const poss = (name: string): string => String.raw`(?<${name}>['\u2019]s\b)?`;

/** Words that end a calendar phrase as a relative date: "last year", "next March". */
const CAL_TARGET = `year|month|week|weekend|decade|century|quarter|spring|summer|autumn|fall|winter|night|morning|afternoon|evening|${WEEKDAY_PATTERN}|${MONTH_PATTERN}`;

const ALTERNATIVES: Record<string, string> = {
  // during the last two years, over the past 15 months, the next six weeks, in the last few years
  window: `(?:(?<winLead>during|over|in|for|within|throughout|across|through)${S})?the${S}(?<winDir>last|past|next|coming)${S}(?:(?<winHedge>${HEDGE})${S})?(?:(?<winNum>${NUM})${S})?(?<winUnit>${UNIT})\\b`,
  // in recent years, recent weeks
  recentPlural: `(?:(?:in|during|over)${S})?(?:the${S})?recent${S}(?:years|months|weeks|days|decades|times)\\b`,
  // 10 years ago, almost four years ago, a week or so ago
  ago: `(?:(?<agoHedge>${HEDGE})${S})?(?<agoNum>${NUM})${S}(?<agoUnit>${UNIT})(?:${S}or${S}(?:so|two|more))?${S}ago\\b`,
  vagueAgo: `(?:(?:only|just)${S})?(?:a${S}(?:little${S}|short${S})?while|not${S}(?:so${S}|that${S})?long|some${S}time|years|months|weeks|days|decades)${S}ago\\b`,
  // three years from now, in five years' time
  ahead: `(?:(?<ahNum>${NUM})${S}(?<ahUnit>${UNIT})${S}from${S}now|in${S}(?<ahNum2>${NUM})${S}(?<ahUnit2>${UNIT})['\u2019]?s?${S}time)\\b`,
  // June last year, January this year
  postMonth: `(?<pmMonth>${MONTH_PATTERN})${S}(?<pmDir>last|this|next)${S}year\\b`,
  // early next year, late last week, the end of this month, this past spring, last Monday
  relative: `(?:(?<relPart>early|earlier|late|later|mid|(?:at${S}|by${S}|until${S})?the${S}(?:start|beginning|end|middle|rest|remainder)${S}of)(?:${S}|-))?(?<relDir>last|this${S}past|this${S}coming|this|next|past|coming)${S}(?<relUnit>${CAL_TARGET})\\b${poss('relPoss')}`,
  // the end of the year, the end of the month
  partOfUnit: `(?:at${S}|by${S}|until${S})?the${S}(?:start|beginning|end|middle)${S}of${S}the${S}(?<pouUnit>year|month|week)\\b`,
  // over the summer, in the fall, during the winter
  season: `(?<seLead>in|during|over|into|through|throughout|by|until|since|before|after|early|late|mid)${S}(?:the${S}(?:early${S}|late${S})?)?(?<seName>spring|summer|autumn|fall|winter)\\b(?!${S}of\\b)`,
  // on weekend, over the weekend, the weekend
  weekend: `(?:(?<wkLead>on|over|at|during|for|by|until|through)${S})?(?<wkThe>the${S})?weekend\\b(?!s)${poss('wkPoss')}`,
  // today, yesterday, late yesterday, the day after tomorrow, tonight
  day: `(?:the${S}day${S}(?<dayRel>before${S}yesterday|after${S}tomorrow)|(?:(?<dayPart>early|earlier|late|later)${S})?(?<dayWord>today|tonight|yesterday|tomorrow))\\b${poss('dayPoss')}`,
  // up to now, until now, from now on, right now, now
  now: `(?:(?<nowLead>right|just|even|by|until|till|up${S}until|up${S}till|up${S}to|for|as${S}of|from)${S})?now\\b(?<nowOn>${S}on\\b)?`,
  present: `(?:currently|presently|nowadays|at${S}present|at${S}the${S}(?:present|moment)(?:${S}time)?|at${S}this${S}(?:time|moment|point${S}in${S}time)|these${S}days|in${S}this${S}day${S}and${S}age|as${S}things${S}stand|as${S}we${S}speak|at${S}the${S}time${S}of${S}writing|as${S}of${S}(?:this|the${S}time${S}of)${S}writing|(?:up${S}to|until|till)${S}the${S}present(?:${S}day)?|the${S}present${S}day)\\b`,
  // recently, just recently, most recently, lately, so far, to date, as yet, of late
  recent: `(?:(?<recMod>just|most|more|very|only|until|quite|fairly|relatively|as|so)${S})?recently\\b|(?:(?:until${S}|up${S}until${S})?quite${S})?lately\\b|of${S}late\\b|(?<soFar>(?:so|thus)${S}far)\\b|(?<toDate>to${S}date)\\b|as${S}yet\\b|the${S}other${S}day\\b`,
  // the first visit in 14 years, for the first time in over a decade
  firstIn: `\\bin${S}(?:(?<fiHedge>${HEDGE})${S})?(?<fiNum>${NUM})${S}(?<fiUnit>${UNIT})\\b`,
  // a break of almost 14 years
  gap: `(?<gapNoun>break|gap|hiatus|absence|lull|pause|interval|wait|silence|freeze|lapse|interruption|drought|standstill)${S}of${S}(?<gapSpan>(?:(?<gapHedge>${HEDGE})${S})?(?<gapNum>${NUM})${S}(?<gapUnit>${UNIT}))\\b`,
  // has been in power for 20 years; (non-native) since 14 years
  forSpan: `(?<fsLead>for|since)${S}(?:(?<fsHedge>${HEDGE})${S})?(?<fsNum>${NUM})${S}(?<fsUnit>${UNIT})\\b`,
  // since 2005: an explicit anchor, not a claim
  sinceYear: String.raw`since${S}(?<syYear>(?:1[6-9]|20)\d\d)\b(?![-\u2013/]\d)`,
  // the third quarter, third-quarter, the latest quarter
  quarter: `(?:the${S})?(?:fiscal[\\s\\u00A0-]+)?(?<qWord>first|second|third|fourth|1st|2nd|3rd|4th|latest|current)(?:[\\s\\u00A0-]+fiscal)?[\\s\\u00A0-]+(?:quarter|(?<qPeriod>period))\\b`,
  // soon, in the near future, in the days to come, in the coming months
  later: `(?:(?:very|quite|fairly|pretty)${S})?soon\\b(?!${S}(?:as|after|afterwards|thereafter|enough)\\b)|(?:in|into|for)${S}(?:the${S})?(?:(?:near|foreseeable|immediate)${S})?future\\b(?!${S}(?:of|tense)\\b)|(?:in|over|during)${S}the${S}(?:days|weeks|months|years)${S}(?:to${S}come|ahead)\\b|(?:(?:in|over|during|for)${S})?(?:the${S})?(?:coming|next${S}few)${S}(?:days|weeks|months|years|quarters)\\b|at${S}a${S}later${S}date\\b`,
  // by year-end, earlier in the year, the fiscal year, the full year
  thisYear: `(?:(?:by|at|before|around|until|till|since|through|to)${S})(?:the${S})?(?:year[\\s\\u00A0-]end|year['\u2019]s${S}end)\\b|(?:earlier|later)${S}in${S}the${S}(?<tyUnit>year|month|week)\\b|the${S}(?:full|(?:current${S}|latest${S})?fiscal)${S}year\\b`,
  // the current visit, the upcoming summit, the incumbent, a recent study
  described: `(?:(?<dDet>the|this|its|his|her|their|our|my|your|a|an|[A-Za-z\\u00C0-\\u024F]+['\u2019]s)${S})?(?<dAdj>current|present|incumbent|upcoming|forthcoming|ongoing|outgoing|sitting|recent)\\b(?:${S}(?<dNoun>[A-Za-z\\u00C0-\\u024F][A-Za-z\\u00C0-\\u024F\\-]*))?`,
  // to be held in Japan
  future: `(?:(?:due|set|scheduled|expected|slated)${S})?to${S}be${S}(?:held|hosted|convened|staged)\\b`,
};

const GRAMMAR = new RegExp(Object.entries(ALTERNATIVES).map(([name, p]) => `(?<${name}>\\b${p})`).join('|'), 'i');

/** Nouns after "current"/"present" that make it a physical current or the present tense, not "now". */
const NOT_NOW_NOUNS = new Set(
  (
    'account accounts affairs flow flows flowing flowed passes passing runs running density densities source sources limit limits sensor sensors rating ratings carrying ' +
    'transformer transformers loop loops draw leakage meter meters collector collectors events tense participle perfect progressive form forms value values ' +
    'worth study studies paper papers article articles author authors writer writers work works invention essay chapter volume analysis ' +
    'text case context discussion purpose investigation research report note thesis review section'
  ).split(' '),
);

/** Words that cannot be the noun a description ends on: "the current is strong". */
const FUNCTION_WORDS = new Set(
  'is was are were be been has had have of in on at to from by with for and or but as that which who than it its this these those will would can could may might must should'.split(' '),
);

/** Adjectives that mark a present-bound description even without a determiner. */
const BARE_ADJECTIVES = new Set(['current', 'recent', 'upcoming', 'ongoing']);

/** Words before a bare "current" that make it a flow of water, air or charge. */
const CURRENT_MODIFIERS = /\b(?:electric|electrical|alternating|direct|ocean|rip|tidal|river|sea|strong|weak|powerful|swift|cold|warm|jet|air|convection|undersea|political|cross|under|counter|eddy|high|low|an?)[\s\u00A0-]+$/i;

const SITTING_NOUNS = new Set('president presidents senator senators judge judges member members government governments mp mps minister ministers governor governors prime chancellor mayor premier congressman congresswoman lawmaker lawmakers'.split(' '));
const OUTGOING_NOT = new Set('personality personalities nature person people character mail calls call traffic tide flights flight message messages type'.split(' '));

export interface GrammarHit {
  start: number;
  end: number;
  category: Category;
  meaning: Meaning;
  possessive: boolean;
  marker?: { start: number; end: number };
  gap?: boolean;
  firstSince?: boolean;
  /** The hit needs the sentence to say something first ("first", a present perfect); checked by the caller. */
  needs?: 'first' | 'perfect';
}

/**
 * Every hit has the same fields in the same order (absent ones undefined): with shapes that
 * varied by alternative, the scan's optimised code met a new shape every few hundred files
 * and was thrown away and recompiled (8 times for scanTemporal, ~50 ms of compiling each).
 */
export function grammarHit(
  start: number,
  end: number,
  category: Category,
  meaning: Meaning,
  possessive: boolean,
  flags: Pick<GrammarHit, 'gap' | 'firstSince' | 'needs'>,
  marker: GrammarHit['marker'],
): GrammarHit {
  return { start, end, category, meaning, possessive, marker, gap: flags.gap, firstSince: flags.firstSince, needs: flags.needs };
}

function calendarUnit(word: string): CalendarUnit | undefined {
  const w = word.toLowerCase();
  return w === 'week' || w === 'month' || w === 'quarter' || w === 'year' || w === 'decade' || w === 'century' ? w : undefined;
}

function unitOf(word: string): Unit {
  return UNITS[word.toLowerCase() as keyof typeof UNITS];
}

function direction(word: string): number {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'last' || w === 'past' || w === 'this past') return -1;
  if (w === 'next' || w === 'coming' || w === 'this coming') return 1;
  return 0;
}

/**
 * Words at least one of which every alternative contains. Scanning for these first and
 * trying the full grammar only at the few word starts just before each keeps detection
 * near the cost of one keyword pass (the combined grammar tried at every word start is
 * ten times slower).
 */
const ANCHOR_WORDS = [
  'last', 'past', 'next', 'coming', 'this', 'recent', 'recently', 'ago', 'now', 'time', 'spring', 'summer', 'autumn', 'fall', 'winter',
  'weekend', 'today', 'tonight', 'yesterday', 'tomorrow', 'currently', 'presently', 'nowadays', 'present', 'moment', 'age', 'stand', 'speak',
  'writing', 'lately', 'late', 'far', 'date', 'yet', 'since', 'current', 'incumbent', 'upcoming', 'forthcoming', 'ongoing', 'outgoing',
  'sitting', 'held', 'hosted', 'convened', 'staged', 'start', 'beginning', 'end', 'middle', 'soon', 'future', 'period', 'end', 'fiscal', 'full', ...Object.keys(UNITS),
];
const ANCHOR = new RegExp(`\\b(?:${ANCHOR_WORDS.join('|')})\\b`, 'gi');
const STICKY = new RegExp(GRAMMAR.source, 'iy');

/**
 * How far before its first keyword an expression can start: a unit word or "ago" can end a
 * long phrase ("a hiatus of more than a couple of decades"); the other keywords sit near the
 * front ("throughout the last …", "until the beginning of next …").
 */
const LONG_LOOKBACK = 48;
const SHORT_LOOKBACK = 26;
const LONG_ANCHORS = new Set([...Object.keys(UNITS), 'ago']);

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || (code > 127 && /[\p{L}\p{N}]/u.test(String.fromCharCode(code)));
}

/** Runs the grammar over text[from, to) and returns what it means, in order, never overlapping. */
export function grammarHits(text: string, from: number, to: number): GrammarHit[] {
  const slice = text.slice(from, to);
  const out: GrammarHit[] = [];
  let covered = 0;
  ANCHOR.lastIndex = 0;
  for (let a = ANCHOR.exec(slice); a; a = ANCHOR.exec(slice)) {
    if (a.index < covered) continue;
    const lookback = LONG_ANCHORS.has(a[0].toLowerCase()) ? LONG_LOOKBACK : SHORT_LOOKBACK;
    for (let s = Math.max(covered, a.index - lookback); s <= a.index; s++) {
      if (!isWordChar(slice.charCodeAt(s)) || (s > 0 && isWordChar(slice.charCodeAt(s - 1)))) continue;
      STICKY.lastIndex = s;
      const m = STICKY.exec(slice);
      if (!m || s + m[0].length <= a.index) continue;
      covered = s + m[0].length;
      const hit = interpret(m, slice);
      if (hit) out.push(grammarHit(hit.start + from, hit.end + from, hit.category, hit.meaning, hit.possessive, hit, hit.marker && { start: hit.marker.start + from, end: hit.marker.end + from }));
      ANCHOR.lastIndex = Math.max(ANCHOR.lastIndex, covered);
      break;
    }
  }
  return out;
}

type Groups = Record<string, string | undefined>;

function interpret(m: RegExpExecArray, text: string): GrammarHit | undefined {
  const g = m.groups as Groups;
  const start = m.index;
  const end = start + m[0].length;
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 30), start);
  const possessive = g['relPoss'] !== undefined || g['wkPoss'] !== undefined || g['dayPoss'] !== undefined;
  const hit = (category: Category, meaning: Meaning, extra: Partial<GrammarHit> = {}): GrammarHit => grammarHit(start, extra.end ?? end, category, meaning, possessive, extra, extra.marker);

  if (g['window'] !== undefined) {
    // "the last two years of the war" is anaphoric: the years belong to the war, not to now.
    if (/^[\s\u00A0]+(?:of|in\s+which|when|before|after|that|since)\b/i.test(after)) return undefined;
    const unit = unitOf(g['winUnit']!);
    const amount = g['winNum'] === undefined ? 1 : readNumber(g['winNum']);
    const dir = direction(g['winDir']!) < 0 ? -1 : 1;
    if (amount === undefined) return dir < 0 ? hit('vague', { kind: 'ref', sense: 'recent' }) : undefined;
    if (Number.isNaN(amount)) return undefined;
    const hedge = readHedge(g['winHedge']);
    return hit('window', { kind: 'window', amount, unit, direction: dir, ...(hedge ? { hedge } : {}) });
  }
  if (g['recentPlural'] !== undefined) return hit('vague', { kind: 'ref', sense: 'recent' });
  if (g['ago'] !== undefined) {
    const amount = readNumber(g['agoNum']!);
    if (amount === undefined) return hit('vague', { kind: 'ref', sense: 'recent' });
    if (Number.isNaN(amount)) return undefined;
    const hedge = readHedge(g['agoHedge']);
    return hit('distance', { kind: 'shift', amount, unit: unitOf(g['agoUnit']!), direction: -1, ...(hedge ? { hedge } : {}) });
  }
  if (g['vagueAgo'] !== undefined) return hit('vague', { kind: 'ref', sense: 'recent' });
  if (g['ahead'] !== undefined) {
    const amount = readNumber(g['ahNum'] ?? g['ahNum2']!);
    if (amount === undefined || Number.isNaN(amount)) return undefined;
    return hit('distance', { kind: 'shift', amount, unit: unitOf(g['ahUnit'] ?? g['ahUnit2']!), direction: 1 });
  }
  if (g['postMonth'] !== undefined) {
    const month = readMonth(g['pmMonth']!);
    if (month === undefined || !monthWordOk(g['pmMonth']!)) return undefined;
    return hit('relative-date', { kind: 'month', month, yearOffset: direction(g['pmDir']!) });
  }
  if (g['relative'] !== undefined) return relative(g, hit);
  if (g['partOfUnit'] !== undefined) return hit('relative-date', { kind: 'unit', unit: calendarUnit(g['pouUnit']!)!, offset: 0 });
  if (g['season'] !== undefined) return hit('relative-date', { kind: 'season', season: SEASONS[g['seName']!.toLowerCase() as keyof typeof SEASONS] });
  if (g['weekend'] !== undefined) {
    // "a weekend", "every weekend" are not one weekend; "the weekend" or a preposition makes it one.
    if (g['wkLead'] === undefined && g['wkThe'] === undefined) return undefined;
    return hit('relative-date', { kind: 'weekend' });
  }
  if (g['day'] !== undefined || g['dayRel'] !== undefined) {
    const word = (g['dayWord'] ?? g['dayRel']!).toLowerCase().replace(/\s+/g, ' ');
    // "the Today programme", "USA Today": a name, not a day.
    if (word === 'today' && (/(?:\bthe|\bUSA)[\s\u00A0]+$/i.test(before) || /^[\s\u00A0]+(?:show|programme|program|newspaper|paper|podcast)\b/i.test(after))) return undefined;
    const offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : word === 'before yesterday' ? -2 : word === 'after tomorrow' ? 2 : 0;
    return hit('deictic', { kind: 'day', offset });
  }
  if (g['now'] !== undefined) {
    const lead = g['nowLead']?.toLowerCase().replace(/\s+/g, ' ');
    if (lead === 'from') return g['nowOn'] !== undefined ? hit('deictic', { kind: 'ref', sense: 'future' }) : undefined;
    const sense = lead === 'until' || lead === 'till' || lead === 'up until' || lead === 'up till' || lead === 'up to' || lead === 'by' ? 'up-to-now' : 'present';
    return hit('deictic', { kind: 'ref', sense });
  }
  if (g['present'] !== undefined) {
    return hit('deictic', { kind: 'ref', sense: /^(?:up|until|till)/i.test(m[0]) ? 'up-to-now' : 'present' });
  }
  if (g['recent'] !== undefined) {
    if (g['soFar'] !== undefined) {
      // "so far as", "so far from", "went so far as to": distance or degree, not time.
      if (/^[\s\u00A0]+(?:as|from|away|removed|beyond|ahead|behind|out|off|afield|apart|back|down|up|gone)\b/i.test(after) || /\b(?:go|goes|went|gone|going)[\s\u00A0]+$/i.test(before)) return undefined;
      return hit('vague', { kind: 'ref', sense: 'up-to-now' });
    }
    if (g['toDate'] !== undefined) {
      // "up to date", "out of date", "to date her": not "until now".
      if (/\bup[\s\u00A0-]+$/i.test(before) || /^[\s\u00A0]+(?:a|an|him|her|them|someone|anyone|back|from)\b/i.test(after)) return undefined;
      return hit('vague', { kind: 'ref', sense: 'up-to-now' });
    }
    return hit('vague', { kind: 'ref', sense: 'recent' });
  }
  if (g['firstIn'] !== undefined) {
    const amount = readNumber(g['fiNum']!);
    if (amount === undefined || Number.isNaN(amount)) return undefined;
    const hedge = readHedge(g['fiHedge']);
    return hit('first-since', { kind: 'since', amount, unit: unitOf(g['fiUnit']!), ...(hedge ? { hedge } : {}) }, { needs: 'first', gap: true });
  }
  if (g['gap'] !== undefined) {
    const amount = readNumber(g['gapNum']!);
    if (amount === undefined || Number.isNaN(amount)) return undefined;
    const hedge = readHedge(g['gapHedge']);
    const spanStart = start + m[0].length - g['gapSpan']!.length;
    return grammarHit(spanStart, end, 'distance', { kind: 'since', amount, unit: unitOf(g['gapUnit']!), ...(hedge ? { hedge } : {}) }, false, { gap: true }, undefined);
  }
  if (g['forSpan'] !== undefined) {
    const amount = readNumber(g['fsNum']!);
    if (amount === undefined || Number.isNaN(amount)) return undefined;
    const hedge = readHedge(g['fsHedge']);
    const meaning: Meaning = { kind: 'since', amount, unit: unitOf(g['fsUnit']!), ...(hedge ? { hedge } : {}) };
    // "since 14 years" says "until now" by itself; "for 14 years" only with a present perfect.
    return g['fsLead']!.toLowerCase() === 'since' ? hit('distance', meaning) : hit('distance', meaning, { needs: 'perfect' });
  }
  if (g['sinceYear'] !== undefined) return hit('anchor', { kind: 'since-year', year: Number(g['syYear']) });
  if (g['quarter'] !== undefined) {
    // "the third quarter of 1984", "1989's third quarter" carry their year: absolute.
    if (/^[\s\u00A0]+of[\s\u00A0]+(?:fiscal[\s\u00A0]+)?\d{4}\b/i.test(after) || /\b\d{4}(?:['\u2019]s)?[\s\u00A0]+(?:the[\s\u00A0]+)?$/.test(before) || /\bfiscal[\s\u00A0]+$/i.test(before)) return undefined;
    const word = g['qWord']!.toLowerCase();
    // "the latest period" is a reporting quarter; "the first period" of a game is not.
    if (g['qPeriod'] !== undefined && word !== 'latest') return undefined;
    if (word === 'current') return hit('relative-date', { kind: 'unit', unit: 'quarter', offset: 0 });
    return hit('relative-date', { kind: 'quarter', quarter: word === 'latest' ? 'latest' : ORDINAL_QUARTERS[word]! });
  }
  if (g['thisYear'] !== undefined) {
    const unit = calendarUnit(g['tyUnit'] ?? 'year')!;
    return hit('relative-date', { kind: 'unit', unit, offset: /\blatest\b/i.test(m[0]) ? -1 : 0 });
  }
  if (g['later'] !== undefined) {
    // "too soon", "sooner", "no sooner": manner and degree, not a time.
    if (/\b(?:too|as|how|so)[\s\u00A0]+$/i.test(before) && /^soon/i.test(m[0])) return undefined;
    // "for future cooperation": "future" as an adjective belongs to its noun, not to a time.
    if (/future$/i.test(m[0]) && /^[\s\u00A0]+(?!(?:we|they|it|he|she|i|you|there|this|that|all|any|such|no|and|or|but|is|was|will|would)\b)[a-z]/i.test(after)) return undefined;
    return hit('vague', { kind: 'ref', sense: 'future' });
  }
  if (g['described'] !== undefined) return described(g, m, start, end, before, hit);
  if (g['future'] !== undefined) return hit('present-bound', { kind: 'ref', sense: 'future' });
  return undefined;
}

function relative(g: Groups, hit: (c: Category, m: Meaning) => GrammarHit): GrammarHit | undefined {
  const dir = direction(g['relDir']!);
  const target = g['relUnit']!.toLowerCase();
  const unit = calendarUnit(target);
  if (unit) return hit('relative-date', { kind: 'unit', unit, offset: dir });
  if (target === 'weekend') return hit('relative-date', { kind: 'weekend', offset: dir });
  if (target === 'night') return dir < 0 ? hit('deictic', { kind: 'day', offset: -1 }) : dir === 0 ? hit('deictic', { kind: 'day', offset: 0 }) : hit('deictic', { kind: 'day', offset: 1 });
  if (target === 'morning' || target === 'afternoon' || target === 'evening') return dir === 0 ? hit('deictic', { kind: 'day', offset: 0 }) : undefined;
  if (target in SEASONS) return hit('relative-date', { kind: 'season', season: SEASONS[target as keyof typeof SEASONS], offset: dir });
  const weekday = readWeekday(target);
  if (weekday !== undefined) return hit('relative-date', { kind: 'weekday', weekday, offset: dir });
  const month = readMonth(target);
  if (month !== undefined && monthWordOk(g['relUnit']!)) return hit('relative-date', { kind: 'month', month, offset: dir });
  return undefined;
}

/** "may" and "march" in lower case are a verb; only the capitalised forms name months. */
function monthWordOk(word: string): boolean {
  return !/^(?:may|march)$/.test(word);
}

function described(g: Groups, m: RegExpExecArray, start: number, end: number, before: string, hit: (c: Category, m: Meaning, e?: Partial<GrammarHit>) => GrammarHit): GrammarHit | undefined {
  const adj = g['dAdj']!.toLowerCase();
  const det = g['dDet'];
  const noun = g['dNoun'];
  const nounLower = noun?.toLowerCase();
  const adjStart = start + m[0].toLowerCase().indexOf(adj, det?.length ?? 0);
  const marker = { start: adjStart, end: adjStart + adj.length };
  if (noun === undefined || nounLower === undefined || FUNCTION_WORDS.has(nounLower)) {
    // "the incumbent" stands alone; "the current", "the present" alone are other things.
    return adj === 'incumbent' && det?.toLowerCase() === 'the' ? hit('present-bound', { kind: 'ref', sense: 'present' }, { marker }) : undefined;
  }
  if (det === undefined) {
    // Without a determiner: a title ("current President Moon") or a bare plural or mass noun
    // ("current market conditions", "recent declines"), never a physical current ("electric current flows").
    // The grammar is case-insensitive, so the capital of a title is checked here.
    const title = /^\p{Lu}/u.test(noun) && adj !== 'recent' && adj !== 'present';
    if (!title && !BARE_ADJECTIVES.has(adj)) return undefined;
    if (!title && CURRENT_MODIFIERS.test(before)) return undefined;
  }
  // "the incumbent faces a runoff": "incumbent" is the noun; only a title after it belongs to it.
  if (adj === 'incumbent' && det !== undefined && !SITTING_NOUNS.has(nounLower) && !/^\p{Lu}/u.test(noun)) {
    return hit('present-bound', { kind: 'ref', sense: 'present' }, { marker, end: marker.end });
  }
  if ((adj === 'current' || adj === 'present') && NOT_NOW_NOUNS.has(nounLower)) return undefined;
  if (adj === 'present' && /^(?:a|an)$/i.test(det ?? '')) return undefined;
  if (adj === 'sitting' && !SITTING_NOUNS.has(nounLower)) return undefined;
  if (adj === 'outgoing' && OUTGOING_NOT.has(nounLower)) return undefined;
  // "current-account", "present-day": the hyphenated compound is judged by its head.
  if (adj === 'current' && /^(?:account|affairs)$/i.test(noun.split('-')[0] ?? '')) return undefined;
  const sense = adj === 'upcoming' || adj === 'forthcoming' ? 'future' : adj === 'recent' ? 'recent' : 'present';
  return hit('present-bound', { kind: 'ref', sense }, { marker, end });
}
