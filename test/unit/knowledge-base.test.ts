import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { entityCard, recognizeNames, type RecognizedMention } from '../../server/src/core/entities/index.js';
import type { ReferenceDate } from '../../server/src/core/types.js';
import { bundledKnowledge, run } from '../helpers.js';

/**
 * Linking against the compiled base (Wikidata office holders, the US Congress data,
 * Archigos): names resolved by the offices held on the reference date, ambiguity never
 * resolved into a wrong card, and cards as of the date.
 */

const on = (date: string): ReferenceDate => ({ date, source: 'cli', basis: 'the --reference-date option' });

function names(text: string, date: string): RecognizedMention[] {
  return recognizeNames(buildProseDocument(text), on(date), bundledKnowledge());
}

function shown(m: RecognizedMention): string {
  if (m.form === 'ambiguous') return `${m.text} → which one? ${m.candidates!.length}`;
  if (m.form === 'unknown') return `${m.text} → unknown`;
  return `${m.text} → ${m.name}`;
}

/** [text, date, expected mentions as "source text → entity name"] */
const LINKING: Record<string, Array<[string, string, string[]]>> = {
  'the issue\'s paragraph': [
    [
      'Israeli Prime Minister Benjamin Netanyahu addressed Congress. Speaker John Boehner invited him; Nancy Pelosi objected. Vice President Mike Pence spoke.',
      '2015-03-03',
      ['Benjamin Netanyahu → Benjamin Netanyahu', 'Congress → United States Congress', 'John Boehner → John Boehner', 'Nancy Pelosi → Nancy Pelosi', 'Mike Pence → Mike Pence'],
    ],
  ],
  'one string, different people by date': [
    ['President Johnson signed the bill.', '1965-03-01', ['President Johnson → Lyndon B. Johnson']],
    ['Prime Minister Johnson spoke.', '2020-03-01', ['Prime Minister Johnson → Boris Johnson']],
    ['Sen. Johnson spoke.', '2014-06-01', ['Sen. Johnson → which one? 2']],
    ['Sen. Johnson spoke.', '2020-06-01', ['Sen. Johnson → Ron Johnson']],
    ['Speaker Boehner spoke.', '2014-06-01', ['Speaker Boehner → John Boehner']],
    ['Speaker Ryan spoke.', '2017-06-01', ['Speaker Ryan → Paul Ryan']],
    ['Rep. Ryan spoke.', '2015-06-01', ['Rep. Ryan → which one? 2']],
  ],
  'abbreviated titles and the forms of a name': [
    ['Gov. Christie met Sen. McConnell and Sen. Rubio.', '2014-06-01', ['Gov. Christie → Chris Christie', 'Sen. McConnell → Mitch McConnell', 'Sen. Rubio → Marco Rubio']],
    ['Lt. Gov. Kathy Hochul came.', '2016-06-01', ['Kathy Hochul → Kathy Hochul']],
    ['President Pena Nieto and President Peña Nieto', '2015-06-01', ['President Pena Nieto → Enrique Peña Nieto', 'President Peña Nieto → Enrique Peña Nieto']],
    ['Nancy Pelosi spoke; Pelosi’s aides and Pelosi agreed.', '2015-06-01', ['Nancy Pelosi → Nancy Pelosi', 'Pelosi → Nancy Pelosi', 'Pelosi → Nancy Pelosi']],
    ['Mr. Netanyahu came.', '2015-06-01', ['Mr. Netanyahu → Benjamin Netanyahu']],
    ['Paul Ryan, Mitch McConnell, Robert Mueller, Bernie Sanders, Neil Gorsuch, William Barr and James Mattis met.', '2019-06-01', ['Paul Ryan → Paul Ryan', 'Mitch McConnell → Mitch McConnell', 'Robert Mueller → Robert Mueller', 'Bernie Sanders → Bernie Sanders', 'Neil Gorsuch → Neil Gorsuch', 'William Barr → William Barr', 'James Mattis → James Mattis']],
  ],
  'names the knowledge does not hold, or cannot settle': [
    ['Speaker Smithers objected; Speaker Smithers left.', '2017-03-05', ['Speaker Smithers → unknown', 'Speaker Smithers → unknown']],
    ['Mr. Johnson spoke.', '2018-06-21', []],
    // A surname alone links only after a full mention (or when one prominent person has it, mid-sentence).
    ['Boehner spoke first.', '2014-06-01', []],
    ['Then Boehner spoke.', '2014-06-01', ['Boehner → John Boehner']],
    ['Then Boehner spoke.', '1980-06-01', []],
  ],
  'words, places and first names that are not people': [
    ['Mark my words: Will he come? Jordan and Chad and Georgia signed.', '2015-06-01', ['Jordan → Jordan', 'Chad → Chad', 'Georgia → Georgia']],
    ['The Prime Minister Office issued a statement; the Speaker Series goes on.', '2015-06-01', []],
    ['the president of the club and the minister of the parish', '2015-06-01', []],
  ],
};

