import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run, SAMPLE } from '../helpers.js';
import type { Analysis } from '../../server/src/core/analyze.js';
import type { Finding, RuleSetting } from '../../server/src/core/types.js';
import { age, stretchAgrees } from '../../server/src/core/checks/dated-claim.js';
import { useBlockMemos } from '../../server/src/core/text-memo.js';
import { isDatedClaim, resolveExpression, scanTemporal } from '../../server/src/core/time/index.js';
import { isoWeek } from '../../server/src/core/time/calendar.js';

const RULE = 'dated-claim';
const CONSISTENCY = 'dated-claim-consistency';

function analyse(text: string, reference = '2019-06-21', asOf = '2026-06-21'): Analysis {
  return run(text, { referenceDate: { date: reference, source: 'config' }, asOf });
}

function claims(a: Analysis, rule = RULE): Finding[] {
  return a.findings.filter((f) => f.ruleId === rule);
}

/** [sentence, reference date, flagged text, TIMEX3 value, label] */
const RESOLUTIONS: Array<[string, string, string, string, string]> = [
  // the sample's kinds
  ['He hosted him in Pyongyang last year.', '2019-06-21', 'last year', '2018', 'in 2018'],
  ['The talks broke down 10 years ago.', '2019-06-21', '10 years ago', '2009', 'in 2009'],
  ['Warmth is visible during the last two years.', '2019-06-21', 'during the last two years', '2017-06-21/2019-06-21', 'from 21 June 2017 to 21 June 2019'],
  ['He met three leaders during the last 15 months.', '2019-06-21', 'during the last 15 months', '2018-03-21/2019-06-21', 'from 21 March 2018 to 21 June 2019'],
  ['The visit came after a very long break of almost 14 years.', '2019-06-21', 'almost 14 years', '2005/2019-06-21', 'since about 2005'],
  ['He is going to meet Trump on weekend in Japan.', '2019-06-21', 'on weekend', '2019-W25-WE', 'on 22–23 June 2019'],
  ['Today, the country is poor.', '2019-06-21', 'Today', '2019-06-21', 'on 21 June 2019'],
  ['He most recently met Putin.', '2019-06-21', 'most recently', 'PAST_REF', 'shortly before 21 June 2019'],
  ['The current visit is a positive move.', '2019-06-21', 'The current visit', 'PRESENT_REF', 'as of 21 June 2019'],
  // deictic words and days
  ['The minister resigned yesterday.', '2019-03-01', 'yesterday', '2019-02-28', 'on 28 February 2019'],
  ['The vote is tomorrow.', '2020-02-28', 'tomorrow', '2020-02-29', 'on 29 February 2020'],
  ['The economy is currently shrinking.', '2019-06-21', 'currently', 'PRESENT_REF', 'as of 21 June 2019'],
  ['Nowadays few people read papers.', '2019-06-21', 'Nowadays', 'PRESENT_REF', 'as of 21 June 2019'],
  ['No deal has been reached so far.', '2019-06-21', 'so far', 'PRESENT_REF', 'up to 21 June 2019'],
  ['Prices have fallen lately.', '2019-06-21', 'lately', 'PAST_REF', 'shortly before 21 June 2019'],
  ['Talks will resume soon.', '2019-06-21', 'soon', 'FUTURE_REF', 'after 21 June 2019'],
  // calendar units, across year boundaries
  ['The law passed last year.', '2019-01-01', 'last year', '2018', 'in 2018'],
  ['The law passes this year.', '2019-01-01', 'this year', '2019', 'in 2019'],
  ['The law passed last month.', '2019-01-15', 'last month', '2018-12', 'in December 2018'],
  ['The law passed last week.', '2019-01-02', 'last week', '2018-W52', 'in the week of 24 December 2018'],
  ['The law passes next week.', '2019-12-30', 'next week', '2020-W02', 'in the week of 6 January 2020'],
  ['Growth slowed in the third quarter.', '2019-11-02', 'the third quarter', '2019-Q3', 'in the third quarter of 2019'],
  ['Growth slowed in the fourth quarter.', '2019-02-10', 'the fourth quarter', '2018-Q4', 'in the fourth quarter of 2018'],
  ['The deal closes early next year.', '2019-06-21', 'early next year', '2020', 'in 2020'],
  ['Sales fell last fall.', '2019-06-21', 'last fall', '2018-FA', 'in autumn 2018'],
  ['We met in June last year.', '2019-06-21', 'June last year', '2018-06', 'in June 2018'],
  ['The camp grew in the last decade.', '2019-06-21', 'in the last decade', '2009-06-21/2019-06-21', 'from 21 June 2009 to 21 June 2019'],
  ['The regime fell almost four years ago.', '1999-03-12', 'almost four years ago', '1995', 'in about 1995'],
  ['The order came two weeks ago.', '2019-06-21', 'two weeks ago', '2019-W23', 'in the week of 3 June 2019'],
  ['The strike started 11 days ago.', '2019-06-21', '11 days ago', '2019-06-10', 'on 10 June 2019'],
  // weekdays by tense; months without a year, nearest to the reference date
  ['The minister resigned last Friday.', '2019-06-21', 'last Friday', '2019-06-14', 'on 14 June 2019'],
  ['The minister resigned on Monday.', '2019-06-21', 'on Monday', '2019-06-17', 'on 17 June 2019'],
  ['The minister will resign on Monday.', '2019-06-21', 'on Monday', '2019-06-24', 'on 24 June 2019'],
  ['The offer expires Dec. 15.', '1989-10-26', 'Dec. 15', '1989-12-15', 'on 15 December 1989'],
  ['The offer expired Sept. 30.', '1989-11-02', 'Sept. 30', '1989-09-30', 'on 30 September 1989'],
  ['The figures for January came out.', '1998-02-06', 'January', '1998-01', 'in January 1998'],
  // present-bound descriptions and firsts
  ['The incumbent faces a runoff.', '2019-06-21', 'The incumbent', 'PRESENT_REF', 'as of 21 June 2019'],
  ['The upcoming summit matters.', '2019-06-21', 'The upcoming summit', 'FUTURE_REF', 'after 21 June 2019'],
  ['It is the first visit by a Chinese leader in 14 years.', '2019-06-21', 'in 14 years', '2005/2019-06-21', 'since about 2005'],
];

