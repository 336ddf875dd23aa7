import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run, seededRandom, texts, SAMPLE } from '../helpers.js';
import { FIGURE_SOURCE, nextFigure } from '../../server/src/core/checks/unsourced-figure.js';

const RULE = 'unsourced-figure';
const only = { rules: { 'loaded-term': 'off', 'dated-claim': 'off', 'dated-claim-consistency': 'off', 'entity-name': 'off' } } as const;

/** [sentence, the figures it must flag] — an empty list is a false-positive case. */
const CASES: Array<[string, string[]]> = [
  // hits
  ['China sent millions of Chinese volunteer’s soldiers were sent to Korea.', ['millions of Chinese volunteer’s soldiers']],
  ['China lost approximately 400,000 soldiers and more.', ['approximately 400,000 soldiers']],
  ['There are 28,500 well trained American troops stationed there.', ['28,500 well trained American troops']],
  ['Unemployment rose to 12% last quarter.', ['12%']],
  ['Unemployment rose to 12 per cent.', ['12 per cent']],
  ['The deal is worth $4.5 billion to the region.', ['$4.5 billion']],
  ['The fund holds £250,000 in reserve.', ['£250,000']],
  ['Tens of thousands of protesters marched.', ['Tens of thousands of protesters']],
  ['Hundreds of thousands of refugees fled.', ['Hundreds of thousands of refugees']],
  ['Two million people voted early.', ['Two million people']],
  ['Two-thirds of voters disagree.', ['Two-thirds of voters']],
  ['One in five children goes hungry.', ['One in five children']],
  ['The army lost 45 civilians in a week.', ['45 civilians']],
  ['Some 3,000 jobs will go.', ['Some 3,000 jobs']],
  ['Growth slowed to 2.5 in the first half.', ['2.5']],
  ['Forty percent of the budget goes to defence.', ['Forty percent']],
  ['Experts say 60% of students cheat.', ['60%']],
  ['The army carried out up to 200 strikes in March.', ['up to 200 strikes']],
  ['Twenty-nine of the world’s most polluted cities are there.', ['Twenty-nine']],
  ['Two hundred people died in the riots.', ['Two hundred people']],
  ['Offensives came four to five times more often.', ['four to five times more']],
  ['Half the public thought torture was justified.', ['Half']],
  ['The remaining 68 inmates are held without trial.', ['68 inmates']],
  ['The United States has 28,500 troops in Korea.', ['28,500 troops']],
  ['Air pollution killed 4,000 people in the polluted city.', ['4,000 people']],
  // sourced: not flagged
  ['According to the IISS, the army has 28,500 troops.', []],
  ['The army has 28,500 troops, the Pentagon said.', []],
  ['The army has [28,500 troops](https://example.org/report).', []],
  ['The army has 28,500 troops.[^1]\n\n[^1]: Pentagon, 2019.', []],
  ['The army has 28,500 troops (IISS, 2019).', []],
  ['Data from the census show 40% growth.', []],
  ['Unemployment was 12% (source: ONS).', []],
  // not figures
  ['President Xi visited Pyongyang on 20-21 June 2019.', []],
  ['China fought the Korean War in 1950-53.', []],
  ['The 1961 treaty still binds them.', []],
  ['Ties cooled in 2011 after the sanctions.', []],
  ['It is the first visit since 2005.', []],
  ['Leaders meet at the G-20 in Osaka.', []],
  ['The 3rd round must be availed.', []],
  ['A break of almost 14 years ended.', []],
  ['The talks broke down 10 years ago.', []],
  ['He met him during the last 15 months.', []],
  ['COVID-19 changed everything.', []],
  ['Article 5 binds the allies.', []],
  ['UN Resolution 2231 endorsed the deal.', []],
  ['The meeting starts at 10:30 in the hall.', []],
  ['He read “Catch-22 and 1984 Revisited” twice.', []],
  ['Two countries signed the accord.', []],
  ['The six-nation talks failed.', []],
  ['Visits rose in the 1990s.', []],
  ['He flew an F-35 over the base.', []],
  ['He met three times with Moon.', []],
  ['Twenty years ago they met.', []],
  ['Half the time he was away.', []],
  ['He has 12 of them.', []],
  ['The Group of Twenty met again.', []],
  // still figures: words that only look like attributions or tallies
  ['The United States has 28,500 troops in Korea.', ['28,500 troops']],
  ['The bank printed 5,000 notes in a week.', ['5,000 notes']],
  ['Experts warn that 40% of jobs will go.', ['40%']],
  ['It was not listed among the 53 drugs that work.', ['53 drugs']],
  ['Though he described the budget as tight, spending is to rise by 33.5 percent.', ['33.5 percent']],
  ['About 1.7 million people now live in its declared caliphate.', ['About 1.7 million people']],
  ['The vote share rose to 16.21 percent thanks to them.', ['16.21 percent']],
  ['The number of troops fell from 140,000 to 13,500.', ['140,000', '13,500']],
  ['Only 12 senators opposed it.', ['12 senators']],
  ['The CIA “detained at least 119 individuals” in secret prisons.', ['at least 119 individuals']],
  // attributions
  ['As TPM notes, his district is 35 percent Latino.', []],
  ['In the poll, Gingrich garnered 11 percent.', []],
  ['Mr. Clinton listed a second payment of $100,000.', []],
  ['According to the filing, he earned $500,000.', []],
  ['The report found 40% of children were poor.', []],
  ['Data show 40% of children were poor.', []],
  ['Figures released by the ministry put unemployment at 12%.', []],
  ['A survey by Gallup put support at 45%.', []],
  ['Support stands at 45% (Pew, 2019).', []],
  ['The campaign states that $11bn in aid was cut.', []],
  ['Oxfam tells them 1% of the population owns more.', []],
  ['The UNHCR explained that 50 per cent of them were Syrian.', []],
  ['The WHO recommends that 5% of our food energy come from sugar.', []],
  ['Surveys suggest seven out of 10 voters agree.', []],
  // vote tallies and scores, a quoted remark's name, counts a speaker says
  ['The Senate confirmed him 96-3.', []],
  ['The Senate confirmed him by 96-3 votes.', []],
  ['The bill passed by a vote of 228 to 191.', []],
  ['The resolution passed by 1,200 votes to 1,100.', []],
  ['The measure passed 52-48, with 10 Democrats joining.', []],
  ['The General Assembly voted 124-11, with 41 abstentions.', []],
  ['Republicans hold a 54-46 seat majority in the Senate.', []],
  ['The bill passed with all but 10 Republicans voting for it.', []],
  ['Ten Republicans voted against it.', []],
  ['United beat City 3-1 on Sunday.', []],
  ['He never recovered from the “47 percent” remark.', []],
  ['“I met 20 families who lost everything.”', []],
  ['“Chances are less than 50/50.”', []],
  ['He was held for 17 straight days.', []],
];

