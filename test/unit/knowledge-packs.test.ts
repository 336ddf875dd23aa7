import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileKnowledge } from '../../server/src/core/knowledge.js';
import { bundledKnowledgeDir, loadKnowledge, readCompiledBase, prebuiltKnowledgePath, readPacks, readPrebuiltPacks, writePrebuiltKnowledge } from '../../server/src/node/knowledge-files.js';
import { entityKnowledge } from '../../server/src/core/entities/index.js';
import { ROOT } from '../helpers.js';

const DIR = join(ROOT, 'server', 'knowledge', 'entities');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const sources = files.map((f) => ({ path: join(DIR, f), text: readFileSync(join(DIR, f), 'utf8'), origin: 'bundled' as const }));

interface RawEntity {
  id: string;
  name: string;
  facts?: Array<{ text: string; source: string }>;
  summary: string;
}
const raw: RawEntity[] = sources.flatMap((s) => (parse(s.text) as { entities: RawEntity[] }).entities);

test('knowledge packs: every bundled entity pack compiles with zero problems', () => {
  const { knowledge, problems } = compileKnowledge(sources);
  assert.deepEqual(problems, []);
  const k = entityKnowledge(knowledge);
  assert.ok(k);
  for (const e of raw) assert.ok(k.entities.has(e.id), e.id);
});

test('knowledge packs: ids are unique across all bundled packs', () => {
  const ids = raw.map((e) => e.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test('knowledge packs: every entity has 3–6 facts, each with an http(s) source', () => {
  for (const e of raw) {
    assert.ok((e.facts ?? []).length >= 3 && (e.facts ?? []).length <= 6, `${e.id} has ${(e.facts ?? []).length} facts`);
    for (const f of e.facts ?? []) assert.match(f.source, /^https?:\/\/\S+$/, `${e.id}: ${f.text}`);
  }
});

test('knowledge packs: summaries are two sentences', () => {
  for (const e of raw) {
    const sentences = e.summary.trim().split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/);
    assert.equal(sentences.length, 2, `${e.id}: ${e.summary}`);
  }
});

test('knowledge packs: every UN member state has a country card', () => {
  const { knowledge } = compileKnowledge(sources);
  const countries = [...entityKnowledge(knowledge)!.entities.values()].filter((e) => e.type === 'country');
  assert.ok(countries.length >= 193, String(countries.length));
  assert.ok(countries.every((c) => c.country !== undefined));
});

test('knowledge packs: compiling from packs parsed earlier gives the same knowledge and problems', () => {
  const all = readPacks([bundledKnowledgeDir(ROOT)], 'bundled').sources;
  const broken = { path: '/w/bad.yaml', text: 'kind: entities\nversion: 1\nentities:\n  - id: x\n    name: 3\n', origin: 'workspace' as const };
  const direct = compileKnowledge([...all, broken]);
  assert.equal(direct.packs.length, all.length + 1);
  // What the build stores: plain data, without the YAML documents.
  const shared = new Map(structuredClone(direct.packs).map((p) => [p.path, p]));
  const again = compileKnowledge([...all, broken], shared);
  assert.deepEqual(again.knowledge, direct.knowledge);
  assert.deepEqual(again.problems, direct.problems);
  assert.ok(direct.problems.some((p) => p.path === broken.path && p.line !== undefined), 'the broken pack has a located problem');
  // A changed text is parsed afresh.
  const edited = { ...broken, text: `${broken.text}    type: person\n` };
  assert.deepEqual(compileKnowledge([edited], shared).problems, compileKnowledge([edited]).problems);
});

test('knowledge packs: the build\'s parse of the bundled packs is used only while their text is unchanged', () => {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-prebuilt-'));
  try {
    cpSync(bundledKnowledgeDir(ROOT), bundledKnowledgeDir(root), { recursive: true });
    const parsedHere = compileKnowledge(readPacks([bundledKnowledgeDir(root)], 'bundled').sources, undefined, { base: readCompiledBase(root).base });
    // No dist/knowledge.json yet: the YAML is parsed.
    assert.equal(readPrebuiltPacks(root).size, 0);
    writePrebuiltKnowledge(root);
    const prebuilt = readPrebuiltPacks(root);
    assert.equal(prebuilt.size, parsedHere.packs.length);
    const fromBuild = loadKnowledge(root);
    assert.deepEqual(fromBuild.knowledge, parsedHere.knowledge);
    assert.deepEqual(fromBuild.problems, []);
    // The stored data is what is compiled (the YAML is not parsed again): a name changed in
    // the JSON alone shows.
    const stored = JSON.parse(readFileSync(prebuiltKnowledgePath(root), 'utf8')) as { schemas: string; packs: Array<{ path: string; data: { entities?: Array<Record<string, unknown>> } }> };
    const people = stored.packs.find((p) => p.path === 'server/knowledge/entities/people-world.yaml')!;
    const first = people.data.entities![0]!;
    first['name'] = 'Renamed In The Build';
    writeFileSync(prebuiltKnowledgePath(root), JSON.stringify(stored));
    assert.equal(entityKnowledge(loadKnowledge(root).knowledge)!.entities.get(first['id'] as string)!.name, 'Renamed In The Build');
    // The build validated its packs, so their schema is not checked again (an entry broken in
    // the JSON alone is not reported)...
    first['colour'] = 'blue';
    writeFileSync(prebuiltKnowledgePath(root), JSON.stringify(stored));
    assert.deepEqual(loadKnowledge(root).problems, []);
    // ...unless the schemas have changed since: then every pack is validated again.
    writeFileSync(prebuiltKnowledgePath(root), JSON.stringify({ ...stored, schemas: 'other' }));
    assert.ok(loadKnowledge(root).problems.some((p) => p.field?.endsWith('.colour')), JSON.stringify(loadKnowledge(root).problems));
    // An edited pack is parsed afresh: its new problem is reported with its line.
    const lexicon = join(bundledKnowledgeDir(root), 'lexicon', 'labels.yaml');
    appendFileSync(lexicon, 'bogus: [\n');
    const edited = loadKnowledge(root);
    assert.ok(edited.problems.some((p) => p.path === lexicon && p.line !== undefined), JSON.stringify(edited.problems));
    // A damaged file is no file: everything is parsed.
    writeFileSync(prebuiltKnowledgePath(root), '{"packs": "not a list"}');
    assert.equal(readPrebuiltPacks(root).size, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('knowledge packs: a bundled pack with a problem fails the build\'s parse', () => {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-prebuilt-'));
  try {
    mkdirSync(join(bundledKnowledgeDir(root), 'lexicon'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(bundledKnowledgeDir(root), 'lexicon', 'bad.yaml'), 'kind: lexicon\nentries: 3\n');
    assert.throws(() => writePrebuiltKnowledge(root), /bad\.yaml:2/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