for (const [sentence, reference, text, value, label] of RESOLUTIONS) {
  test(`dated-claim resolves ${JSON.stringify(text)} from ${reference}`, () => {
    const found = claims(analyse(sentence, reference));
    assert.deepEqual(found.map((f) => f.text), [text]);
    assert.deepEqual(found[0]!.resolved, { value, label });
  });
}

/** Sentences with nothing relative to the time of writing. */
const NOT_CLAIMS: string[] = [
  'President Xi Jin Ping visited Pyongyang on 20-21 June 2019.',
  'Relations cooled down in 2011 when China sided with the sanctions.',
  'China fought the Korean War in 1950-53.',
  'The first high-level visit by a Chinese leader since 2005 matters.',
  'The country runs a large current account deficit.',
  'An electric current flows through the wire.',
  'Swimmers were dragged out by a strong current.',
  'The minister will present a plan to parliament.',
  'Only three members were present at the vote.',
  'She was interviewed on the Today programme.',
  'The story ran in USA Today.',
  'He did not go so far as to apologise.',
  'The files are up to date.',
  'They were equipped with the latest weapons.',
  'China has its own experience in economic development.',
  'Both leaders discussed a wide range of issues and set the course of future relations.',
  'The March on Washington changed the country.',
  'You may go now that the rain has stopped.'.replace('now that the rain has stopped', 'home'),
  'A weekend away is good for everyone.',
  'He was an outgoing personality.',
  'The third quarter of 1984 was weak.',
  'The G-20 summit was held in Osaka on 28-29 June 2019.',
  'The summit to be held in Osaka on 28 June 2019 matters.',
  'In 1990, after a gap of ten years, the talks resumed.',
  'He worked there for 20 years.',
  // named days: names, not dates counted from the time of writing
  'The Sept. 11 attacks changed everything.',
  'Since Sept. 11, the country has changed.',
  'After 9/11, the country changed.',
  'They celebrated the Fourth of July in Boston.',
  'Shoppers crowded stores on Black Friday.',
  'The Good Friday Agreement still holds.',
  'On D-Day, troops landed in Normandy.',
  // a month anchored by a year of its own a few words away
  'In 2018, the law passed in December.',
  'The 2020 election takes place in November.',
];

for (const sentence of NOT_CLAIMS) {
  test(`dated-claim leaves alone: ${sentence}`, () => {
    assert.deepEqual(claims(analyse(sentence)).map((f) => f.text), []);
  });
}

