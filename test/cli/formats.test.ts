import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROOT } from '../helpers.js';
import { formatJunit } from '../../server/src/cli/junit.js';
import type { FileReport } from '../../server/src/node/report.js';
import { inProcess, workspace } from './helpers.js';

/**
 * Each format against its published structure. SARIF: the OASIS SARIF 2.1.0 JSON schema
 * (rtm.5, as the npm package @microsoft/jest-sarif ships it). JUnit: no package ships a
 * schema, so the test parses the XML and checks what Jenkins' junit-10.xsd and GitLab's
 * unit-test reports require: `testsuites` > `testsuite` (name, tests, failures, errors) >
 * `testcase` (name) with `failure` (message, type) and `system-out` children.
 */

const require = createRequire(import.meta.url);
const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

const validateSarif = (() => {
  // The schema's own pattern for `language` is not valid with the `u` flag ajv uses by default.
  // Both are CommonJS modules that also export themselves as `default`, which is what TypeScript sees.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(SARIF_SCHEMA);
})();

function assertSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  return log;
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      partialFingerprints?: Record<string, string>;
      baselineState?: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }>;
    }>;
  }>;
}

test('sarif: valid against the SARIF 2.1.0 schema, with relative artifact URIs, help URIs and fingerprints', async () => {
  const r = await inProcess(['check', '--format', 'sarif', 'samples']);
  const log = assertSarif(r.stdout);
  const run = log.runs[0]!;
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(ROOT).href}/` } });
  const uris = new Set(run.results.map((x) => JSON.stringify(x.locations[0]!.physicalLocation.artifactLocation)));
  assert.deepEqual([...uris].sort(), [
    JSON.stringify({ uri: 'samples/markdown-constructs.md', uriBaseId: '%SRCROOT%' }),
    JSON.stringify({ uri: 'samples/warmth-returns.md', uriBaseId: '%SRCROOT%' }),
  ]);
  for (const rule of run.tool.driver.rules) {
    assert.equal(rule.helpUri, `https://github.com/marginalia-tools/marginalia/blob/main/docs/rules/${rule.id}.md`);
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `${rule.id} has its documentation page`);
  }
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
    assert.match(result.partialFingerprints?.['marginalia/v1'] ?? '', /^[0-9a-f]{16}:\d+$/);
    assert.equal(result.baselineState, undefined, 'no baseline, no baselineState');
  }
});

test('sarif: odd paths are encoded, files outside the working directory are file URIs, and a baseline run stays valid', async () => {
  const dir = workspace({ 'odd #1 ?.md': 'They have 28,500 troops.\n', 'sub/é.md': 'Last year it was severe.\n', 'outside/x.md': 'They spent 4,000 dollars.\n' });
  const r = await inProcess(['check', '--format', 'sarif', '.', '../outside/x.md'], join(dir, 'sub'));
  const log = assertSarif(r.stdout);
  const locations = log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation);
  assert.deepEqual(locations.find((l) => l.uri.endsWith('x.md')), { uri: pathToFileURL(join(dir, 'outside', 'x.md')).href });
  assert.ok(locations.some((l) => l.uri === '%C3%A9.md' && l.uriBaseId === '%SRCROOT%'));
  const top = assertSarif((await inProcess(['check', '--format', 'sarif', '.'], dir)).stdout);
  assert.ok(top.runs[0]!.results.some((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'odd%20%231%20%3F.md'));
  await inProcess(['check', '.', '--write-baseline', 'b.json'], dir);
  const baselined = assertSarif((await inProcess(['check', '--format', 'sarif', '--baseline', 'b.json', '.'], dir)).stdout);
  assert.ok(baselined.runs[0]!.results.every((x) => x.baselineState === 'unchanged'));
});

interface JunitCase {
  '@_name': string;
  '@_classname': string;
  failure?: Array<{ '@_message': string; '@_type': string; '#text': string }>;
  'system-out'?: string[];
}

