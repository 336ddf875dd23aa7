/**
 * The helpers of the entity eval sections, on fabricated input: they need no
 * ../shared/eval, so they run with the other tests and a wrong figure cannot hide in a
 * reader or a scorer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../../server/src/core/entities/model.js';
import type { RecognizedMention } from '../../server/src/core/entities/index.js';
import { bundledKnowledge } from '../helpers.js';
import { analyseArticle, toArticleRange, type ArticleMention, type EvalArticle } from './entities-corpus.js';
import { findTitledNames } from './entities-cards.js';
import { emptyScore, linkingRows, matchDbpedia, nameMention, scoreArticle, wikipediaTitleOf } from './entities-linking.js';
import { judge, judgementRows, readVerdicts, type TitleFinding } from './entities-title-hints.js';
import { markdownise } from './loaded-term.js';
import { dbpediaTitle, layOutTokens, readMeantime } from './meantime.js';

test('MEANTIME text: tokens laid out with their exact offsets, clitics and closing punctuation attached', () => {
  const words = ['Mary', 'Barra', "'s", '``', 'car', "''", ',', '(', 'GM', ')', 'said', '"', 'yes', '"', '.', 'Next', 'line', '.'];
  const { text, tokens } = layOutTokens(words.map((w, i) => ({ id: String(i + 1), sentence: i < 15 ? 0 : 1, text: w })));
  assert.equal(text, `Mary Barra's \`\`car'', (GM) said "yes".\nNext line.`);
  tokens.forEach((t, i) => assert.equal(text.slice(t.start, t.end), words[i]));
});

const XML = `<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">AT&amp;T</token>
<token number="1" sentence="0" t_id="2">hires</token>
<token number="2" sentence="0" t_id="3">Noël</token>
<token number="3" sentence="0" t_id="4">Forgeard</token>
<token number="4" sentence="1" t_id="5">May</token>
<token number="5" sentence="1" t_id="6">1</token>
<token number="6" sentence="1" t_id="7">,</token>
<token number="7" sentence="1" t_id="8">2007</token>
<token number="8" sentence="2" t_id="9">He</token>
<token number="9" sentence="2" t_id="10">left</token>
<token number="10" sentence="2" t_id="11">.</token>
<Markables>
<ENTITY_MENTION comment="" head="" m_id="10" syntactic_type="NAM">
<token_anchor t_id="3"/>
<token_anchor t_id="4"/>
</ENTITY_MENTION>
<ENTITY_MENTION comment="" head="" m_id="11" syntactic_type="PRO">
<token_anchor t_id="9"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="12">
  <token_anchor t_id="1"/>
</ENTITY_MENTION>
<TIMEX3 anchorTimeID="" functionInDocument="DATELINE_TIME" m_id="20" type="DATE" value="2007-05-01">
<token_anchor t_id="5"/>
</TIMEX3>
<ENTITY TAG_DESCRIPTOR="Noel Forgeard" ent_type="PER" external_ref="http://dbpedia.org/page/No%C3%ABl_Forgeard" instance_id="PER1" m_id="30"/>
<ENTITY TAG_DESCRIPTOR="AT&amp;T" ent_type="ORG" external_ref="" m_id="31"/>
</Markables>
<Relations>
<REFERS_TO r_id="1">
<source m_id="10"/>
<source m_id="11"/>
<target m_id="30"/>
</REFERS_TO>
<REFERS_TO r_id="2">
<source m_id="12"/>
<target m_id="31"/>
</REFERS_TO>
</Relations>
</Document>`;

test('MEANTIME reader: decoded tokens, mentions as character spans, referents, and the DCT', () => {
  const doc = readMeantime('t/1', XML);
  assert.equal(doc.text, 'AT&T hires Noël Forgeard\nMay 1, 2007\nHe left.');
  assert.deepEqual(
    doc.mentions.map((m) => [doc.text.slice(m.start, m.end), m.syntacticType, m.entities.map((e) => e.type).join()]),
    [
      ['AT&T', undefined, 'ORG'],
      ['Noël Forgeard', 'NAM', 'PER'],
      ['He', 'PRO', 'PER'],
    ],
  );
  assert.equal(doc.mentions[1]!.entities[0]!.dbpedia, 'http://dbpedia.org/page/No%C3%ABl_Forgeard');
  // No CREATION_TIME: the date on the dateline (sentence 1).
  assert.deepEqual([doc.dct, doc.dctSource], ['2007-05-01', 'dateline']);
  const marked = readMeantime('t/2', XML.replace('functionInDocument="DATELINE_TIME"', 'functionInDocument="CREATION_TIME"'));
  assert.deepEqual([marked.dct, marked.dctSource], ['2007-05-01', 'creation-time']);
  const dayFirst = readMeantime('t/3', XML.replace('functionInDocument="DATELINE_TIME"', 'functionInDocument="CREATION_TIME"').replace('value="2007-05-01"', 'value="03-02-2009"'));
  assert.deepEqual([dayFirst.dct, dayFirst.dctSource], ['2009-02-03', 'creation-time-day-first']);
  assert.throws(() => readMeantime('t/4', XML.replace(/<TIMEX3[\s\S]*?<\/TIMEX3>/, '')), /t\/4: no document creation time/);
});

test('DBpedia resources as Wikipedia titles', () => {
  assert.equal(dbpediaTitle('http://dbpedia.org/resource/Michael_O%27Leary_(businessman)'), "Michael O'Leary (businessman)");
  assert.equal(dbpediaTitle('http://dbpedia.org/page/No%C3%ABl_Forgeard'), 'Noël Forgeard');
  assert.equal(dbpediaTitle('http://dbpedia.org/resource/S&P_500'), 'S&P 500');
  assert.equal(dbpediaTitle('https://example.org/Boeing'), undefined);
});

function entity(over: Partial<Entity> & { wikipedia?: string }): Entity {
  return { id: 'x', name: 'X', type: 'person', aliases: [], misspellings: [], roles: [], summary: '', facts: [], links: [], origin: { path: 'test' }, ...over };
}

test('our entity against a DBpedia resource: the wikipedia field, else the Wikipedia link, else the names', () => {
  const linked = entity({ name: 'Boeing', links: [{ title: 'Official site', url: 'https://www.boeing.com/' }, { title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/Boeing' }] });
  assert.deepEqual(wikipediaTitleOf(linked), { title: 'Boeing', method: 'wikipedia link' });
  assert.deepEqual(matchDbpedia(linked, 'Boeing'), { match: true, method: 'wikipedia link' });
  // A link decides even when the names would agree: "Airbus" is not the resource "Airbus Group".
  assert.deepEqual(matchDbpedia(entity({ name: 'Airbus Group', links: [{ title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/Airbus' }] }), 'Airbus Group'), { match: false, method: 'wikipedia link' });
  const encoded = entity({ links: [{ title: 'Wikipedia', url: "https://en.wikipedia.org/wiki/Michael_O%27Leary_(businessman)#Career" }] });
  assert.deepEqual(matchDbpedia(encoded, "Michael O'Leary (businessman)"), { match: true, method: 'wikipedia link' });
  const compiled = entity({ name: 'John Boehner', wikipedia: 'John Boehner', links: [{ title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/Speaker' }] });
  assert.deepEqual(matchDbpedia(compiled, 'John_Boehner'), { match: true, method: 'wikipedia field' });
  const bare = entity({ name: 'Noel Forgeard', aliases: ['Forgeard'] });
  assert.deepEqual(matchDbpedia(bare, 'Noël Forgeard'), { match: true, method: 'name' });
  assert.deepEqual(matchDbpedia(entity({ name: 'Michael Jordan' }), 'Michael Jordan (footballer)'), { match: true, method: 'name' });
  assert.deepEqual(matchDbpedia(bare, 'Louis Gallois'), { match: false, method: 'name' });
});

test('gold name mentions: typed NAM/PRE.NAM, or untyped and capitalised as a name', () => {
  const doc = readMeantime('t/1', XML);
  const cases: Array<[string, string | undefined, 'typed' | 'capitalised' | undefined]> = [
    ['the Air Force said', undefined, 'capitalised'],
    ['Bank of America fell', undefined, 'capitalised'],
    ['Apple CEO spoke', undefined, undefined],
    ['He spoke', undefined, undefined],
    ['The company spoke', undefined, undefined],
    ['Louis Gallois spoke', 'NAM', 'typed'],
    ['the Airbus chief spoke', 'NOM', undefined],
  ];
  for (const [sentence, type, expected] of cases) {
    const words = sentence.split(' ');
    const { text, tokens } = layOutTokens(words.map((w, i) => ({ id: String(i), sentence: 0, text: w })));
    const span = { start: 0, end: tokens[words.length - 2]!.end };
    const m = { mId: '1', ...span, discontinuous: false, entities: [], ...(type ? { syntacticType: type } : {}) };
    assert.equal(nameMention(m, { text, tokens }), expected, sentence);
  }
  assert.equal(nameMention(doc.mentions[0]!, doc), 'capitalised');
});

function ours(start: number, end: number, id: string, type: RecognizedMention['type']): ArticleMention {
  const mention: RecognizedMention = { id, name: id, type, text: '', start, end, form: 'name', nameRange: { start, end } };
  return { start, end, mention, name: { start, end } };
}

test('linking score: recall by kind of ours, accuracy by link, and ours outside gold', () => {
  const doc = readMeantime('t/1', XML);
  const forgeard = entity({ id: 'noel', name: 'Noël Forgeard', links: [{ title: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/No%C3%ABl_Forgeard' }] });
  const score = emptyScore();
  const at = (s: string): [number, number] => [doc.text.indexOf(s), doc.text.indexOf(s) + s.length];
  // AT&T recognised as a person does not recall an organisation; "Forgeard" is recalled and linked; "left" is outside gold.
  const mentions = [ours(...at('AT&T'), 'att', 'person'), ours(...at('Forgeard'), 'noel', 'person'), ours(...at('left'), 'someone', 'person')];
  scoreArticle(doc, mentions, (id) => (id === 'noel' ? forgeard : undefined), score);
  assert.deepEqual([score.kinds.PER.gold, score.kinds.PER.recalled, score.kinds.PER.linked, score.kinds.PER.correct], [1, 1, 1, 1]);
  assert.deepEqual([score.kinds.ORG.gold, score.kinds.ORG.recalled, score.kinds.ORG.recalledAnyType], [1, 0, 1]);
  assert.deepEqual(score.ours.PER, { total: 3, outside: 1 });
  assert.deepEqual([...score.missed], [['ORG AT&T', 1]]);
  const rows = linkingRows(score);
  const row = (set: string, metric: string) => rows.find((r) => r.set === set && r.metric === metric)!;
  assert.equal(row('meantime PER + ORG', 'mention recall').value, 0.5);
  assert.match(row('meantime people (PER)', 'linking accuracy').note!, /1\/1 by wikipedia link/);
});

test('an article analysed: mentions and their names mapped back through the Markdown escapes', () => {
  const text = '# Vladimir Putin met *Xi Jinping* on 21 June 2019\nSpeaker John Boehner_ spoke.';
  const { markdown, toArticle } = markdownise(text);
  const article: EvalArticle = { corpus: 'ptc', id: 'ptc/test/1', text, markdown, toArticle, today: '2019-06-21' };
  const a = analyseArticle(article, bundledKnowledge());
  assert.deepEqual(
    a.mentions.map((m) => text.slice(m.start, m.end)),
    a.mentions.map((m) => m.mention.text.replace(/\\(.)/g, '$1')),
  );
  assert.ok(a.mentions.some((m) => text.slice(m.start, m.end) === 'Xi Jinping'));
  assert.deepEqual([a.referenceDate.source, a.referenceDate.date], ['inferred', '2019-06-21']);
  assert.deepEqual(toArticleRange({ start: 0, end: 2 }, toArticle), { start: 0, end: 1 });
});

/** [text, expected "title|name" for each titled name] */
const TITLED: Array<[string, string[]]> = [
  ['Israeli Prime Minister Benjamin Netanyahu addressed Congress.', ['Prime Minister|Benjamin Netanyahu']],
  ['Speaker John Boehner invited him; Nancy Pelosi objected.', ['Speaker|John Boehner']],
  ['Vice President Mike Pence spoke.', ['President|Mike Pence']],
  ["Sen. McConnell's plan and Gov. Christie.", ['Sen.|McConnell', 'Gov.|Christie']],
  ['Secretary of State John Kerry and Speaker of the House Paul Ryan met.', ['Secretary of State|John Kerry', 'Speaker of the House|Paul Ryan']],
  ['President George W. Bush and President George W  Bush spoke.', ['President|George W. Bush', 'President|George W  Bush']],
  ['Mr Trump, Mrs. Clinton, Ms Dowd and Dr. Ford.', ['Mr|Trump', 'Mrs.|Clinton', 'Ms|Dowd', 'Dr.|Ford']],
  ['President Bashar al-Assad and Prime Minister Theresa May.', ['President|Bashar al-Assad', 'Prime Minister|Theresa May']],
  ['Rep. Nancy Pelosi Said nothing.', ['Rep.|Nancy Pelosi']],
  ["UN Secretary-General Ban Ki-moon and Chancellor Angela Merkel's views.", ['Secretary-General|Ban Ki-moon', 'Chancellor|Angela Merkel']],
  // Not titled names: lower-case titles, a title as a name, possessive titles, headlines.
  ['the president Obama and former senator Clinton', []],
  ['Thank you, Mr. President. The Prime Minister\'s Office said', []],
  ['President The plan', []],
  ['President Signs New Law On Taxes For Families', []],
  ['Mr Smith Goes To Washington Again', []],
  ['Mrs. or Mr. are titles; Dr. is too.', []],
];