/** [sentence, the flagged texts]: the expression alone, never the punctuation after it. */
const EXACT: Array<[string, string[]]> = [
  ['The minister resigned on Friday, and the party split.', ['on Friday']],
  ['On Friday, the minister resigned.', ['On Friday']],
  ['Late on Tuesday, the talks collapsed.', ['on Tuesday']],
  ['By Friday, everyone had left.', ['Friday']],
  ['The talks collapsed Friday; the markets fell.', ['Friday']],
  ['The law passed in December, after a long debate.', ['December']],
  // a year attached to another date, or far off, does not anchor a month
  ['Poland, invited to join NATO in Madrid in July 1997, will join on March 12 in a ceremony.', ['March 12']],
  ['Under a program approved in 1987 that did not specify a share amount, the firm bought 481,000 shares through Sept. 29.', ['Sept. 29']],
  ['The index closed at 2082.1, down from Oct. 13.', ['Oct. 13']],
  // a named day's words used as a date
  ['The committee meets on Sept. 11 to vote.', ['Sept. 11']],
  ['It was a good Friday for the markets.', ['Friday']],
];

for (const [sentence, expected] of EXACT) {
  test(`dated-claim flags exactly ${JSON.stringify(expected)} in: ${sentence}`, () => {
    assert.deepEqual(claims(analyse(sentence)).map((f) => f.text), expected);
  });
}

/** [sentence, flagged text, severity by default]: stale claims warn, the present and a vague future inform. */
const TIERS: Array<[string, string, string]> = [
  ['The law passed last year.', 'last year', 'warning'],
  ['The talks broke down 10 years ago.', '10 years ago', 'warning'],
  ['The minister resigned on Tuesday.', 'on Tuesday', 'warning'],
  ['The law passes next week.', 'next week', 'warning'],
  ['He most recently met Putin.', 'most recently', 'warning'],
  ['The minister resigned today.', 'today', 'warning'],
  ['The vote is tonight.', 'tonight', 'warning'],
  ['The economy is now shrinking.', 'now', 'info'],
  ['The economy is currently shrinking.', 'currently', 'info'],
  ['No deal has been reached so far.', 'so far', 'info'],
  ['Today, the country is poor.', 'Today', 'info'],
  ['The current visit is a positive move.', 'The current visit', 'info'],
  ['Talks will resume soon.', 'soon', 'info'],
  ['In the days to come, talks will resume.', 'In the days to come', 'info'],
  ['The upcoming summit matters.', 'The upcoming summit', 'info'],
];

for (const [sentence, text, severity] of TIERS) {
  test(`dated-claim: ${JSON.stringify(text)} is ${severity} by default`, () => {
    const found = claims(analyse(sentence));
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [[text, severity]]);
  });
}

test('dated-claim: a present claim keeps the rewrite fix', () => {
  const [f] = claims(analyse('Today, the country is poor.'));
  assert.equal(f!.suggestions[0]!.replacement, 'As of June 2019');
  assert.match(f!.detail ?? '', /\*\*Tier:\*\* present/);
});

test('dated-claim: tiers take their own severity, or off; a severity for the whole rule sets the others', () => {
  const text = 'The economy is now shrinking; it shrank last year, and it will recover soon.';
  const withTiers = (tiers: Record<string, string>, rules: Record<string, RuleSetting> = {}) =>
    claims(run(text, { referenceDate: { date: '2019-06-21', source: 'config' }, ruleOptions: { [RULE]: { tiers } }, rules })).map((f) => [f.text, f.severity]);
  assert.deepEqual(withTiers({}), [['now', 'info'], ['last year', 'warning'], ['soon', 'info']]);
  assert.deepEqual(withTiers({ dated: 'error', present: 'off', future: 'hint' }), [['last year', 'error'], ['soon', 'hint']]);
  assert.deepEqual(withTiers({ present: 'warning', future: 'off' }), [['now', 'warning'], ['last year', 'warning']]);
  // an unknown value is ignored here; the configuration reader reports it
  assert.deepEqual(withTiers({ present: 'loud' }), [['now', 'info'], ['last year', 'warning'], ['soon', 'info']]);
  assert.deepEqual(withTiers({}, { [RULE]: 'error' }), [['now', 'error'], ['last year', 'error'], ['soon', 'error']]);
  assert.deepEqual(withTiers({ present: 'hint' }, { [RULE]: 'error' }), [['now', 'hint'], ['last year', 'error'], ['soon', 'error']]);
});

test('dated-claim: words inside a quotation or a blockquote are the speaker’s', () => {
  assert.deepEqual(claims(analyse('“We will meet again next week,” the minister said.')).map((f) => f.text), []);
  assert.deepEqual(claims(analyse('> Today we are all Koreans.\n')).map((f) => f.text), []);
  assert.deepEqual(claims(analyse('The minister said “peace” last year.')).map((f) => f.text), ['last year']);
});

