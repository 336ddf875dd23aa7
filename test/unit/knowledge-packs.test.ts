import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileKnowledge } from '../../server/src/core/knowledge.js';
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
