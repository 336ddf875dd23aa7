import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../server/src/core/analyze.js';
import { compileKnowledge, type KnowledgeSource } from '../../server/src/core/knowledge.js';
import { lexiconOf } from '../../server/src/core/lexicon/compile.js';
import type { Finding } from '../../server/src/core/types.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const LEXICON_DIR = join(ROOT, 'server', 'knowledge', 'lexicon');
const bundled: KnowledgeSource[] = readdirSync(LEXICON_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ path: `server/knowledge/lexicon/${f}`, text: readFileSync(join(LEXICON_DIR, f), 'utf8'), origin: 'bundled' }));
const { knowledge, problems } = compileKnowledge(bundled);

function loaded(source: string, options: Record<string, unknown> = {}): Finding[] {
  return analyze(source, { today: '2019-06-21', knowledge, ruleOptions: { 'loaded-term': options } }).findings.filter((f) => f.ruleId === 'loaded-term');
}

describe('loaded-term: the bundled lexicon', () => {
  test('compiles with no problems and several hundred entries', () => {
    assert.deepEqual(problems, []);
    const lexicon = lexiconOf(knowledge);
    assert.ok(lexicon);
    assert.ok(lexicon.entries.length >= 300, `${lexicon.entries.length} entries`);
    for (const e of lexicon.entries) {
      assert.ok(e.note.length > 0 && e.source.title.length > 0, e.term);
      if (!e.neutral) assert.ok(lexicon.categories.has(e.category), `${e.term}: ${e.category}`);
    }
  });
});

describe('loaded-term: the reference sample', () => {
  const sample = readFileSync(join(ROOT, 'samples', 'warmth-returns.md'), 'utf8');
  const texts = loaded(sample).map((f) => f.text);
  const must = ['extraordinary significance', '\u201Cblood\u201D', 'sacrificed precious lives', 'mega initiative', '\u201CContain China\u201D', 'left with no option', 'directly threatening', 'ailing economy', 'Definitely', 'the best mediator', 'It is natural'];
  for (const text of must) test(`flags ${text}`, () => assert.ok(texts.includes(text), texts.join(' | ')));
  for (const word of ['subjected', 'armed attack', 'Chinese', 'American', 'attack', 'weapons']) {
    test(`does not flag ${word}`, () => assert.ok(!texts.some((t) => t.includes(word)), texts.join(' | ')));
  }
});

interface Case {
  text: string;
  /** The flagged text, or null when nothing may be flagged. */
  flag: string | null;
  category?: string;
}

const HITS: Case[] = [
  { text: 'The plan was a devastating blow to farmers.', flag: 'devastating', category: 'Emotive framing' },
  { text: 'The minister threatens to resign and directly threatens the coalition.', flag: 'directly threatens', category: 'Emotive framing' },
  { text: 'It is only natural that both sides agree.', flag: 'It is only natural', category: 'Editorialising' },
  { text: 'Clearly, the talks failed.', flag: 'Clearly', category: 'Editorialising' },
  { text: 'There is no doubt that the deal will hold.', flag: 'There is no doubt that', category: 'Editorialising' },
  { text: 'The country had no choice but to respond.', flag: 'had no choice but', category: 'Editorialising' },
  { text: 'She is the greatest negotiator of her time.', flag: 'the greatest negotiator', category: 'Editorialising' },
  { text: 'The famous visionary opened a world-class museum.', flag: 'visionary', category: 'Puffery' },
  { text: 'The museum is world-class.', flag: 'world-class', category: 'Puffery' },
  { text: 'The senator is a liar.', flag: 'liar', category: 'Name-calling' },
  { text: 'The regime\u2019s cronies met on Sunday.', flag: 'cronies', category: 'Emotive framing' },
  { text: 'The so-called experts disagreed.', flag: 'so-called', category: 'Scare quotes' },
  { text: 'Both capitals treat them as \u201Cenemy\u201D combatants.', flag: '\u201Cenemy\u201D', category: 'Scare quotes' },
  { text: 'Experts say the bridge is unsafe.', flag: 'Experts say', category: 'Unsupported attribution' },
  { text: 'Prices were extremely high.', flag: 'extremely', category: 'Intensifier' },
  { text: 'It was the worst crisis ever.', flag: 'the worst crisis ever', category: 'Hyperbole' },
  { text: 'He has told countless lies.', flag: 'countless', category: 'Hyperbole' },
  { text: 'The ailing industry cut jobs.', flag: 'ailing industry', category: 'Emotive framing' },
  { text: 'They sacrificed their lives.', flag: 'sacrificed their lives', category: 'Emotive framing' },
  // A short quotation with no speaker in its sentence: whose word it is goes unsaid.
  { text: 'The bishop dismissed the protesters as \u201Clefties\u201D and moved on.', flag: 'lefties', category: 'Contentious label' },
  { text: 'The ministry has become a cesspool.', flag: 'cesspool', category: 'Emotive framing' },
  { text: 'Their critics are bloodsuckers.', flag: 'bloodsuckers', category: 'Name-calling' },
  // Punctuation inside the marks (American style) does not make a fragment a clause.
  { text: 'The candidate is a \u201Ccrazy, crazy,\u201D man.', flag: 'crazy', category: 'Emotive framing' },
];

