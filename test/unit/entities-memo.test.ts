import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { recognizeEntities, type RecognizedMention } from '../../server/src/core/entities/recognize.js';
import { useBlockMemos } from '../../server/src/core/text-memo.js';
import type { ReferenceDate } from '../../server/src/core/types.js';
import { bundledKnowledge, SAMPLE, seededRandom as rng } from '../helpers.js';

/**
 * Recognition reuses each block's result from earlier versions of a document while the
 * state carried in from earlier blocks (abbreviations the text defined, the person last
 * named under a surname) is what the block saw then. After every random edit, recognition
 * with the memo warm must equal recognition from scratch.
 */

const on = (date: string): ReferenceDate => ({ date, source: 'cli', basis: 'the --reference-date option' });

const PIECES = [
  'North Korea (NK)', 'South Korea (SK)', ' NK ', 'NK', ' SK.', '(NK)', '(', ')', 'North', ' Korea', 'Kim Jong Il', 'Kim Jong Un', ' Kim ', 'Kim',
  'President Kim', 'Hillary Clinton', 'Bill Clinton', ' Clinton ', 'President Clinton', 'Mr. Kim', 'President. Trump', 'Xi Jin Ping', 'U.S.',
  "South Korea's president", 'the Chinese leader', 'Fox', 'Vicente Fox', '\n\n', '\n', '# ', '## A Title Case Heading With Kim\n\n', '> ', '- ',
  ' ', '.', 'a', 'K', 'J',
];

const BLOCKS = [
  'North Korea (NK) said it would talk. Kim Jong Il had said so before.',
  'Later NK repeated it, and Kim spoke again; Hillary Clinton disagreed.',
  '## President Kim And The NK Talks',
  'President Clinton replied. Clinton then met Mr. Kim and South Korea (SK) officials.',
  'SK and NK met; Kim said the U.S. president would come. Vicente Fox stayed home, and Fox said nothing.',
];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.5) return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * (random() < 0.8 ? 4 : 40))));
  if (kind < 0.9) return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 8)));
  // Move a paragraph: the state a block starts with changes while its text does not.
  const blocks = text.split('\n\n');
  const [moved] = blocks.splice(Math.floor(random() * blocks.length), 1);
  blocks.splice(Math.floor(random() * (blocks.length + 1)), 0, moved!);
  return blocks.join('\n\n');
}

function cold(text: string, date: string): RecognizedMention[] {
  useBlockMemos(false);
  try {
    return recognizeEntities(buildProseDocument(text), on(date), bundledKnowledge());
  } finally {
    useBlockMemos(true);
  }
}

function warm(text: string, date: string): RecognizedMention[] {
  return recognizeEntities(buildProseDocument(text), on(date), bundledKnowledge());
}

test('entities: memoised recognition equals recognition from scratch over random edits', () => {
  const sample = readFileSync(SAMPLE, 'utf8');
  const random = rng(41);
  let text = `${BLOCKS.join('\n\n')}\n\n${sample}\n\n${BLOCKS.join('\n\n')}\n`;
  let abbreviations = 0;
  let coreferences = 0;
  for (let i = 0; i < 400; i++) {
    text = randomEdit(text, random);
    // The reference date sometimes changes too: who is "President Kim" depends on it.
    const date = i % 50 < 45 ? '2019-06-21' : '1998-06-21';
    const want = cold(text, date);
    assert.deepEqual(warm(text, date), want, `edit ${i + 1} differs from recognition from scratch`);
    abbreviations += want.filter((m) => m.form === 'abbreviation').length;
    coreferences += want.filter((m) => m.form === 'coreference').length;
  }
  // The edits must exercise the state carried between blocks.
  assert.ok(abbreviations > 400 && coreferences > 400, `${abbreviations} abbreviations, ${coreferences} coreferences`);
});

test('entities: a block reused from the memo follows the state that earlier blocks now leave', () => {
  const later = 'Officials said NK would talk, and Kim agreed.';
  const withDefinitions = `North Korea (NK) and Kim Jong Il.\n\n${later}\n`;
  const without = `North Korea and others.\n\n${later}\n`;
  const forms = (ms: RecognizedMention[]): string[] => ms.map((m) => `${m.text} → ${m.name} (${m.form})`);
  assert.deepEqual(forms(warm(withDefinitions, '2019-06-21')), [
    'North Korea → North Korea (name)',
    'NK → North Korea (abbreviation)',
    'Kim Jong Il → Kim Jong Il (name)',
    'NK → North Korea (abbreviation)',
    'Kim → Kim Jong Il (coreference)',
  ]);
  assert.deepEqual(forms(warm(without, '2019-06-21')), ['North Korea → North Korea (name)']);
  assert.deepEqual(warm(withDefinitions.replace('Kim Jong Il', 'Kim Jong Un'), '2019-06-21'), cold(withDefinitions.replace('Kim Jong Il', 'Kim Jong Un'), '2019-06-21'));
});

test('entities: mentions replayed from the memo are fresh objects at the new offsets', () => {
  const text = 'Xi Jinping met President Kim.\n\nPresident. Trump came later.\n';
  const first = warm(text, '2019-06-21');
  first[0]!.name = 'changed by a caller';
  first[1]!.title!.start = -1;
  const shifted = warm(`Intro.\n\n${text}`, '2019-06-21');
  assert.deepEqual(shifted, cold(`Intro.\n\n${text}`, '2019-06-21'));
  assert.equal(shifted[0]!.start, 8);
  assert.equal(shifted[0]!.name, 'Xi Jinping');
});
