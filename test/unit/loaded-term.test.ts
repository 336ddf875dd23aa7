import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../server/src/core/analyze.js';
import { compileKnowledge, type KnowledgeSource } from '../../server/src/core/knowledge.js';
import { lexiconOf } from '../../server/src/core/lexicon/compile.js';
import type { Finding, RuleSetting } from '../../server/src/core/types.js';
import { parseConfig } from '../../server/src/core/config.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const LEXICON_DIR = join(ROOT, 'server', 'knowledge', 'lexicon');
const bundled: KnowledgeSource[] = readdirSync(LEXICON_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ path: `server/knowledge/lexicon/${f}`, text: readFileSync(join(LEXICON_DIR, f), 'utf8'), origin: 'bundled' }));
const { knowledge, problems } = compileKnowledge(bundled);

function loaded(source: string, options: Record<string, unknown> = {}, rules: Record<string, RuleSetting> = {}): Finding[] {
  return analyze(source, { today: '2019-06-21', knowledge, rules, ruleOptions: { 'loaded-term': options } }).findings.filter((f) => f.ruleId === 'loaded-term');
}

const QUOTED_LABEL = 'Loaded wording in a quotation';
const isQuoted = (f: Finding): boolean => f.message.startsWith(QUOTED_LABEL);
/** The findings in the author's own voice. */
function authors(source: string, options: Record<string, unknown> = {}): Finding[] {
  return loaded(source, options).filter((f) => !isQuoted(f));
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
  test('reports no quoted wording: nothing the sample quotes is loaded (the treaty’s words included)', () => {
    assert.deepEqual(loaded(sample).filter(isQuoted).map((f) => f.text), []);
  });
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

describe('loaded-term: false positives (nothing in the author\u2019s voice)', () => {
  for (const c of MISSES) {
    test(c.text.replace(/\n/g, ' '), () => {
      const texts = authors(c.text).map((f) => f.text);
      assert.deepEqual(texts.filter((t) => !/^(?:Chinese|American)$/.test(t)), [], texts.join(' | '));
    });
  }
});

interface QuotedCase {
  text: string;
  /** The loaded word reported as the speaker's. */
  flag: string;
  /** Whose words the message says they are. */
  whose: string;
}

/** Loaded words inside quotations: reported as the speaker's, with the speaker where the text names one. */
const QUOTED: QuotedCase[] = [
  { text: '\u201CIt is outrageous,\u201D Joseph diGenova said on Fox News.', flag: 'outrageous', whose: 'from Joseph diGenova' },
  { text: 'Joseph diGenova, a former prosecutor, said: \u201CThe charges are outrageous.\u201D', flag: 'outrageous', whose: 'from Joseph diGenova' },
  { text: 'According to Senator Warren, the bill is \u201Ca devastating blow.\u201D', flag: 'devastating', whose: 'from Senator Warren' },
  { text: 'President Trump met reporters. \u201CIt is a disaster,\u201D he said.', flag: 'disaster', whose: 'from President Trump' },
  { text: 'Smith said the plan had failed. \u201CIt is a disaster.\u201D', flag: 'disaster', whose: 'from Smith' },
  // Two people named before "he": the speaker is not guessed.
  { text: 'President Trump met President Moon. \u201CIt is a disaster,\u201D he said.', flag: 'disaster', whose: 'from an unnamed speaker' },
  { text: 'The administration called the decision \u201Cbadly misguided,\u201D and moved on.', flag: 'misguided', whose: 'from an unnamed speaker' },
  { text: 'The report found that he \u201Csought to obstruct justice in a devastating way.\u201D', flag: 'devastating', whose: 'from an unnamed speaker' },
  // Nested quotes are inside the speaker's quotation.
  { text: '\u201CThey called it \u2018a devastating blow,\u2019 and left,\u201D Jones said.', flag: 'devastating', whose: 'from Jones' },
  // Over two paragraphs: the speaker named in the first.
  { text: 'Smith said: \u201CWe will fight.\n\n\u201CThe plan is a disaster.\u201D', flag: 'disaster', whose: 'from Smith' },
  // Long quotations with no speaker in sight are still somebody's words.
  { text: 'The treaty applies if a member is \u201Cthe victim of a devastating attack by any state\u201D.', flag: 'devastating', whose: 'from an unnamed speaker' },
  { text: '> The ailing economy is a disaster, the report says.', flag: 'ailing economy', whose: '(a quoted passage)' },
];

describe('loaded-term: quoted wording is the speaker\u2019s', () => {
  for (const c of QUOTED) {
    test(c.text.replace(/\n/g, ' '), () => {
      const found = loaded(c.text);
      const f = found.find((x) => x.text === c.flag);
      assert.ok(f, `expected ${c.flag}; got ${found.map((x) => x.text).join(' | ') || 'nothing'}`);
      assert.ok(f.message.startsWith(`${QUOTED_LABEL} ${c.whose}: \u201C${c.flag}\u201D.`), f.message);
      assert.equal(f.severity, 'hint');
      assert.deepEqual(authors(c.text).filter((x) => x.start >= f.start && x.end <= f.end), [], 'never the author\u2019s as well');
    });
  }

  test('the message names the speaker and says whose words they are', () => {
    const [f] = loaded('\u201CIt is outrageous,\u201D Joseph diGenova said.');
    assert.equal(f?.message, 'Loaded wording in a quotation from Joseph diGenova: \u201Coutrageous\u201D. These are the speaker\u2019s words; the article reports them.'.replace('\u2019', "'"));
    assert.match(f.detail ?? '', /Emotive framing/);
    assert.match(f.detail ?? '', /Source:/);
  });

  test('no rewording fix, only the ignore fix', () => {
    const [f] = loaded('\u201CThe ailing economy is a disaster,\u201D Smith said.');
    assert.ok(f);
    assert.equal(f.suggestions.length, 1);
    assert.deepEqual(f.suggestions[0]!.command, { id: 'marginalia.appendRuleOption', args: ['loaded-term', 'ignore', 'ailing economy'] });
    assert.deepEqual(f.suggestions[0]!.edits, []);
  });
});

describe('loaded-term: the quotations option and severities', () => {
  const text = '\u201CIt is outrageous,\u201D Joseph diGenova said of the devastating report.';
  const severities = (options: Record<string, unknown>, rules: Record<string, RuleSetting> = {}): Array<[string, string]> => loaded(text, options, rules).map((f) => [f.text, f.severity]);
  const cases: Array<[string, Record<string, unknown>, Record<string, RuleSetting>, Array<[string, string]>]> = [
    ['by default a quotation is a hint, the author\u2019s words by their tier', {}, {}, [['outrageous', 'hint'], ['devastating', 'warning']]],
    ['quotations: report is the default', { quotations: 'report' }, {}, [['outrageous', 'hint'], ['devastating', 'warning']]],
    ['quotations: off drops them', { quotations: 'off' }, {}, [['devastating', 'warning']]],
    ['the category can be turned off', { categories: { quoted: 'off' } }, {}, [['devastating', 'warning']]],
    ['the category has its own severity', { categories: { quoted: 'warning' } }, {}, [['outrageous', 'warning'], ['devastating', 'warning']]],
    // A CI gate at warning with the rule raised still never fails on a quotation.
    ['a severity for the whole rule leaves quotations hints', {}, { 'loaded-term': 'error' }, [['outrageous', 'hint'], ['devastating', 'error']]],
    ['a category\u2019s own severity stands over the rule\u2019s', { categories: { 'emotive-framing': 'info' } }, { 'loaded-term': 'error' }, [['outrageous', 'hint'], ['devastating', 'info']]],
    ['a category turned off is off in quotations too', { categories: { 'emotive-framing': 'off' } }, {}, []],
    ['the rule off is off everywhere', {}, { 'loaded-term': 'off' }, []],
  ];
  for (const [name, options, rules, expected] of cases) test(name, () => assert.deepEqual(severities(options, rules), expected));

  test('a bad quotations value is a configuration problem naming the key', () => {
    const { problems: p } = parseConfig('rules:\n  loaded-term:\n    quotations: hide\n', '.marginalia.yaml');
    assert.equal(p.length, 1, JSON.stringify(p));
    assert.equal(p[0]!.key, 'rules.loaded-term.quotations');
    assert.equal(p[0]!.line, 3);
    assert.match(p[0]!.message, /report, off/);
    assert.deepEqual(parseConfig('rules:\n  loaded-term:\n    quotations: off\n', '.marginalia.yaml').problems, []);
  });
});

/** Quotation marks that are not scare quotes, one class per row: nothing reported as scare quotes or in the author's voice. */
const NOT_SCARE_QUOTES: Array<[string, string]> = [
  // Titles of works.
  ['title after "on"', 'He appeared on \u201CMeet the Press\u201D on Sunday.'],
  ['title before a word for its people', 'He told \u201CMeet the Press\u201D host Chuck Todd nothing.'],
  ['title after a word for a work', 'The book \u201CFire and Fury\u201D sold well.'],
  ['title after "in"', 'The claim appeared in \u201CThe Daily Report\u201D yesterday.'],
  ['title before a word for a series', 'Webb\u2019s \u201CDark Alliance\u201D series ran in 1996.'],
  // Names of groups, campaigns, slogans and laws.
  ['a group introduced by "called"', 'A campaign group called \u201CNo, DREAM, No Deal\u201D protested.'],
  ['a campaign named before its noun', 'They joined the \u201CNo, DREAM, No Deal\u201D campaign.'],
  ['a slogan', 'He repeated the slogan \u201CMake America Great Again\u201D often.'],
  ['a movement after "known as"', 'The protests became known as \u201CThe Yellow Vests\u201D quickly.'],
  ['a law by its nickname', 'The new \u201Cred flag\u201D law lets police take guns.'],
  ['a legal standard', 'It is below the \u201Cprobable cause\u201D standard of proof.'],
  // Partial quotations with a speaker somewhere in the sentence.
  ['speaker after, several words on', '\u201CAnd if I did\u201D spend campaign funds improperly, he said, it was legal.'],
  ['speaker before, through "found"', 'The report found that he \u201Csought\u201D favours.'],
  ['speaker attributes the words', 'The administration called the decision \u201Cbadly misguided,\u201D and left.'],
  // Words mentioned, not used.
  ['the word …', 'The word \u201Cwall\u201D does not appear in the bill.'],
  ['the term …', 'They avoid the term \u201Cillegal alien\u201D in print.'],
  ['… means', 'In this debate \u201Cwoke\u201D means aware of how others are treated.'],
  // One letter or number.
  ['a letter', 'There is always a plan \u201CB\u201D ready.'],
  ['a number', 'The hotel has a \u201C5\u201D rating.'],
];

describe('loaded-term: scare quotes only for scare quotes', () => {
  for (const [name, text] of NOT_SCARE_QUOTES) {
    test(`${name}: ${text}`, () => {
      const found = authors(text);
      assert.deepEqual(found.map((f) => `${f.text} (${f.message.split(' ')[0]})`), []);
    });
  }
  test('real scare quotes are still found', () => {
    for (const text of ['North Korea and China termed them \u201Cblood\u201D relations.', 'China is facing \u201CContain China\u201D threats.', 'The \u201Cpeace\u201D plan failed.', 'Both capitals treat them as \u201Cenemy\u201D combatants.']) {
      assert.ok(authors(text).some((f) => f.message.startsWith('Scare quotes')), text);
    }
  });
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