const MISSES: Case[] = [
  { text: 'Forecasters expect a severe winter.', flag: null },
  { text: 'It was the best-selling novel of the year.', flag: null },
  { text: 'The agency published its annual threat assessment.', flag: null },
  { text: 'He said the plan was \u201Ca devastating blow to farmers and their families.\u201D', flag: null },
  { text: 'The minister said: \u201Cridiculous\u201D.', flag: null },
  { text: '> The ailing economy is a disaster, the report says.', flag: null },
  { text: 'The treaty applies if a member is \u201Csubjected to an armed attack by any state or states\u201D.', flag: null },
  { text: 'Chinese and American troops held joint exercises with new weapons.', flag: null },
  { text: 'She read \u201CWar and Peace\u201D twice.', flag: null },
  { text: 'The best way to travel is by train.', flag: null },
  { text: 'Use `devastating` in code, or [a link](https://example.com/devastating).', flag: null },
  { text: '---\ntitle: A devastating review\n---\nThe review was short.', flag: null },
  { text: 'The tax regime changed in 2018.', flag: null },
  // A speaker anywhere earlier in the sentence makes a short quotation a partial quotation.
  { text: 'The minister said on Tuesday that the new plan would bring \u201Creal\u201D relief.', flag: null },
  // A quotation followed by a preposition or a participle labels no noun.
  { text: 'The mayor will introduce \u201Cregulations\u201D after the ruling.', flag: null },
  { text: 'Past \u201Cinvestigations\u201D conducted by the board found nothing.', flag: null },
  { text: 'The style guide lists weasel words to avoid.', flag: null },
  // Punctuation inside the marks closes the phrase: it labels no noun after it.
  { text: 'The documents are full of \u201Ctime bombs,\u201D ambiguities and gaps.', flag: null },
];

describe('loaded-term: hits', () => {
  for (const c of HITS) {
    test(c.text, () => {
      const found = loaded(c.text);
      const f = found.find((x) => x.text === c.flag);
      assert.ok(f, `expected ${c.flag}; got ${found.map((x) => x.text).join(' | ') || 'nothing'}`);
      if (c.category) assert.ok(f.message.startsWith(c.category), f.message);
    });
  }
});

describe('loaded-term: false positives', () => {
  for (const c of MISSES) {
    test(c.text.replace(/\n/g, ' '), () => {
      const texts = loaded(c.text).map((f) => f.text);
      assert.deepEqual(texts.filter((t) => !/^(?:Chinese|American)$/.test(t)), [], texts.join(' | '));
    });
  }
});

