import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { compileKnowledge, type KnowledgeSource } from '../../server/src/core/knowledge.js';
import { entityCard, mentionAt, recognizeEntities, type RecognizedMention } from '../../server/src/core/entities/index.js';
import type { ReferenceDate } from '../../server/src/core/types.js';
import { bundledKnowledge, SAMPLE } from '../helpers.js';

const on = (date: string): ReferenceDate => ({ date, source: 'cli', basis: 'the --reference-date option' });

function recognize(text: string, date = '2019-06-21'): RecognizedMention[] {
  return recognizeEntities(buildProseDocument(text), on(date), bundledKnowledge());
}

/** [text, date, expected mentions as "source text → entity name"] */
const TABLE: Array<[string, string, string[]]> = [
  ['President Xi Jin Ping visited Pyongyang.', '2019-06-21', ['Xi Jin Ping → Xi Jinping', 'Pyongyang → Pyongyang']],
  ['Xi Jinping and Kim Jong-un met; Kim Jong Un and KIM JONG UN.', '2019-06-21', ['Xi Jinping → Xi Jinping', 'Kim Jong-un → Kim Jong Un', 'Kim Jong Un → Kim Jong Un', 'KIM JONG UN → Kim Jong Un']],
  ['He met President Xi and President Putin.', '2019-06-21', ['President Xi → Xi Jinping', 'President Putin → Vladimir Putin']],
  ['most recently, President Vladimir V. Putin of Russia', '2019-06-21', ['Vladimir V. Putin → Vladimir Putin', 'Russia → Russia']],
  ['he met President Xi and President. Trump, and others', '2019-06-21', ['President Xi → Xi Jinping', 'President. Trump → Donald Trump']],
  ['North Korea (NK) is poor. NK needs aid; South Korea (SK) and SK.', '2019-06-21', ['North Korea → North Korea', 'NK → North Korea', 'NK → North Korea', 'South Korea → South Korea', 'SK → South Korea', 'SK → South Korea']],
  ['NK is not yet defined here.', '2019-06-21', []],
  ['the 1961 Sino-North Korean (NK) Mutual Aid and Cooperation Friendship Treaty promises aid', '2019-06-21', ['1961 Sino-North Korean (NK) Mutual Aid and Cooperation Friendship Treaty → Sino-North Korean Mutual Aid and Cooperation Friendship Treaty']],
  ["several times with South Korea's president, whom he hosted", '2019-06-21', ["South Korea's president → Moon Jae-in", 'South Korea → South Korea']],
  ["several times with South Korea's president, whom he hosted", '2023-06-21', ["South Korea's president → Yoon Suk Yeol", 'South Korea → South Korea']],
  ['President Kim has been shuttling', '2019-06-21', ['President Kim → Kim Jong Un']],
  ['President Kim has been shuttling', '1998-06-21', ['President Kim → Kim Dae-jung']],
  ['President Kim Jong Un met the Chinese leader.', '2019-06-21', ['Kim Jong Un → Kim Jong Un', 'Chinese leader → Xi Jinping']],
  ['strong opposition to its mega initiative BRI', '2019-06-21', ['BRI → Belt and Road Initiative']],
  ['going to meet President Trump on weekend in the G-20 meeting to be held in Japan', '2019-06-21', ['President Trump → Donald Trump', 'G-20 meeting → 2019 G20 Osaka summit', 'Japan → Japan']],
  ['the G-20 meeting in Rome', '2021-10-30', ['G-20 → G20']],
  ['a resumption of the six-nation talks on the Korean peninsula', '2019-06-21', ['six-nation talks → Six-Party Talks', 'Korean peninsula → Korean Peninsula']],
  ['Kim Jong Il died; later Kim spoke.', '2019-06-21', ['Kim Jong Il → Kim Jong Il', 'Kim → Kim Jong Il']],
  // False positives: unknown capitalised names, generic references, lower case, pronouns.
  ['President Smith and Chairman Lee Soo-man met Mr Jones.', '2019-06-21', []],
  ['the first visit by any high-level Chinese leader since 2005', '2019-06-21', []],
  ['Let us go; the moon was bright over china plates.', '2019-06-21', []],
  ['from the North Korean side, Chinese volunteers', '2019-06-21', []],
  ['we met the President. Trump said nothing', '2019-06-21', ['Trump → Donald Trump']],
];

