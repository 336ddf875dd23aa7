import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileKnowledge } from '../../server/src/core/knowledge.js';
import { bundledKnowledgeDir, readPacks } from '../../server/src/node/knowledge-files.js';
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

test('knowledge packs: compiling from packs parsed on another thread gives the same knowledge and problems', () => {
  const all = readPacks([bundledKnowledgeDir(ROOT)], 'bundled').sources;
  const broken = { path: '/w/bad.yaml', text: 'kind: entities\nversion: 1\nentities:\n  - id: x\n    name: 3\n', origin: 'workspace' as const };
  const direct = compileKnowledge([...all, broken]);
  assert.equal(direct.packs.length, all.length + 1);
  // What a worker thread receives: a structured clone, without the YAML documents.
  const shared = new Map(structuredClone(direct.packs).map((p) => [p.path, p]));
  const again = compileKnowledge([...all, broken], shared);
  assert.deepEqual(again.knowledge, direct.knowledge);
  assert.deepEqual(again.problems, direct.problems);
  assert.ok(direct.problems.some((p) => p.path === broken.path && p.line !== undefined), 'the broken pack has a located problem');
  // A changed text is parsed afresh.
  const edited = { ...broken, text: `${broken.text}    type: person\n` };
  assert.deepEqual(compileKnowledge([edited], shared).problems, compileKnowledge([edited]).problems);
});
