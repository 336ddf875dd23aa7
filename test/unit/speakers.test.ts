import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { adjacent, documentQuotationsWithSpeakers, quotationsWithSpeakers, type AttributedQuotation } from '../../server/src/core/speakers.js';
import { findQuotations, scanQuotations } from '../../server/src/core/quotes.js';

/** One quotation as the tables write it: its text with the marks, then what is known about it. */
interface Expected {
  text: string;
  kind?: AttributedQuotation['kind'];
  /** The speaker's name, or null for none (an unnamed speaker, or words nobody is said to have said). */
  speaker?: string | null;
  via?: 'name' | 'pronoun';
  attributed?: boolean;
  closed?: boolean;
  continued?: boolean;
  cue?: string;
}

function quotations(source: string): Array<{ q: AttributedQuotation; text: string; block: number }> {
  const doc = buildProseDocument(source);
  return documentQuotationsWithSpeakers(doc).flatMap((qs, block) => qs.map((q) => ({ q, text: source.slice(q.start, q.end), block })));
}

function check(source: string, expected: readonly Expected[]): void {
  const found = quotations(source);
  assert.deepEqual(
    found.map((f) => f.text),
    expected.map((e) => e.text),
    'quotations',
  );
  found.forEach(({ q }, i) => {
    const e = expected[i]!;
    const where = `${e.text}: ${JSON.stringify(q)}`;
    if (e.kind !== undefined) assert.equal(q.kind, e.kind, where);
    if (e.speaker !== undefined) assert.equal(q.speaker?.name ?? null, e.speaker, where);
    if (e.via !== undefined) assert.equal(q.speaker?.via, e.via, where);
    if (e.attributed !== undefined) assert.equal(q.attributed, e.attributed, where);
    if (e.closed !== undefined) assert.equal(q.closed, e.closed, where);
    if (e.continued !== undefined) assert.equal(q.continued, e.continued, where);
    if (e.cue !== undefined) assert.equal(q.cue ? source.slice(q.cue.start, q.cue.end) : null, e.cue, where);
  });
}

const ATTRIBUTION: Array<[string, Expected[]]> = [
  // The verb after the quotation, the name before or after it, an apposition between.
  ['“It is outrageous,” Joseph diGenova said.', [{ text: '“It is outrageous,”', kind: 'full', speaker: 'Joseph diGenova', via: 'name', cue: 'said' }]],
  ['“It is outrageous,” said Joseph diGenova, a former prosecutor.', [{ text: '“It is outrageous,”', speaker: 'Joseph diGenova', cue: 'said' }]],
  ['“It is outrageous,” Joseph diGenova, a former federal prosecutor, said on Fox News.', [{ text: '“It is outrageous,”', speaker: 'Joseph diGenova' }]],
  ['“We will win,” she told reporters.', [{ text: '“We will win,”', speaker: null, attributed: true, cue: 'told' }]],
  ['“We will win,” the official said.', [{ text: '“We will win,”', speaker: null, attributed: true }]],
  ['“We will win,” the White House said in a statement.', [{ text: '“We will win,”', speaker: 'the White House' }]],
  // The verb before the quotation: said, wrote, added, called, told, a colon lead-in.
  ['President Donald Trump tweeted late last week, “Mayor Gillum conceded on Election Day.”', [{ text: '“Mayor Gillum conceded on Election Day.”', kind: 'full', speaker: 'President Donald Trump', cue: 'tweeted' }]],
  ['Smith wrote that the ruling was “a disgrace to the court.”', [{ text: '“a disgrace to the court.”', kind: 'partial', speaker: 'Smith', cue: 'wrote' }]],
  ['She added: “Four people stated that I came to them.”', [{ text: '“Four people stated that I came to them.”', kind: 'full', speaker: null, attributed: true, cue: 'added' }]],
  ['Senator Warren called the plan “a giveaway to the rich.”', [{ text: '“a giveaway to the rich.”', kind: 'partial', speaker: 'Senator Warren', cue: 'called' }]],
  ['ODNI spokeswoman Kellie Wade also said that the agency was “working expeditiously.”', [{ text: '“working expeditiously.”', speaker: 'Kellie Wade' }]],
  ['Trump has repeatedly told aides that the inquiry is “a witch hunt.”', [{ text: '“a witch hunt.”', speaker: 'Trump', cue: 'told' }]],
  ['Smith, who said the plan was “a disaster”, left.', [{ text: '“a disaster”', speaker: 'Smith' }]],
  ['According to the White House, the plan was “a disaster.”', [{ text: '“a disaster.”', speaker: 'the White House', cue: 'According' }]],
  ['The plan was “a disaster,” according to Senator Warren.', [{ text: '“a disaster,”', speaker: 'Senator Warren', cue: 'according' }]],
  ['Smith: “We will win.”', [{ text: '“We will win.”', kind: 'full', speaker: 'Smith', cue: ':' }]],
  ['The message was plain: “We will win.”', [{ text: '“We will win.”', speaker: null, attributed: true, cue: ':' }]],
  ['Vladimir V. Putin said: “We are ready.”', [{ text: '“We are ready.”', speaker: 'Vladimir V. Putin' }]],
  ['The report found that he “sought to obstruct justice.”', [{ text: '“sought to obstruct justice.”', kind: 'partial', speaker: null, attributed: true, cue: 'found' }]],
  // A partial quotation whose speaker comes after it, several words on.
  ['“And if I did” spend campaign funds improperly, he said, it was legal.', [{ text: '“And if I did”', kind: 'partial', attributed: true, cue: 'said' }]],
  ['The administration called the decision “badly misguided,” and left.', [{ text: '“badly misguided,”', kind: 'partial', attributed: true, cue: 'called' }]],
  // "called" introducing a name is not speech; "the United States" is not a speaking verb.
  ['A campaign group called “No, DREAM, No Deal” protested.', [{ text: '“No, DREAM, No Deal”', attributed: false, speaker: null }]],
  ['Officials from the United States “met in secret” on Tuesday.', [{ text: '“met in secret”', attributed: false }]],
  ['He appeared on “Meet the Press” on Sunday.', [{ text: '“Meet the Press”', kind: 'partial', attributed: false }]],
  ['North Korea and China termed them “blood” relations.', [{ text: '“blood”', kind: 'partial', attributed: false, speaker: null }]],
];

