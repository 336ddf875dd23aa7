import type { ProseDocument } from '../prose.js';
import { normaliseWord } from './wording.js';

export interface Token {
  start: number;
  end: number;
  /** Lower-cased, apostrophes and hyphens unified. */
  norm: string;
  word: boolean;
  /** The first word of its sentence. */
  sentenceStart: boolean;
  block: number;
}

const PUNCTUATION = new Set([',', ';', ':', '!', '?', '.']);
const TOKEN = /[\p{L}\p{N}]+(?:['\u2019\u2010\u2011-][\p{L}\p{N}]+)*|[,;:!?.]/gu;

/**
 * The tokens of the document's prose, in order, one regular-expression pass: words
 * (hyphenated compounds and contractions stay one word) and the punctuation that
 * lexicon wordings may name. Tokens outside any prose block are dropped.
 */
export function tokenize(doc: ProseDocument): Token[] {
  const { prose, blocks, sentences } = doc;
  const out: Token[] = [];
  let blockIndex = 0;
  let sentenceIndex = 0;
  let sentenceOpen = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(prose); m; m = TOKEN.exec(prose)) {
    const start = m.index;
    const end = start + m[0].length;
    while (blockIndex < blocks.length && blocks[blockIndex]!.end <= start) blockIndex++;
    const block = blocks[blockIndex];
    if (!block || start < block.start) continue;
    while (sentenceIndex < sentences.length && sentences[sentenceIndex]!.end <= start) {
      sentenceIndex++;
      sentenceOpen = false;
    }
    const word = !PUNCTUATION.has(m[0]);
    const sentence = sentences[sentenceIndex];
    let sentenceStart = false;
    if (word && sentence && start >= sentence.start && !sentenceOpen) {
      sentenceStart = true;
      sentenceOpen = true;
    }
    out.push({ start, end, norm: normaliseWord(m[0]), word, sentenceStart, block: blockIndex });
  }
  return out;
}