test('dated-claim: the message states the resolution, its basis and the staleness', () => {
  const [f] = claims(analyse('He hosted him in Pyongyang last year.', '2019-06-21', '2026-06-21'));
  assert.match(f!.message, /^'last year' means 2018, counting from 2019-06-21, the configured reference date; written 7 years before the as-of date \(2026-06-21\)\./);
  assert.match(f!.message, /write 'in 2018' or add '\(as of June 2019\)'/);
  assert.match(f!.detail ?? '', /TIMEX3 `2018`/);
  const fresh = claims(analyse('He hosted him in Pyongyang last year.', '2019-06-21', '2019-06-21'))[0]!;
  assert.doesNotMatch(fresh.message, /written/);
});

test('dated-claim: fixes rewrite to the absolute form or append the as-of date', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['He hosted him in Pyongyang last year.', 'last year', 'in 2018'],
    ['The talks broke down 10 years ago.', '10 years ago', 'in 2009'],
    ['The party has ruled since last year.', 'last year', '2018'],
    ['Today, the country is poor.', 'Today', 'As of June 2019'],
    ['The current visit is a positive move.', 'The current visit', 'The June 2019 visit'],
    ['He is going to meet Trump on weekend in Japan.', 'on weekend', 'on 22–23 June 2019'],
    ['Warmth is visible during the last two years.', 'during the last two years', 'between June 2017 and June 2019'],
    ['He most recently met Putin.', 'most recently', undefined],
  ];
  for (const [sentence, text, rewrite] of cases) {
    const f = claims(analyse(sentence)).find((x) => x.text === text)!;
    const replacements = f.suggestions.map((s) => s.replacement);
    if (rewrite) assert.equal(replacements[0], rewrite, sentence);
    assert.ok(replacements.includes(`${text} (as of June 2019)`), sentence);
    const append = f.suggestions.find((s) => s.title.includes('(as of June 2019)'))!;
    assert.deepEqual(append.edits, [{ start: f.end, end: f.end, newText: ' (as of June 2019)' }]);
  }
});

test('dated-claim: undated documents count from today and say so', () => {
  const a = run('The law passed last year.', { today: '2024-03-01' });
  const [f] = claims(a);
  assert.equal(f!.resolved?.value, '2023');
  assert.match(f!.message, /counting from 2024-03-01, today's date \(the article has no date\)/);
});

test('dated-claim: an invalid front-matter date is never used; the claim counts from the next basis', () => {
  const a = run('---\ndate: 2019-13-45\n---\nThe visit on 20 June 2019 came after talks last year.\n', { today: '2026-01-01' });
  const [f] = claims(a);
  assert.equal(f!.resolved?.value, '2018');
  assert.match(f!.message, /counting from 2019-06-20, the latest date in the text/);
});

test('dated-claim: a front-matter date wins over the text', () => {
  const [f] = claims(run('---\ndate: 2020-01-05\n---\nThe law passed last year.\n', { today: '2026-01-01' }));
  assert.equal(f!.resolved?.value, '2019');
});

test('dated-claim: options ignore listed expressions and, if asked, vague ones', () => {
  const text = 'The economy is currently shrinking, and it shrank last year too.';
  const base = run(text, { referenceDate: { date: '2019-06-21', source: 'config' } });
  assert.deepEqual(claims(base).map((f) => f.text), ['currently', 'last year']);
  const ignored = run(text, { referenceDate: { date: '2019-06-21', source: 'config' }, ruleOptions: { [RULE]: { ignore: ['Currently'] } } });
  assert.deepEqual(claims(ignored).map((f) => f.text), ['last year']);
  const precise = run(text, { referenceDate: { date: '2019-06-21', source: 'config' }, ruleOptions: { [RULE]: { vague: false } } });
  assert.deepEqual(claims(precise).map((f) => f.text), ['last year']);
});

test('dated-claim-consistency: a stated stretch that disagrees with an explicit year', () => {
  const text = 'The visit came after a break of almost 10 years.\n\nIt is the first visit by a Chinese leader since 2005.\n';
  const found = claims(analyse(text), CONSISTENCY);
  assert.deepEqual(found.map((f) => f.text), ['almost 10 years']);
  assert.match(found[0]!.message, /'almost 10 years' does not agree with 'since 2005'/);
  const agreeing = text.replace('almost 10 years', 'almost 14 years');
  assert.deepEqual(claims(analyse(agreeing), CONSISTENCY), []);
  assert.deepEqual(claims(run(text, { referenceDate: { date: '2019-06-21', source: 'config' }, rules: { [CONSISTENCY]: 'off' } }), CONSISTENCY), []);
});

test('stretchAgrees: hedges widen the stated stretch', () => {
  const ref = { year: 2019, month: 6, day: 21 };
  const stretch = (text: string) => scanTemporal(text).find(isDatedClaim)!;
  assert.equal(stretchAgrees(stretch('after a break of almost 14 years.'), 2005, ref), true);
  assert.equal(stretchAgrees(stretch('after a break of 14 years.'), 2005, ref), true);
  assert.equal(stretchAgrees(stretch('after a break of more than 13 years.'), 2005, ref), true);
  assert.equal(stretchAgrees(stretch('after a break of almost 10 years.'), 2005, ref), false);
  assert.equal(stretchAgrees(stretch('after a break of 20 years.'), 2005, ref), false);
});

test('age: years, then months, then days', () => {
  const d = (s: string) => ({ year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)), day: Number(s.slice(8, 10)) });
  assert.equal(age(d('2019-06-21'), d('2026-06-21')), '7 years');
  assert.equal(age(d('2019-06-21'), d('2026-06-20')), '6 years');
  assert.equal(age(d('2019-06-21'), d('2019-08-21')), '2 months');
  assert.equal(age(d('2019-06-21'), d('2019-06-22')), '1 day');
  assert.equal(age(d('2019-06-21'), d('2019-06-21')), undefined);
  assert.equal(age(d('2019-06-21'), d('2018-01-01')), undefined);
});