for (const [topic, rows] of Object.entries(LINKING)) {
  for (const [text, date, expected] of rows) {
    test(`compiled base (${topic}) on ${date}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(names(text, date).map(shown), expected);
    });
  }
}

function card(text: string, date: string, pick: (m: RecognizedMention) => boolean): string {
  const all = names(text, date);
  const m = all.find(pick);
  assert.ok(m, `no mention in ${text}`);
  return entityCard(m, all, on(date), bundledKnowledge());
}

test('compiled cards: the office on the date with its start, the offices before and after, party, age and sources', () => {
  const pelosi = card('Nancy Pelosi objected.', '2015-03-03', () => true);
  assert.match(pelosi, /On 3 March 2015: House Minority Leader \(United States\) \(since 5 January 2011\)/);
  assert.match(pelosi, /United States Representative \(Democrat, California's 12th district; since 3 January 2013\)/);
  assert.match(pelosi, /Before: [^\n]*Speaker of the House of Representatives \(United States\) 2007–2011/);
  assert.match(pelosi, /Later: [^\n]*Speaker of the House of Representatives \(United States\) 2019–2023/);
  assert.match(pelosi, /Age 74 \(born 26 March 1940\)/);
  assert.match(pelosi, /Office data: unitedstates\/congress-legislators \(CC0\); Wikidata \(CC0\), via every-politician-scrapers/);
  const bibi = card('Benjamin Netanyahu spoke.', '2015-03-03', () => true);
  assert.match(bibi, /Prime Minister of Israel \(since 31 March 2009\)/);
  const pence = card('Mike Pence spoke.', '2015-03-03', () => true);
  assert.match(pence, /On 3 March 2015: Governor of Indiana \(since 14 January 2013\)/);
  assert.match(pence, /Later: Vice President of the United States \(Republican\) 2017–2021/);
});

test('compiled cards: the same person on other dates', () => {
  const before = card('Mike Pence spoke.', '2005-03-03', () => true);
  assert.match(before, /On 3 March 2005: United States Representative/);
  assert.match(before, /Later: [^\n]*Governor of Indiana 2013–2017/);
  const after = card('John Boehner spoke.', '2017-03-05', () => true);
  assert.match(after, /No office on 5 March 2017/);
  assert.match(after, /Formerly: [^\n]*Speaker of the House of Representatives \(United States\) 2011–2015/);
});

test('compiled cards: "which one?" lists the candidates, an unknown titled name says how often it is named', () => {
  const which = card('Sen. Johnson spoke.', '2014-06-01', () => true);
  assert.match(which, /which one\?/);
  assert.match(which, /Ron Johnson/);
  assert.match(which, /Tim Johnson/);
  const unknown = card('Speaker Smithers objected. Speaker Smithers left.', '2017-03-05', () => true);
  assert.match(unknown, /not in the bundled knowledge/);
  assert.match(unknown, /Named here as Speaker; mentioned 2 times/);
  assert.match(unknown, /Add to workspace knowledge pack/);
});

test('compiled base: unknown and ambiguous names are hover-only, never in the entities list', () => {
  const a = run('Sen. Johnson met Speaker Smithers and Sen. McConnell.', { referenceDate: { date: '2014-06-01', source: 'cli' } });
  assert.deepEqual(
    a.entities.map((m) => m.name),
    ['Mitch McConnell'],
  );
  assert.equal(a.names.length, 3);
});