function parseJunit(xml: string): { suites: Record<string, string>; suite: Record<string, string>; cases: JunitCase[] } {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'failure', 'system-out'].includes(name) });
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Array<Record<string, string> & { testcase?: JunitCase[] }> } };
  assert.ok(doc.testsuites, 'the root is <testsuites>');
  assert.equal(doc.testsuites.testsuite.length, 1);
  const suite = doc.testsuites.testsuite[0]!;
  for (const attr of ['name', 'tests', 'failures', 'errors']) assert.ok(suite[`@_${attr}`] !== undefined, `testsuite has the required ${attr}`);
  const cases = suite.testcase ?? [];
  for (const c of cases) {
    assert.ok(c['@_name'], 'testcase has the required name');
    for (const f of c.failure ?? []) assert.ok(f['@_message'] && f['@_type'], 'failure has a message and a type');
  }
  assert.equal(Number(suite['@_tests']), cases.length);
  assert.equal(Number(suite['@_failures']), cases.filter((c) => (c.failure ?? []).length > 0).length);
  return { suites: doc.testsuites, suite, cases };
}

test('junit: one test case per file, a failure per finding at or above --fail-on, the rest in system-out', async () => {
  const dir = workspace({ 'a.md': 'They have 28,500 troops. The plan was severe.\n', 'clean.md': 'Nothing to see.\n' });
  const warning = parseJunit((await inProcess(['check', '.', '--format', 'junit', '--fail-on', 'warning'], dir)).stdout);
  assert.deepEqual(warning.cases.map((c) => c['@_name']), ['a.md', 'clean.md']);
  const a = warning.cases[0]!;
  assert.deepEqual(a.failure!.map((f) => f['@_type']), ['unsourced-figure']);
  assert.match(a.failure![0]!['@_message'], /^1:11 Unsourced figure “28,500 troops”/);
  assert.match(a.failure![0]!['#text'], /^a\.md:1:11-1:24 warning unsourced-figure\n.*\nhttps:\/\/github\.com\/.*unsourced-figure\.md$/s);
  assert.match(a['system-out']![0]!, /^a\.md:1:\d+-1:\d+ info loaded-term Hyperbole “severe”/);
  assert.equal(warning.cases[1]!.failure, undefined);
  assert.equal(warning.suite['@_failures'], '1');
  const info = parseJunit((await inProcess(['check', '.', '--format', 'junit', '--fail-on', 'info'], dir)).stdout);
  assert.deepEqual(info.cases[0]!.failure!.map((f) => f['@_type']), ['unsourced-figure', 'loaded-term']);
  assert.equal(info.cases[0]!['system-out'], undefined);
  const never = parseJunit((await inProcess(['check', '.', '--format', 'junit', '--fail-on', 'never'], dir)).stdout);
  assert.equal(never.suite['@_failures'], '0');
});

test('junit: markup and characters XML cannot hold are escaped or replaced, never breaking the document', () => {
  const position = { line: 0, character: 0 };
  const report: FileReport = {
    path: 'a <&> "b".md',
    referenceDate: '2019-06-21',
    referenceDateSource: 'cli',
    findings: [{ ruleId: 'loaded-term', severity: 'error', message: 'x <y> & "z" \u0001 \uD800 end\nline', text: '<', range: { start: position, end: position }, suggestions: [] }],
    entities: [],
  };
  const xml = formatJunit([report], 'warning');
  const parsed = parseJunit(xml);
  assert.equal(parsed.cases[0]!['@_name'], 'a <&> "b".md');
  assert.equal(parsed.cases[0]!.failure![0]!['@_message'], '1:1 x <y> & "z" \uFFFD \uFFFD end line');
  assert.doesNotMatch(xml, /[\u0001\uD800]/);
});

test('--output writes the format to a file and stylish to the terminal; a path it cannot write is exit 2', async () => {
  const dir = workspace({ 'a.md': 'They have 28,500 troops.\n' });
  for (const format of ['json', 'sarif', 'junit', 'github', 'stylish']) {
    const r = await inProcess(['check', '.', '--format', format, '--output', `out/report.${format}`, '--fail-on', 'warning'], dir);
    assert.equal(r.code, 1, format);
    assert.match(r.stdout, /^a\.md {2}\(reference date/, 'stylish on the terminal');
    const written = readFileSync(join(dir, 'out', `report.${format}`), 'utf8');
    const direct = await inProcess(['check', '.', '--format', format, '--fail-on', 'warning'], dir);
    assert.equal(written, direct.stdout, `${format}: the file holds what stdout would`);
  }
  const blocked = workspace({ 'a.md': 'Text.\n', 'file': 'not a folder\n' });
  const r = await inProcess(['check', '.', '--format', 'json', '--output', 'file/report.json'], blocked);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot write '[^']*file\/report\.json': (ENOTDIR|EEXIST)/);
});