for (const [text, date, expected] of TABLE) {
  test(`recognition on ${date}: ${JSON.stringify(text)}`, () => {
    assert.deepEqual(recognize(text, date).map((m) => `${m.text} → ${m.name}`), expected);
  });
}

/** Recognition fixes, one table per problem: [text, date, expected mentions as "source text → entity name"]. */
const FIX_TABLES: Record<string, Array<[string, string, string[]]>> = {
  'initials with full stops': [
    ['George W. Bush and George H. W. Bush spoke; so did George H.W. Bush.', '2019-06-21', ['George W. Bush → George W. Bush', 'George H. W. Bush → George H. W. Bush', 'George H.W. Bush → George H. W. Bush']],
    ['John F. Kennedy and Lyndon B. Johnson', '2019-06-21', ['John F. Kennedy → John F. Kennedy', 'Lyndon B. Johnson → Lyndon B. Johnson']],
    // An initial the alias does not have is skipped, as in "Vladimir V. Putin".
    ['Hillary R. Clinton spoke.', '2019-06-21', ['Hillary R. Clinton → Hillary Clinton']],
    ['the U.S. and the U.K. joined the U.N. Security Council session', '2019-06-21', ['U.S. → United States', 'U.K. → United Kingdom', 'U.N. Security Council → United Nations Security Council']],
    ['The U.S. president spoke.', '2019-06-21', ['U.S. president → Donald Trump', 'U.S. → United States']],
    // Not names: a sentence end after a letter, lower case, an initial with nothing after it.
    ['He chose plan B. Bush said no.', '2019-06-21', []],
    ['george w. bush and george h. w. bush', '2019-06-21', []],
    ['George W. is a nickname.', '2019-06-21', []],
    ['In the U.S. Kim said nothing.', '2019-06-21', ['U.S. → United States']],
  ],
  '"of the" after a title': [
    ['He met the President of the European Commission.', '2019-06-21', ['President of the European Commission → Jean-Claude Juncker', 'European Commission → European Commission']],
    ['He met the President of the European Commission.', '2020-06-21', ['President of the European Commission → Ursula von der Leyen', 'European Commission → European Commission']],
    ['the President of the United States and the Secretary-General of the United Nations', '2019-06-21', ['President of the United States → Donald Trump', 'United States → United States', 'Secretary-General of the United Nations → António Guterres', 'United Nations → United Nations']],
    ['the President of France', '2019-06-21', ['President of France → Emmanuel Macron', 'France → France']],
    // Not an office of a known body.
    ['the President of the club and the President of the Commission', '2019-06-21', []],
  ],
  'title + surname prefers holders of that title': [
    ['President Johnson signed the act.', '2018-06-21', ['President Johnson → Lyndon B. Johnson']],
    ['President Johnson signed the act.', '2020-06-21', ['President Johnson → Lyndon B. Johnson']],
    ['Foreign Secretary Johnson spoke.', '2018-06-21', ['Foreign Secretary Johnson → Boris Johnson']],
    ['Prime Minister Johnson spoke.', '2020-06-21', ['Prime Minister Johnson → Boris Johnson']],
    // An honorific holds no office: the Johnson in office then, or the one last named.
    // With the compiled base, a bare "Mr Johnson" in 2018 fits a foreign secretary and several US legislators: no card.
    ['Mr Johnson spoke.', '2018-06-21', []],
    ['Boris Johnson spoke. Mr Johnson left.', '1990-06-21', ['Boris Johnson → Boris Johnson', 'Mr Johnson → Boris Johnson']],
    ['Hillary Clinton spoke; President Clinton listened.', '2019-06-21', ['Hillary Clinton → Hillary Clinton', 'President Clinton → Bill Clinton']],
    ['George H. W. Bush spoke. President Bush listened.', '2019-06-21', ['George H. W. Bush → George H. W. Bush', 'President Bush → George H. W. Bush']],
    // A leader with a wrong title still beats a former holder of it (the card flags the title).
    ['President Kim has been shuttling', '2019-06-21', ['President Kim → Kim Jong Un']],
  ],
  'a bare name followed by more name': [
    ['Vicente Fox spoke. Later Fox News said so, and Fox agreed.', '2019-06-21', ['Vicente Fox → Vicente Fox', 'Fox News → Fox News', 'Fox → Vicente Fox']],
    ['Paul Martin spoke. Martin Luther King was cited. Martin said no.', '2005-06-21', ['Paul Martin → Paul Martin', 'Martin Luther King → Martin Luther King Jr.', 'Martin → Paul Martin']],
    ['Kim Jong Un arrived, and Kim Yo Jong followed; Kim waved.', '2019-06-21', ['Kim Jong Un → Kim Jong Un', 'Kim → Kim Jong Un']],
    ['Putin Street, Mexico City, China Daily and the South China Sea', '2019-06-21', ['China Daily → China Daily']],
    // The next word starts a known name, or is an acronym, or the heading capitalises every word.
    ['the Trump Kim summit', '2019-06-21', ['Trump → Donald Trump']],
    ['China Russia ties and US Customs', '2019-06-21', ['China → China', 'Russia → Russia', 'US → United States']],
    ['# Why Putin Wants a Deal', '2019-06-21', ['Putin → Vladimir Putin']],
    ['# Putin Street is closed', '2019-06-21', []],
    // A new sentence is no continuation.
    ['Vicente Fox spoke. Fox. News came later.', '2019-06-21', ['Vicente Fox → Vicente Fox', 'Fox → Vicente Fox']],
  ],
  'a one-word name at the end of a longer name': [
    ['He praised Michael Jordan, and the king of Jordan spoke.', '2019-06-21', ['Jordan → Jordan']],
    ['They say Lake Chad is shrinking; visiting Chad, he saw it.', '2019-06-21', ['Chad → Chad']],
    // At the start of a sentence or quotation the capital says nothing; a known name before is no first name.
    ['Traditionally China backs talks. Visiting Georgia, he spoke of “Contain China” threats.', '2019-06-21', ['China → China', 'Georgia → Georgia', 'China → China']],
    ['He flew to Jordan, then Israel; the Egypt Jordan border held.', '2019-06-21', ['Jordan → Jordan', 'Israel → Israel', 'Egypt → Egypt', 'Jordan → Jordan']],
    ['# Why Jordan Matters', '2019-06-21', ['Jordan → Jordan']],
    ['migrants from Central America and New Mexico, not from Eastern Ukraine', '2019-06-21', ['Ukraine → Ukraine']],
    // Michelle Obama is in the compiled base (First Lady), under her own name.
    ['he met Ivanka Trump and Michelle Obama; later President Trump and Mr. Obama spoke', '2019-06-21', ['Michelle Obama → Michelle Obama', 'President Trump → Donald Trump', 'Mr. Obama → Barack Obama']],
  ],
  'surnames that are ordinary words': [
    ['Theresa May spoke. Mrs May said so, and Prime Minister May agreed. In May, May was tired.', '2019-06-21', ['Theresa May → Theresa May', 'Mrs May → Theresa May', 'Prime Minister May → Theresa May']],
    ['Mr. Ban replied; Secretary-General Ban agreed.', '2010-06-21', ['Mr. Ban → Ban Ki-moon', 'Secretary-General Ban → Ban Ki-moon']],
    ['Ban Ki-moon spoke. Ban on imports was lifted; Ban said nothing.', '2010-06-21', ['Ban Ki-moon → Ban Ki-moon']],
    ['May brought rain.', '2019-06-21', []],
  ],
};