describe('loaded-term: findings', () => {
  test('strong entries warn, possible entries inform', () => {
    const [strong] = loaded('The results were devastating.');
    const [possible] = loaded('The result was a disaster.');
    assert.equal(strong?.severity, 'warning');
    assert.equal(possible?.severity, 'info');
  });

  test('detail explains category, note, alternatives and source', () => {
    const [f] = loaded('The ailing economy shrank.');
    assert.ok(f?.detail);
    assert.match(f.detail, /Emotive framing/);
    assert.match(f.detail, /sickness metaphor/);
    assert.match(f.detail, /struggling economy/);
    assert.match(f.detail, /Source:/);
  });

  test('one replacement per alternative, capitalised as written, then the ignore command', () => {
    const source = 'Ailing economy aside, trade grew.';
    const [f] = loaded(source);
    assert.ok(f);
    const replacements = f.suggestions.filter((s) => s.replacement !== undefined);
    assert.deepEqual(replacements.map((s) => s.replacement), ['Struggling economy', 'Weak economy', 'Shrinking economy']);
    assert.deepEqual(replacements[0]!.edits, [{ start: 0, end: 14, newText: 'Struggling economy' }]);
    const ignore = f.suggestions.at(-1)!;
    assert.deepEqual(ignore.edits, []);
    assert.deepEqual(ignore.command, { id: 'marginalia.appendRuleOption', args: ['loaded-term', 'ignore', 'ailing economy'] });
  });

  test('scare quotes offer to remove the marks', () => {
    const source = 'They are \u201Cblood\u201D relations.';
    const [f] = loaded(source);
    assert.equal(f?.text, '\u201Cblood\u201D');
    const remove = f.suggestions[0]!;
    let out = source;
    for (const e of [...remove.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, 'They are blood relations.');
  });
  test('a loaded word quoted with no speaker says so and offers no rewording of the quotation', () => {
    const [f] = loaded('The bishop dismissed the report as \u201Cshocking\u201D and moved on.');
    assert.equal(f?.text, 'shocking');
    assert.match(f.message, /quotation marks that name no speaker/);
    assert.ok(f.suggestions.every((s) => !s.title.startsWith('Replace')), f.suggestions.map((s) => s.title).join(' | '));
  });
});

describe('loaded-term: options', () => {
  test('ignore drops a term by its lexicon wording or as written', () => {
    assert.deepEqual(loaded('The devastating storm passed.', { ignore: ['Devastating'] }), []);
    assert.deepEqual(loaded('They are \u201Cblood\u201D relations.', { ignore: ['blood'] }), []);
  });

  test('extra adds terms with a category, note and alternatives', () => {
    const [f] = loaded('The reform is a boondoggle.', { extra: [{ term: 'boondoggle{,s}', category: 'emotive-framing', note: 'House style.', alternatives: ['project'] }] });
    assert.equal(f?.text, 'boondoggle');
    assert.match(f.message, /^Emotive framing/);
    assert.equal(f.suggestions[0]?.replacement, 'project');
  });

  test('categories turn a category off or change its severity', () => {
    assert.deepEqual(loaded('The results were devastating.', { categories: { 'emotive-framing': 'off' } }), []);
    assert.equal(loaded('The results were devastating.', { categories: { 'emotive-framing': 'hint' } })[0]?.severity, 'hint');
  });

  test('malformed options are ignored, never thrown', () => {
    assert.equal(loaded('The results were devastating.', { ignore: 'x', extra: [null, 3, { term: '{' }], categories: ['off'] }).length, 1);
  });

  test('without the lexicon only configured terms and scare quotes are found', () => {
    const findings = analyze('A boondoggle, devastating.', { today: '2019-06-21', ruleOptions: { 'loaded-term': { extra: [{ term: 'boondoggle', category: 'house' }] } } }).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'loaded-term').map((f) => f.text), ['boondoggle']);
  });
});

describe('loaded-term: bad input never throws', () => {
  for (const text of ['', '\u201C', '"""', '\u201Cunclosed quote', '> \u201C', '\u0000\uFFFF\uD800', 'a'.repeat(10_000), '\u201Ca\u201D\u201Cb\u201D']) {
    test(JSON.stringify(text.slice(0, 20)), () => {
      const r = analyze(text, { today: '2019-06-21', knowledge });
      assert.deepEqual(r.failures, []);
    });
  }
});