const SENTENCE_BEFORE: Array<[string, Expected[]]> = [
  // A quotation standing as its own sentence takes the speaker of the sentence before.
  ['“We will win,” Smith said. “They will lose.”', [{ text: '“We will win,”', speaker: 'Smith' }, { text: '“They will lose.”', speaker: 'Smith', attributed: true }]],
  ['Smith said the plan had failed. “It is a disaster.”', [{ text: '“It is a disaster.”', speaker: 'Smith', attributed: true }]],
  // …also across a paragraph break.
  ['Smith said the plan had failed.\n\n“It is a disaster,” he said.', [{ text: '“It is a disaster,”', speaker: 'Smith', via: 'pronoun' }]],
  // A partial quotation does not: it is the author's sentence.
  ['Smith said the plan had failed. The budget was a “disaster” too.', [{ text: '“disaster”', attributed: false, speaker: null }]],
  // Nothing in the sentence before: the words are nobody's in particular.
  ['The plan failed. “It is a disaster.”', [{ text: '“It is a disaster.”', attributed: false, speaker: null }]],
];

const PRONOUNS: Array<[string, Expected[]]> = [
  ['President Trump met Kim on Sunday. “We are friends,” he said.', [{ text: '“We are friends,”', speaker: 'President Trump', via: 'pronoun' }]],
  // Two people named: "he" could be either.
  ['President Trump met President Moon on Sunday. “We are friends,” he said.', [{ text: '“We are friends,”', speaker: null, attributed: true }]],
  // Places and plain capitalised words are not people.
  ['Xi visited North Korea. “We are friends,” he said.', [{ text: '“We are friends,”', speaker: null, attributed: true }]],
  // The same person named twice is one person, given by the fuller name.
  ['Joseph diGenova said the charges were weak, and diGenova said more. “It is outrageous,” he said.', [{ text: '“It is outrageous,”', speaker: 'Joseph diGenova', via: 'pronoun' }]],
  // A person named inside a quotation is talked about, not talking.
  ['“Pope Benedict had worked hard on it,” she said. “Trust was built.”', [{ text: '“Pope Benedict had worked hard on it,”', speaker: null }, { text: '“Trust was built.”', speaker: null, attributed: true }]],
  // "they" is left unnamed.
  ['Smith and Jones said the plan failed. “It is a disaster,” they said.', [{ text: '“It is a disaster,”', speaker: null, attributed: true }]],
];

const SHAPES: Array<[string, Expected[]]> = [
  // Over several sentences: one quotation, the speaker after its last sentence.
  ['“We will win. They will lose. Nobody doubts it,” Smith said.', [{ text: '“We will win. They will lose. Nobody doubts it,”', kind: 'full', speaker: 'Smith' }]],
  // Nested single quotes share the speaker of the quotation they sit in.
  [
    'Patel joked that “no one looks in the mirror and thinks, ‘this is too easy.’”',
    [
      { text: '“no one looks in the mirror and thinks, ‘this is too easy.’”', kind: 'partial', speaker: 'Patel' },
      { text: '‘this is too easy.’', kind: 'nested', speaker: 'Patel' },
    ],
  ],
  ['"He called it \'a disgrace,\' and left," Jones said.', [{ text: '"He called it \'a disgrace,\' and left,"', speaker: 'Jones' }, { text: "'a disgrace,'", kind: 'nested', speaker: 'Jones' }]],
  // An apostrophe is not a nested quotation.
  ['“The volunteer’s work isn’t done,” Smith said.', [{ text: '“The volunteer’s work isn’t done,”', speaker: 'Smith' }]],
  // Over several paragraphs: open at the end of each but the last, each new one opening with a mark.
  [
    'Smith said: “We will fight.\n\n“And we will win.”',
    [
      { text: '“We will fight.', closed: false, speaker: 'Smith' },
      { text: '“And we will win.”', closed: true, continued: true, speaker: 'Smith', attributed: true },
    ],
  ],
  // Reading stays local: a third paragraph knows only the second, which names nobody.
  [
    'Smith said: “We will fight.\n\n“And we will win.\n\n“And then we rest.”',
    [
      { text: '“We will fight.', closed: false, speaker: 'Smith' },
      { text: '“And we will win.', closed: false, continued: true, speaker: 'Smith' },
      { text: '“And then we rest.”', continued: true, attributed: true, speaker: null },
    ],
  ],
  // …or without the mark again, up to the closing mark.
  [
    'Smith said: “We will fight.\n\nAnd we will win,” she added. Then “x” came.',
    [
      { text: '“We will fight.', closed: false, speaker: 'Smith' },
      { text: 'And we will win,”', continued: true, attributed: true, speaker: 'Smith' },
      { text: '“x”', attributed: false },
    ],
  ],
  // A closing mark with no quotation left open before it closes nothing.
  ['The plan failed.\n\nAnd we will win,” she added.', []],
  // A mark left open in the middle of a paragraph, with nobody speaking, is a slip: no quotation.
  ['The plan was a “disaster and nobody noticed.', []],
  // An open quotation after a lead-in runs to the end of its paragraph.
  ['She added: “Four people stated that I came to them.', [{ text: '“Four people stated that I came to them.', closed: false, attributed: true }]],
];