test('ISO weeks at year boundaries', () => {
  assert.deepEqual(isoWeek({ year: 2019, month: 6, day: 22 }), { year: 2019, week: 25 });
  assert.deepEqual(isoWeek({ year: 2018, month: 12, day: 31 }), { year: 2019, week: 1 });
  assert.deepEqual(isoWeek({ year: 2021, month: 1, day: 3 }), { year: 2020, week: 53 });
});

test('resolveExpression never throws on odd amounts', () => {
  for (const text of ['some 1.5 years ago', 'a couple of decades ago', 'a few years ago', 'during the last several months', 'over the past 9999 years']) {
    for (const e of scanTemporal(text)) assert.doesNotThrow(() => resolveExpression(e, { year: 2019, month: 6, day: 21 }));
  }
});

test('dated-claim: odd input never throws', () => {
  for (const text of ['', 'last', 'ago ago ago', '10 years ago'.repeat(50), '\u0000now\uFFFF', 'the current', 'since 2005 since 2005', 'on weekend'.repeat(3)]) {
    assert.doesNotThrow(() => run(text));
    assert.deepEqual(run(text).failures, []);
  }
});

test('dated-claim on the sample: the ten dated claims, resolved, and no consistency finding', () => {
  const a = run(readFileSync(SAMPLE, 'utf8'), { asOf: '2026-06-21' });
  assert.equal(a.referenceDate.date, '2019-06-21');
  const found = claims(a).map((f) => [f.text, f.resolved?.value]);
  assert.deepEqual(found, [
    ['almost 14 years', '2005/2019-06-21'],
    ['during the last two years', '2017-06-21/2019-06-21'],
    ['Today', '2019-06-21'],
    ['during the last 15 months', '2018-03-21/2019-06-21'],
    ['last year', '2018'],
    ['most recently', 'PAST_REF'],
    ['10 years ago', '2009'],
    ['The current visit', 'PRESENT_REF'],
    ['just recently', 'PAST_REF'],
    ['on weekend', '2019-W25-WE'],
    // time-relative too: a vague future that says nothing once the days have come
    ['in the days to come', 'FUTURE_REF'],
  ]);
  assert.deepEqual(
    claims(a).filter((f) => f.severity === 'info').map((f) => f.text),
    ['Today', 'The current visit', 'in the days to come'],
  );
  assert.match(claims(a).find((f) => f.text === 'last year')!.message, /^'last year' means 2018, counting from 2019-06-21, the latest date in the text; written 7 years before the as-of date/);
  assert.deepEqual(claims(a, CONSISTENCY), []);
});

test('dated-claim: the same findings with block scans memoised (the editor) and not (the CLI)', () => {
  const text = `${readFileSync(SAMPLE, 'utf8')}\n\nShe said "last year was hard" on Friday, and the current visit ends next March.\n`;
  const memoised = claims(analyse(text)).concat(claims(analyse(text), CONSISTENCY));
  useBlockMemos(false);
  try {
    const direct = claims(analyse(text)).concat(claims(analyse(text), CONSISTENCY));
    assert.ok(direct.length > 5);
    assert.deepEqual(direct, memoised);
  } finally {
    useBlockMemos(true);
  }
});