for (const [problem, table] of Object.entries(FIX_TABLES)) {
  for (const [text, date, expected] of table) {
    test(`recognition (${problem}) on ${date}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(recognize(text, date).map((m) => `${m.text} → ${m.name}`), expected);
    });
  }
}

/** Op-ed-like paragraphs full of capitalised ordinary words, names we do not know and lookalikes. */
const UNSEEN: Array<[string, string[]]> = [
  [
    'In May the ministers met again, and the talks ran into June. Ban on exports of rice was the first item; Martin Luther King Jr. was quoted, and Fox News carried the speech. A brown envelope changed hands. Park rangers said the Moon was full. Costa Coffee opened near Howard University.',
    ['Martin Luther King Jr → Martin Luther King Jr.', 'Fox News → Fox News'],
  ],
  [
    'Harper Collins will publish the memoir. Kim Kardashian was there, as was Lee Child. Carter, a retired colonel, asked about Bush fires. Brown University released a study; Li said it was good, and Wen said nothing. A Major General spoke, as did Howard Stern.',
    [],
  ],
  [
    'Will the deal survive? The Prime Minister of the United Kingdom says yes; Mr. Trump says no. Moon Jae-in met Kim Jong Un; Moon said peace was near, and Kim agreed. Russia Today and the Japan Times disagreed.',
    ['Prime Minister of the United Kingdom → Theresa May', 'United Kingdom → United Kingdom', 'Mr. Trump → Donald Trump', 'Moon Jae-in → Moon Jae-in', 'Kim Jong Un → Kim Jong Un', 'Moon → Moon Jae-in', 'Kim → Kim Jong Un', 'Russia Today → RT (Russia Today)'],
  ],
];

for (const [text, expected] of UNSEEN) {
  test(`recognition on an unseen paragraph: ${JSON.stringify(text.slice(0, 40))}…`, () => {
    assert.deepEqual(recognize(text).map((m) => `${m.text} → ${m.name}`), expected);
  });
}

test('recognition: an abbreviated honorific keeps its full stop and is no stray punctuation', () => {
  const text = 'Mr. Ban replied.';
  const [ban] = recognize(text, '2010-06-21');
  assert.equal(ban?.title?.text, 'Mr.');
  assert.equal(ban?.title?.strayPunctuation, false);
  assert.equal(ban?.title?.held, undefined);
  assert.equal(text.slice(ban.nameRange.start, ban.nameRange.end), 'Ban');
});

test('recognition: mentions carry exact ranges, forms and titles', () => {
  const text = 'President Xi Jin Ping met President Kim.';
  const [xi, kim] = recognize(text);
  assert.equal(text.slice(xi!.start, xi!.end), 'Xi Jin Ping');
  assert.equal(xi!.form, 'misspelling');
  assert.equal(xi!.title?.held, true);
  assert.equal(kim!.form, 'title');
  assert.equal(kim!.title?.held, false);
  assert.deepEqual([kim!.nameRange.start, kim!.nameRange.end], [text.indexOf('Kim'), text.indexOf('Kim') + 3]);
});

test('recognition: the sample names every expected entity', () => {
  const source = readFileSync(SAMPLE, 'utf8');
  const mentions = recognize(source);
  const names = new Set(mentions.map((m) => m.name));
  for (const name of ['Xi Jinping', 'Kim Jong Un', 'Donald Trump', 'Vladimir Putin', 'Moon Jae-in', 'Sino-North Korean Mutual Aid and Cooperation Friendship Treaty', 'Korean War', 'Belt and Road Initiative', '2019 G20 Osaka summit', 'United Nations', 'UN Security Council sanctions on North Korea', 'Six-Party Talks', 'China', 'North Korea', 'South Korea', 'United States', 'Russia', 'Japan', 'Singapore', 'Vietnam', 'Pyongyang', 'Beijing', 'Korean Peninsula']) {
    assert.ok(names.has(name), name);
  }
  for (const m of mentions) assert.equal(source.slice(m.start, m.end), m.text);
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  assert.deepEqual(mentions, sorted);
  // The title is not part of the front matter: nothing is recognised there.
  assert.ok(mentions.every((m) => m.start > source.indexOf('---', 3)));
});

test('recognition: bad input never throws and empty knowledge finds nothing', () => {
  for (const text of ['', '(((', 'President', 'President.', 'North Korea (', 'Sino-North Korean (NK', '\u0000\uFFFF', 'x'.repeat(10000)]) {
    assert.doesNotThrow(() => recognize(text));
  }
  assert.deepEqual(recognizeEntities(buildProseDocument('Xi Jinping'), on('2019-06-21'), {}), []);
});

function cardFor(text: string, date: string, pick: (m: RecognizedMention) => boolean): string {
  const mentions = recognize(text, date);
  const mention = mentions.find(pick);
  assert.ok(mention, 'mention');
  return entityCard(mention, mentions, on(date), bundledKnowledge());
}

test('card: North Korea shows its land borders from the country data', () => {
  const card = cardFor('North Korea (NK) and NK.', '2019-06-21', (m) => m.text === 'North Korea');
  assert.match(card, /Land borders: China, Russia, South Korea/);
  assert.match(card, /Capital: Pyongyang/);
  assert.match(card, /Led on 21 June 2019 by Kim Jong Un/);
  assert.match(card, /Mentioned 3 times/);
});

test('card: "President Kim" in 2019 says the title is wrong and lists his 2019 offices', () => {
  const card = cardFor('President Kim met President Xi.', '2019-06-21', (m) => m.name === 'Kim Jong Un');
  assert.match(card, /\*\*Title:\*\* "President" is not a title Kim Jong Un held on 21 June 2019/);
  assert.match(card, /Chairman of the Workers' Party of Korea/);
  assert.match(card, /Chairman of the State Affairs Commission/);
  assert.match(card, /Age 35/);
});

test('card: "President Kim" in 2022 is right, and the offices change with the date', () => {
  const card = cardFor('President Kim spoke.', '2022-06-21', (m) => m.name === 'Kim Jong Un');
  assert.doesNotMatch(card, /\*\*Title:\*\*/);
  assert.match(card, /General Secretary of the Workers' Party of Korea/);
});

test('card: a misspelling is named with the usual spelling; facts carry sources', () => {
  const card = cardFor('President Xi Jin Ping visited.', '2019-06-21', () => true);
  assert.match(card, /written "Xi Jin Ping" here; the usual spelling is \*\*Xi Jinping\*\*/);
  assert.match(card, /President of the People's Republic of China \(since 14 March 2013\)/);
  assert.match(card, /Age 66 \(born 15 June 1953\)/);
  assert.match(card, /\(\[source\]\(https?:\/\//);
  assert.match(card, /Mentioned once/);
});

test('card: as of an earlier date, Xi was Vice-President and Hu Jintao was alive and in office', () => {
  const xi = cardFor('Xi Jinping visited.', '2009-01-01', () => true);
  const on2009 = /On 1 January 2009: ([^.]*)\./.exec(xi)?.[1] ?? '';
  assert.match(on2009, /Vice-President of the People's Republic of China/);
  assert.doesNotMatch(on2009, /General Secretary/);
  // The offices after the date are on a line of their own.
  assert.match(xi, /Later: [^\n]*General Secretary of the Communist Party of China from 2012/);
  const kimIlSung = cardFor('Kim Il Sung', '2019-06-21', () => true);
  assert.match(kimIlSung, /Died 8 July 1994 \(aged 82\); not alive on 21 June 2019/);
});

test('card: a treaty shows its milestones and marks those after the date', () => {
  const card = cardFor('the Sino-North Korean treaty', '2019-06-21', () => true);
  assert.match(card, /Signed: 11 July 1961/);
  assert.match(card, /In force: from 10 September 1961/);
  assert.match(card, /Renewed: July 2021 \*\(after the reference date\)\*/);
});

test('mentionAt: the innermost mention wins', () => {
  const text = "with South Korea's president today";
  const mentions = recognize(text);
  assert.equal(mentionAt(mentions, text.indexOf('Korea'))?.name, 'South Korea');
  assert.equal(mentionAt(mentions, text.indexOf('president'))?.name, 'Moon Jae-in');
  assert.equal(mentionAt(mentions, text.indexOf('today')), undefined);
});

const pack = (text: string, path = 'w/people.yaml', origin: KnowledgeSource['origin'] = 'workspace'): KnowledgeSource => ({ path, text, origin });

/** [pack text, field, line, message] */
const BAD_PACKS: Array<[string, string, number, RegExp]> = [
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: human\n    summary: s\n', 'entities[0].type', 5, /must be one of: person, treaty/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: person\n', 'entities[0].summary', 3, /is required/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: person\n    summary: s\n    roles:\n      - title: T\n        from: 2019-13-01\n', 'entities[0].roles[0].from', 9, /YYYY-MM-DD/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: person\n    summary: s\n    facts:\n      - text: t\n        source: not a url\n', 'entities[0].facts[0].source', 9, /http\(s\) URL/],
  ['kind: entities\nentities:\n  - id: guessed-id\n    name: X\n    type: person\n    summary: s\n', 'entities[0].id', 3, /Wikidata id/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: person\n    summary: s\n    colour: red\n', 'entities[0].colour', 7, /not a known field/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: person\n    summary: s\n    roles:\n      - title: T\n        of: Q999999999\n', 'entities[0].roles[0].of', 9, /Unknown entity id Q999999999/],
  ['kind: entities\nentities:\n  - id: Q1\n    name: X\n    type: country\n    iso: ZZ\n    summary: s\n', 'entities[0].iso', 6, /No country with ISO code ZZ/],
];

for (const [text, field, line, message] of BAD_PACKS) {
  test(`pack validation: ${field} on line ${line}`, () => {
    const { problems } = compileKnowledge([pack(text)]);
    const p = problems.find((x) => x.field === field);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.path, 'w/people.yaml');
    assert.equal(p.line, line);
    assert.match(p.message, message);
  });
}

test('pack validation: a bad entry is skipped, the rest of the pack works', () => {
  const text = 'kind: entities\nentities:\n  - id: Q1\n    name: Bad One\n    type: nobody\n    summary: s\n  - id: mg:good\n    name: Good Person\n    type: person\n    summary: s\n';
  const { knowledge, problems } = compileKnowledge([pack(text)]);
  assert.equal(problems.length, 1);
  const names = recognizeEntities(buildProseDocument('Good Person and Bad One'), on('2019-06-21'), knowledge).map((m) => m.name);
  assert.deepEqual(names, ['Good Person']);
});

test('packs: a workspace entry overrides the bundled one with the same id; bundled duplicates are reported', () => {
  const bundled = pack('kind: entities\nentities:\n  - id: mg:a\n    name: Alpha Person\n    type: person\n    summary: ours\n', 'b.yaml', 'bundled');
  const user = pack('kind: entities\nentities:\n  - id: mg:a\n    name: Alpha Person\n    type: person\n    aliases: [Al Person]\n    summary: theirs\n');
  const { knowledge, problems } = compileKnowledge([user, bundled]);
  assert.deepEqual(problems, []);
  const [m] = recognizeEntities(buildProseDocument('Al Person'), on('2019-06-21'), knowledge);
  assert.match(entityCard(m!, [m!], on('2019-06-21'), knowledge), /theirs/);
  const dup = compileKnowledge([bundled, { ...bundled, path: 'c.yaml' }]);
  assert.equal(dup.problems.length, 1);
  assert.match(dup.problems[0]!.message, /Duplicate id mg:a/);
  assert.equal(dup.problems[0]!.path, 'c.yaml');
  assert.equal(dup.problems[0]!.line, 3);
});

test('packs: bareSurname: false keeps title forms and drops the bare surname', () => {
  const entry = (extra: string): KnowledgeSource =>
    pack(`kind: entities\nhonorifics: [Dr]\nentities:\n  - id: mg:ann-rose\n    name: Ann Rose\n    type: person\n    surname: Rose\n${extra}    summary: s\n`);
  const text = 'Ann Rose spoke. Rose said little. Dr Rose agreed.';
  const names = (source: KnowledgeSource): string[] => {
    const { knowledge, problems } = compileKnowledge([source]);
    assert.deepEqual(problems, []);
    return recognizeEntities(buildProseDocument(text), on('2019-06-21'), knowledge).map((m) => m.text);
  };
  assert.deepEqual(names(entry('')), ['Ann Rose', 'Rose', 'Dr Rose']);
  assert.deepEqual(names(entry('    bareSurname: false\n')), ['Ann Rose', 'Dr Rose']);
  const bad = compileKnowledge([entry('    bareSurname: "no"\n')]).problems;
  assert.equal(bad[0]?.field, 'entities[0].bareSurname');
  assert.equal(bad[0]?.line, 8);
  assert.match(bad[0]!.message, /boolean/);
});