describe('speakers: attribution in the sentence', () => {
  for (const [source, expected] of ATTRIBUTION) test(source, () => check(source, expected));
});
describe('speakers: the sentence before', () => {
  for (const [source, expected] of SENTENCE_BEFORE) test(source.replace(/\n/g, ' '), () => check(source, expected));
});
describe('speakers: pronouns', () => {
  for (const [source, expected] of PRONOUNS) test(source, () => check(source, expected));
});
describe('speakers: nested, multi-sentence and multi-paragraph quotations', () => {
  for (const [source, expected] of SHAPES) test(source.replace(/\n/g, ' '), () => check(source, expected));
});

describe('speakers: the block API', () => {
  test('offsets are offsets of the prose, and the block before is read only when given', () => {
    const prose = 'Smith said the plan had failed.\n\n“It is a disaster,” he said.';
    const start = prose.indexOf('“');
    const alone = quotationsWithSpeakers(prose, start, prose.length);
    assert.equal(alone.length, 1);
    assert.equal(prose.slice(alone[0]!.inner.start, alone[0]!.inner.end), 'It is a disaster,');
    assert.equal(alone[0]!.speaker, undefined);
    const withPrevious = quotationsWithSpeakers(prose, start, prose.length, { previous: { start: 0, end: prose.indexOf('\n') } });
    assert.equal(withPrevious[0]!.speaker?.name, 'Smith');
    assert.equal(prose.slice(withPrevious[0]!.speaker!.start, withPrevious[0]!.speaker!.end), 'Smith');
  });

  test('extra cues count as speaking verbs', () => {
    const prose = 'Smith quipped that the plan was “a disaster.”';
    assert.equal(quotationsWithSpeakers(prose, 0, prose.length)[0]!.attributed, false);
    assert.equal(quotationsWithSpeakers(prose, 0, prose.length, { cues: new Set(['quipped']) })[0]!.speaker?.name, 'Smith');
  });

  test('a block far from the one before, or with text between, is not read with it', () => {
    const prose = 'One.\n\nTwo.' + ' '.repeat(40) + 'Three.';
    assert.equal(adjacent(prose, { start: 0, end: 4 }, { start: 6, end: 10 }), true);
    assert.equal(adjacent(prose, { start: 6, end: 10 }, { start: 50, end: 56 }), false);
    assert.equal(adjacent(prose, { start: 0, end: 3 }, { start: 6, end: 10 }), false);
  });

  test('a block without quotation marks costs nothing and gives nothing', () => {
    assert.deepEqual(quotationsWithSpeakers('Plain prose, said Smith.', 0, 24), []);
  });

  test('findQuotations still finds exactly the closed top-level quotations', () => {
    for (const text of ['Smith said: “We will fight.', '“A ‘b’ c,” he said. “D', '"x" and "y', 'a “b “c” d']) {
      const closed = scanQuotations(text, 0, text.length).filter((q) => q.depth === 0 && q.closed).map(({ start, end, inner }) => ({ start, end, inner }));
      assert.deepEqual(closed, findQuotations(text, 0, text.length), text);
    }
  });
});

describe('speakers: bad input never throws and stays linear', () => {
  for (const text of ['', '“', '”', '"""', '‘’', '“‘', ': “', '“,” said', 'said “', '\u0000\uFFFF\uD800“x”', '“a”'.repeat(2000), 'He said “'.repeat(3000), `“${'x, '.repeat(5000)}” he said`]) {
    test(JSON.stringify(text.slice(0, 24)), () => {
      const r = quotationsWithSpeakers(text, 0, text.length);
      for (const q of r) assert.ok(q.start >= 0 && q.end <= text.length && q.inner.start >= q.start && q.inner.end <= q.end);
    });
  }
});