describe('loaded-term: the lexicon compiler reports bad packs', () => {
  const compile = (text: string) => compileKnowledge([{ path: 'bad.yaml', text, origin: 'workspace' }]);

  test('schema problems name file, line and field', () => {
    const { problems: p } = compile(['kind: lexicon', 'entries:', '  - term: awful', '    category: emotive-framing', '    tier: loud', '    note: Bad tier.', '    source: https://example.com/awful', '  - term: dire', '    tier: strong', '    note: No category.', '    source: https://example.com/dire', ''].join('\n'));
    const tier = p.find((x) => x.field === 'entries[0].tier');
    assert.ok(tier, JSON.stringify(p));
    assert.equal(tier.path, 'bad.yaml');
    assert.equal(tier.line, 5);
    assert.match(tier.message, /"strong", "possible"/);
    const missing = p.find((x) => x.field === 'entries[1].category');
    assert.ok(missing, JSON.stringify(p));
    assert.equal(missing.line, 8);
    assert.match(missing.message, /required/);
  });

  test('unknown source keys, unknown categories and unreadable wordings are located', () => {
    const { problems: p } = compile(
      [
        'kind: lexicon',
        'categories:',
        '  house: { label: House, description: Our style., source: https://example.com/style }',
        'entries:',
        '  - { term: awful, category: house, tier: strong, note: x, source: nowhere }',
        '  - { term: dire, category: missing, tier: strong, note: x, source: https://example.com/dire }',
        '  - { term: "good (very)", category: house, tier: strong, note: x, source: https://example.com/good }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      p.map((x) => [x.field, x.line]),
      [
        ['entries[0].source', 5],
        ['entries[2].term', 7],
        ['entries[1].category', 6],
      ],
    );
  });

  test('a workspace pack overrides a bundled wording', () => {
    const workspace: KnowledgeSource = {
      path: 'mine.yaml',
      origin: 'workspace',
      text: 'kind: lexicon\nentries:\n  - { term: devastating, category: hyperbole, tier: possible, note: Ours., source: https://example.com/ours }\n',
    };
    const k = compileKnowledge([workspace, ...bundled]).knowledge;
    const [f] = analyze('The results were devastating.', { today: '2019-06-21', knowledge: k }).findings.filter((x) => x.ruleId === 'loaded-term');
    assert.match(f?.message ?? '', /^Hyperbole .*Ours\./);
  });
});

test('loaded-term: tokens of some blocks over the whole prose are the document tokens in those blocks', async () => {
  // The server's window around an edit passes a few blocks with the document's own prose;
  // the tokenizer must give exactly the tokens a whole-document pass gives in those blocks.
  const { buildProseDocument } = await import('../../server/src/core/prose.js');
  const { tokenize } = await import('../../server/src/core/lexicon/tokens.js');
  const source = readFileSync(join(ROOT, 'samples', 'warmth-returns.md'), 'utf8');
  const doc = buildProseDocument(source);
  const all = tokenize(doc);
  assert.ok(doc.blocks.length >= 10, `${doc.blocks.length} blocks`);
  for (const [v0, v1] of [[0, 3], [4, 8], [doc.blocks.length - 3, doc.blocks.length]] as const) {
    const blocks = doc.blocks.slice(v0, v1);
    const from = blocks[0]!.start;
    const to = blocks[blocks.length - 1]!.end;
    const sentences = doc.sentences.filter((s) => s.start >= from && s.start < to).map((s) => ({ ...s, block: s.block - v0 }));
    const expected = all.filter((t) => t.block >= v0 && t.block < v1).map((t) => ({ ...t, block: t.block - v0 }));
    assert.deepEqual(tokenize({ ...doc, blocks, sentences }), expected, `blocks ${v0}..${v1}`);
  }
});
