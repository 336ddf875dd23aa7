/**
 * The closed word classes the temporal grammar is built from. These are English grammar
 * (numerals, calendar names, the deictic adverbs TimeML's TIMEX3 guidelines annotate),
 * not an editorial lexicon, so they live with the grammar that reads them.
 */

export const UNITS = {
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  fortnight: 'fortnight',
  fortnights: 'fortnight',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  year: 'year',
  years: 'year',
  decade: 'decade',
  decades: 'decade',
  century: 'century',
  centuries: 'century',
} as const;

export type Unit = (typeof UNITS)[keyof typeof UNITS];

export const UNIT_PATTERN = Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|');

/** Cardinal numbers as words; `undefined` marks a vague amount ("a few", "several"). */
export const NUMBER_WORDS: Readonly<Record<string, number | undefined>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, 'a hundred': 100, 'a dozen': 12, dozen: 12, 'a couple of': 2, 'a couple': 2, 'a few': undefined,
  few: undefined, several: undefined, many: undefined, some: undefined,
};

const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const ONES = 'one|two|three|four|five|six|seven|eight|nine';

export const NUMBER_PATTERN = [
  String.raw`\d{1,4}(?:\.\d+)?`,
  `(?:${TENS})[-\\s](?:${ONES})`,
  ...Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, String.raw`\s+`)),
].join('|');

/** The number a numeral spells; `undefined` for a vague amount, `NaN` when unreadable. */
export function readNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(w)) return Number(w);
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w];
  const compound = new RegExp(`^(${TENS})[- ](${ONES})$`).exec(w);
  if (compound) return NUMBER_WORDS[compound[1]!]! + NUMBER_WORDS[compound[2]!]!;
  return Number.NaN;
}

/** Hedges before an amount, and which side of the number they put the truth on. */
export type Hedge = 'under' | 'over' | 'about';

export const HEDGES: Readonly<Record<string, Hedge>> = {
  almost: 'under', nearly: 'under', 'not quite': 'under', 'just under': 'under', 'less than': 'under', 'fewer than': 'under', 'up to': 'under',
  over: 'over', 'more than': 'over', 'just over': 'over', 'at least': 'over', 'well over': 'over', 'upwards of': 'over', 'some': 'about',
  about: 'about', around: 'about', roughly: 'about', approximately: 'about', 'close to': 'about', 'some time over': 'over',
};

export const HEDGE_PATTERN = Object.keys(HEDGES).sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, String.raw`\s+`)).join('|');

export function readHedge(word: string | undefined): Hedge | undefined {
  return word === undefined ? undefined : HEDGES[word.toLowerCase().replace(/\s+/g, ' ')];
}

export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const MONTH_PATTERN = String.raw`jan(?:uary|\.)?|feb(?:ruary|\.)?|march|mar\.|april|apr\.|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?`;

export function readMonth(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTH_NAMES.findIndex((m) => m.startsWith(w.length >= 3 ? w.slice(0, 3) : w));
  return i >= 0 ? i + 1 : undefined;
}

export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const WEEKDAY_PATTERN = WEEKDAY_NAMES.join('|');

/** 1 = Monday … 7 = Sunday. */
export function readWeekday(word: string): number | undefined {
  const i = WEEKDAY_NAMES.indexOf(word.toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

export const SEASONS = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' } as const;

export const ORDINAL_QUARTERS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4,
};