for (const [text, expected] of CASES) {
  test(`${RULE}: ${text}`, () => {
    assert.deepEqual(texts(run(text, only), RULE), expected);
  });
}

/** [text, [figure, severity] found]: a figure quoted from a named speaker is a hint; with no speaker named, a warning. */
const QUOTED: Array<[string, Array<[string, string]>]> = [
  ['“This idea is wrong,” Mr. Paul said. “I’m worried about the constant wars, the debt of $16 trillion.”', [['$16 trillion', 'hint']]],
  ['“It is wrong,” Sen. Wyden said. “The records of ‘millions of Americans’ should be declassified.”', [['millions of Americans', 'hint']]],
  ['“It is wrong,” Sen. Wyden said.\n\n“The records of ‘millions of Americans’ should be declassified.”', [['millions of Americans', 'hint']]],
  ['Mr. Paul said he was worried. “The debt is $16 trillion.”', [['$16 trillion', 'hint']]],
  // no speaker named: the figure is as unsourced as the author's own
  ['“The debt is $16 trillion.”', [['$16 trillion', 'warning']]],
  ['The records, “whether they cover ‘millions of Americans,’ should be declassified,” they said.', [['millions of Americans', 'warning']]],
  ['Mr. Paul spoke.\n\n“The debt is $16 trillion.”', [['$16 trillion', 'warning']]],
  // outside the quotation the author speaks
  ['“This idea is wrong,” Mr. Paul said. The debt is $16 trillion.', [['$16 trillion', 'warning']]],
];

for (const [text, expected] of QUOTED) {
  test(`${RULE}: quoted figures in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(run(text, only).findings.filter((f) => f.ruleId === RULE).map((f) => [f.text, f.severity]), expected);
  });
}

test(`${RULE}: a figure quoted from a speaker says so, stays a hint whatever the rule's severity, and can be turned off`, () => {
  const text = '“This idea is wrong,” Mr. Paul said. “I’m worried about the debt of $16 trillion.” The army has 28,500 troops.';
  const [hint, plain] = run(text, only).findings;
  assert.match(hint!.message, /^Figure attributed to a speaker only: “\$16 trillion” is quoted from Mr\. Paul/);
  assert.deepEqual(hint!.suggestions.map((s) => s.title), ['Add a footnote [^1] for the source']);
  assert.equal(plain!.severity, 'warning');
  const raised = run(text, { ...only, rules: { ...only.rules, [RULE]: 'error' } }).findings;
  assert.deepEqual(raised.map((f) => [f.text, f.severity]), [['$16 trillion', 'hint'], ['28,500 troops', 'error']]);
  const off = run(text, { ...only, ruleOptions: { [RULE]: { quotations: 'off' } } }).findings;
  assert.deepEqual(off.map((f) => f.text), ['28,500 troops']);
});

test(`${RULE}: figures in blockquotes and footnote definitions are not the author's`, () => {
  assert.deepEqual(texts(run('> The army has 28,500 troops.\n', only), RULE), []);
  assert.deepEqual(texts(run('Text.[^1]\n\n[^1]: The army has 28,500 troops.\n', only), RULE), []);
});

test(`${RULE}: code and link destinations are not prose`, () => {
  assert.deepEqual(texts(run('Run `seq 100000` and see [this](https://x.org/40000).\n', only), RULE), []);
});