test('titled names: the eval\'s own detector, hits and non-hits, with exact offsets', () => {
  for (const [text, expected] of TITLED) {
    const found = findTitledNames(text);
    assert.deepEqual(found.map((t) => `${t.title}|${t.name}`), expected, text);
    for (const t of found) {
      assert.equal(text.slice(t.nameStart, t.nameEnd), t.name);
      assert.ok(text.slice(t.start, t.nameStart).startsWith(t.title));
    }
  }
  const lines = findTitledNames('First line here.\nSpeaker John Boehner spoke.');
  assert.equal(lines[0]!.nameStart, 'First line here.\nSpeaker '.length);
});

test('wrong-title verdicts: malformed entries are problems, and the false-positive rate counts judged findings only', () => {
  const bad = readVerdicts('verdicts:\n  - { article: a, text: t, verdict: maybe, reason: r }\n  - { article: a, text: u, verdict: right }\n  - { article: a, text: v, verdict: wrong, reason: r }\n  - { article: a, text: v, verdict: right, reason: r }\n');
  assert.equal(bad.problems.length, 3);
  assert.match(bad.problems.join('\n'), /must be right or wrong[\s\S]*one-line `reason`[\s\S]*a second verdict/);
  assert.deepEqual(readVerdicts('[]').problems, ['entity-title-verdicts.yaml: expected a top-level `verdicts:` list']);
  const { verdicts, problems } = readVerdicts(
    [
      'verdicts:',
      '  - { article: ptc/train/1, text: Speaker Boehner, verdict: right, reason: left the speakership in October 2015 }',
      '  - { article: ptc/train/1, text: Vice President Biden, verdict: wrong, reason: the article is of 2012 }',
      '  - { article: ptc/dev/9, text: Secretary Clinton, verdict: right, reason: gone since 2013 }',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  const finding = (article: string, text: string): TitleFinding => ({ article, text, message: `${text} no longer fits`, sentence: `Then ${text} spoke.`, referenceDate: '2017-03-01' });
  const findings = [finding('ptc/train/1', 'Speaker Boehner'), finding('ptc/train/1', 'Speaker Boehner'), finding('ptc/train/1', 'Vice President Biden'), finding('ptc/train/2', 'President Obama')];
  const j = judge(findings, verdicts);
  assert.deepEqual([j.findings, j.right, j.wrong, j.unjudged.length, j.stale.map((v) => v.text)], [4, 2, 1, 1, ['Secretary Clinton']]);
  const [count, rate] = judgementRows(j);
  assert.equal(count!.value, 4);
  assert.equal(rate!.value, 1 / 3);
  assert.match(j.lines.join('\n'), /\[unjudged\] ptc\/train\/2 \(2017-03-01\) "President Obama"/);
  assert.equal(judgementRows(judge([finding('a', 'b')], [])).at(1)!.note, 'nothing judged yet');
});
