import { test } from 'node:test';
import fc from 'fast-check';
import { documentProperty, incrementalProperty } from './properties.js';

// The short run: a fixed seed, so a failure replays; `npm run fuzz -- SEED COUNT` runs long.
const SEED = 20_261_207;

test('fuzz: any generated or mutated Markdown is analysed without throwing, in range, outside code and destinations, deterministically', () => {
  fc.assert(documentProperty(), { seed: SEED, numRuns: 1500 });
});

test('fuzz: incremental analysis after random edits equals a fresh analysis', () => {
  fc.assert(incrementalProperty(), { seed: SEED, numRuns: 250 });
});