test(`${RULE}: the sample's three figures, and nothing else`, () => {
  const a = run(readFileSync(SAMPLE, 'utf8'), only);
  assert.deepEqual(texts(a, RULE), ['millions of Chinese volunteer’s soldiers', 'approximately 400,000 soldiers', '28,500 well trained American troops']);
  for (const f of a.findings) assert.equal(a.doc.source.slice(f.start, f.end), f.text);
});

test(`${RULE}: the footnote fix inserts a reference and a definition with the next free label`, () => {
  const text = 'See this.[^1]\n\nThe army has 28,500 troops.\n\n[^1]: A source.\n';
  const [f] = run(text, only).findings;
  assert.ok(f);
  const fix = f.suggestions[0]!;
  assert.match(fix.title, /\[\^2\]/);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  assert.equal(out, 'See this.[^1]\n\nThe army has 28,500 troops.[^2]\n\n[^1]: A source.\n\n[^2]: Source needed for “28,500 troops”.\n');
  assert.deepEqual(texts(run(out, only), RULE), []);
});

test(`${RULE}: the attribution fix goes before the final full stop and silences the finding`, () => {
  const text = 'The army has 28,500 troops.';
  const [f] = run(text, only).findings;
  const fix = f!.suggestions[1]!;
  const e = fix.edits[0]!;
  const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
  assert.equal(out, 'The army has 28,500 troops, according to [source].');
  assert.deepEqual(texts(run(out, only), RULE), []);
});

test(`${RULE}: options change the threshold and add attributions`, () => {
  const o = (opts: Record<string, unknown>) => ({ ...only, ruleOptions: { [RULE]: opts } });
  assert.deepEqual(texts(run('The index stood at 500 on Monday.', o({ minimumBareNumber: 100 })), RULE), ['500']);
  assert.deepEqual(texts(run('The index stood at 500 on Monday.', only), RULE), []);
  assert.deepEqual(texts(run('By our count, there are 28,500 troops.', o({ attributions: ['by our count'] })), RULE), []);
});

test(`${RULE}: a table is sourced as a whole, by a cell or by a caption right after it`, () => {
  const table = '| Item | Figure |\n|---|---|\n| Jobs | 12,000 jobs |\n| Cost | $3.2 billion |\n';
  assert.deepEqual(texts(run(table, only), RULE), ['12,000 jobs', '$3.2 billion']);
  assert.deepEqual(texts(run(`${table}\nSource: port authority, 2021.\n`, only), RULE), []);
  assert.deepEqual(texts(run(`${table}| Source | [ministry](https://example.org) |\n`, only), RULE), []);
  assert.deepEqual(texts(run(`${table}\nUnrelated paragraph.\n\nSource: far away.\n`, only), RULE), ['12,000 jobs', '$3.2 billion']);
});

test('unsourced-figure: trying the figure grammar only where a figure can start finds what a global search finds', () => {
  const global = new RegExp(FIGURE_SOURCE, 'giu');
  const all = (text: string): string[] => {
    const out: string[] = [];
    global.lastIndex = 0;
    for (let m = global.exec(text); m; m = global.exec(text)) out.push(`${m.index}:${m[0]}`);
    return out;
  };
  const anchored = (text: string): string[] => {
    const out: string[] = [];
    for (let m = nextFigure(text, 0); m; m = nextFigure(text, m.index + m[0].length)) out.push(`${m.index}:${m[0]}`);
    return out;
  };
  // Pieces that start, continue or nearly make figures, joined at random, with the case changed at random.
  const pieces = [
    'US$', 'A$', 'C$', '$', '£', '€', '¥', '₹', 'Rs', 'Rs.', 'hours', '5', '12', '1,000', '3.5', '%', 'per cent', 'percent', 'percentage points',
    'million', 'bn', 'k', 'm', 'tens', 'hundreds', 'of', 'thousands', 'millions', 'and', 'or', 'a', 'a few', 'several', 'half', 'half a', 'one', 'two',
    'three', 'nine', 'ten', 'twenty', 'ninety', 'thirteen', 'hundred', 'third', 'thirds', 'quarter', 'the', 'people', 'said', 'times', 'more', 'as',
    'many', 'to', 'in', 'out', 'every', 'years', 'about', 'aa', '-', '\u00A0', '  ', '\n', 'ſ', 'ſeven', '\u212A', 'é', '(', ')',
  ];
  const random = seededRandom(7);
  const pick = (): string => pieces[Math.floor(random() * pieces.length)]!;
  const texts = [readFileSync(SAMPLE, 'utf8')];
  for (let i = 0; i < 4000; i++) {
    let t = '';
    const n = 1 + Math.floor(random() * 12);
    for (let k = 0; k < n; k++) {
      const p = random() < 0.2 ? pick().toUpperCase() : pick();
      t += random() < 0.85 ? `${p} ` : p;
    }
    texts.push(t);
  }
  let found = 0;
  for (const t of texts) {
    const expected = all(t);
    found += expected.length;
    assert.deepEqual(anchored(t), expected, JSON.stringify(t));
  }
  assert.ok(found > 2000, String(found));
});
