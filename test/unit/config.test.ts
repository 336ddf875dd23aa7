import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendRuleOption, mergeConfigs, parseConfig } from '../../server/src/core/config.js';

test('config: severities, rule options, reference date and packs', () => {
  const { config, problems } = parseConfig('referenceDate: 2019-06-21\nrules:\n  unsourced-figure:\n    severity: info\n    minimumBareNumber: 100\n  front-matter: off\nknowledge: [a.yaml]\n', 'c.yaml');
  assert.deepEqual(problems, []);
  assert.equal(config.referenceDate, '2019-06-21');
  assert.deepEqual(config.rules, { 'unsourced-figure': 'info', 'front-matter': 'off' });
  assert.deepEqual(config.ruleOptions, { 'unsourced-figure': { minimumBareNumber: 100 } });
  assert.deepEqual(config.knowledge, ['a.yaml']);
});

const BAD: Array<[string, string, number, RegExp]> = [
  ['rules:\n  no-such-rule: warning\n', 'rules.no-such-rule', 2, /unknown rule/],
  ['rules:\n  unsourced-figure: loud\n', 'rules.unsourced-figure', 2, /not a severity/],
  ['referenceDate: yesterday\n', 'referenceDate', 1, /not a date/],
  ['colour: red\n', 'colour', 1, /unknown key/],
  ['rules: [1, 2]\n', 'rules', 1, /expected a mapping/],
  ['rules:\n  unsourced-figure: {severity: [x\n', '(syntax)', 3, /end with a/],
  ['rules:\n  unsourced-figure:\n    quotations: hide\n', 'rules.unsourced-figure.quotations', 3, /not one of report, off/],
  ['rules:\n  dated-claim:\n    tiers: info\n', 'rules.dated-claim.tiers', 3, /expected a mapping of dated, present, future/],
  ['rules:\n  dated-claim:\n    tiers:\n      present: quiet\n', 'rules.dated-claim.tiers.present', 4, /not a severity/],
  ['rules:\n  dated-claim:\n    tiers:\n      past: info\n', 'rules.dated-claim.tiers.past', 4, /unknown tier; expected one of: dated, present, future/],
];

test('config: dated-claim tiers take a severity or off each', () => {
  const { config, problems } = parseConfig('rules:\n  dated-claim:\n    tiers: {dated: error, present: off, future: hint}\n', 'c.yaml');
  assert.deepEqual(problems, []);
  assert.deepEqual(config.ruleOptions, { 'dated-claim': { tiers: { dated: 'error', present: 'off', future: 'hint' } } });
});

for (const [text, key, line, message] of BAD) {
  test(`config: ${JSON.stringify(text)} names ${key} on line ${line}`, () => {
    const { problems } = parseConfig(text, '/w/.marginalia.yaml');
    assert.ok(problems.length >= 1);
    assert.equal(problems[0]!.key, key);
    assert.equal(problems[0]!.line, line);
    assert.equal(problems[0]!.path, '/w/.marginalia.yaml');
    assert.match(problems[0]!.message, message);
  });
}

test('config: later layers win', () => {
  const a = parseConfig('rules:\n  unsourced-figure: info\n', 'a').config;
  const b = parseConfig('rules:\n  unsourced-figure: off\n', 'b').config;
  assert.equal(mergeConfigs(a, b).rules['unsourced-figure'], 'off');
});

test('config: appendRuleOption keeps comments and creates what is missing', () => {
  assert.equal(appendRuleOption('', 'loaded-term', 'ignore', 'mega'), 'rules:\n  loaded-term:\n    ignore:\n      - mega\n');
  const text = '# ours\nrules:\n  loaded-term: warning # strict\n';
  const out = appendRuleOption(text, 'loaded-term', 'ignore', 'mega');
  assert.match(out, /# ours/);
  const { config } = parseConfig(out, 'x');
  assert.equal(config.rules['loaded-term'], 'warning');
  assert.deepEqual(config.ruleOptions['loaded-term'], { ignore: ['mega'] });
  assert.equal(appendRuleOption(out, 'loaded-term', 'ignore', 'mega'), out);
});
