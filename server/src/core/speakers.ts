import type { ProseDocument } from './prose.js';
import { scanQuotations, type Quotation } from './quotes.js';
import { lowerBound } from './ranges.js';
import { splitSentences } from './sentences.js';
import type { OffsetRange } from './types.js';

/**
 * Direct quotations in prose and who is quoted: whose words are whose.
 *
 * API (stable; other checks build on it):
 *
 *   quotationsWithSpeakers(prose, start, end, options?) → AttributedQuotation[]
 *     The quotations of one prose block [start, end) of `prose` (offsets are offsets of
 *     `prose`, as everywhere in the core), in order of their opening marks, nested ones right
 *     after the quotation they sit in. Options:
 *       cues       words that mark speech, added to SPEECH_VERBS (lower case);
 *       sentences  the block's sentences if already split (else they are split here);
 *       previous   the block just before, when only markup separates the two: its last
 *                  sentence can name the speaker, and a quotation it leaves open can run
 *                  on into this block (previousLastSentence: that sentence, if split).
 *   documentQuotationsWithSpeakers(doc, options?) → AttributedQuotation[][]
 *   blockQuotationsWithSpeakers(doc, blockIndex, options?) → AttributedQuotation[]
 *     The same for every block of a ProseDocument (index = block index), or for one, each
 *     block read with the one before it (`adjacent`); options: `cues`.
 *
 * Each AttributedQuotation has `start`/`end` (the marks included), `inner` (the words), and:
 *   kind        'full'     a whole utterance: it opens its sentence, or follows a colon, a
 *                          comma, a dash or a speaking verb, and starts with a capital;
 *               'partial'  words quoted inside the author's sentence ("found that he
 *                          “sought to obstruct justice”");
 *               'nested'   a quotation inside another (‘…’ inside “…”); `parent` is the index
 *                          of that one in the same array, and it shares its speaker.
 *   closed      false for a quotation still open at the end of its block, kept only where
 *               it opens the block or is attributed: it runs on into the next paragraph.
 *   continued   it opens a block right after a quotation the block before left open, with
 *               an opening mark (the convention) or without one, up to a closing mark that
 *               comes before any opening one.
 *   attributed  the text presents the words as somebody's: a speaking verb (said, told,
 *               wrote, called, added, according to, …) in its sentence, before or after it;
 *               a colon lead-in ("Smith: “…”", "She added: “…”"); for a quotation that
 *               opens its sentence, such a verb or an attributed quotation in the sentence
 *               before; a quotation it continues; or an enclosing quotation.
 *   cue         where that verb, "according" or the lead-in's colon is.
 *   speaker     { name, start, end, via } when the text names who: the name beside the cue
 *               (before it, after it in "said Smith", after "according to"), or the name of
 *               a colon lead-in; via 'pronoun' when "he"/"she" was resolved to the one person
 *               named, outside quotations, in that sentence and the one before (a speaker
 *               already found, the subject of a speaking verb, or a name after a title:
 *               "President Trump"); otherwise absent: an unnamed speaker.
 *               start/end locate the mention of the name that was used.
 *
 * Locality: a block's result depends on its own text and on the block before it only (that
 * block is read as if it had no block before it), so a check that uses this stays local to
 * a block and its neighbour, as incremental analysis needs. The price: the third paragraph of
 * a quotation running over three names no speaker unless the second does.
 *
 * Pure and linear: one scan of the block for quotation marks, one tokenization of a block
 * that has any, and per quotation a search bounded to a fixed number of words either side.
 * No regular expression runs over more than one character.
 */

export interface Speaker extends OffsetRange {
  /** As written, with runs of white space made single spaces ("Joseph diGenova", "the White House"). */
  name: string;
  /** 'name': named beside the quotation; 'pronoun': "he" or "she" resolved to the one person named just before. */
  via: 'name' | 'pronoun';
}

export type AttributedQuotationKind = 'full' | 'partial' | 'nested';

export interface AttributedQuotation extends Quotation {
  kind: AttributedQuotationKind;
  closed: boolean;
  continued: boolean;
  attributed: boolean;
  cue?: OffsetRange;
  speaker?: Speaker;
  parent?: number;
}

export interface SpeakerOptions {
  /** Words that mark speech, lower case, in addition to SPEECH_VERBS. */
  cues?: ReadonlySet<string>;
  /** The block's sentences, if already split. */
  sentences?: readonly OffsetRange[];
  /** The block just before, when nothing but markup lies between the two. */
  previous?: OffsetRange;
  /** That block's last sentence, if already split. */
  previousLastSentence?: OffsetRange;
}

/**
 * Verbs that present words as somebody's. Grammar, not a word list to tune: reporting verbs
 * in the forms news prose uses, leaving out forms that are as often nouns ("the report",
 * "a call", "member states"). "termed" and "dubbed" are absent: with nobody named they are
 * where scare quotes live. Callers add their own (loaded-term adds its lexicon's speechCues).
 */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(
  (
    'say says said saying tell tells told telling write writes wrote writing add adds added adding ask asks asked ' +
    'stated declare declares declared insist insists insisted explain explains explained noted claimed argue argues argued ' +
    'replied warns warned tweeted announce announces announced recall recalls recalled remarked commented testify testified ' +
    'admit admits admitted acknowledge acknowledged urge urges urged vowed shouted cried posted answered respond responds ' +
    'responded continued conclude concludes concluded suggest suggests suggested describe describes described describing ' +
    'called calling promised pledged predict predicted reported complain complained concede conceded boasted deny denies ' +
    'denied allege alleges alleged contend contended emphasized emphasised stressed mentioned proclaimed assert asserts ' +
    'asserted demanded found finds ruled quoted quoting recounted recounts joked wondered mused texted emailed chanted'
  ).split(' '),
);

/** How far a speaking verb may be from the quotation, in words of the same sentence. */
const WORDS_BEFORE = 60;
const WORDS_AFTER = 16;
/** How far back a pronoun looks for the person it stands for, in words. */
const PRONOUN_WORDS = 80;

export function quotationsWithSpeakers(prose: string, start: number, end: number, options: SpeakerOptions = {}): AttributedQuotation[] {
  if (!hasQuoteMark(prose, start, end)) return [];
  const cues = options.cues;
  let from = start;
  let sentences: OffsetRange[] = [...(options.sentences ?? splitSentences(prose, start, end))];
  let before: AttributedQuotation[] = [];
  const previous = options.previous;
  if (previous && previous.end <= start && needsPrevious(prose, start, end, sentences[0])) {
    const last = options.previousLastSentence ?? splitSentences(prose, previous.start, previous.end).at(-1);
    if (last) {
      before = quotationsWithSpeakers(prose, previous.start, previous.end, cues ? { cues } : {}).filter((q) => q.end > last.start);
      sentences = [last, ...sentences];
      from = last.start;
    }
  }
  const scanned = scanQuotations(prose, start, end, before.some((q) => !q.closed && q.kind !== 'nested'));
  if (scanned.length === 0) return [];
  const reader = new Reader(prose, from, end, sentences, cues, before);
  const out: AttributedQuotation[] = [];
  const open = before.find((q) => !q.closed && q.kind !== 'nested');
  for (const q of scanned) {
    if (q.depth === 1) {
      const parent = out[out.length - 1];
      // Only when its own parent was kept (the last one kept is then that parent).
      if (!parent || parent.start !== scanned[q.parent!]!.start) continue;
      const n: AttributedQuotation = { start: q.start, end: q.end, inner: q.inner, kind: 'nested', closed: true, continued: false, attributed: true, parent: out.length - 1 };
      if (parent.cue) n.cue = parent.cue;
      if (parent.speaker) n.speaker = parent.speaker;
      out.push(n);
      reader.found.push(n);
      continue;
    }
    const continued = open !== undefined && out.length === 0 && reader.opensBlock(q.start, start);
    const a = reader.attribute(q);
    if (continued) {
      a.attributed = true;
      if (!a.speaker && open.speaker) a.speaker = open.speaker;
    }
    if (!q.closed && !a.attributed && !reader.opensBlock(q.start, start)) continue;
    const r: AttributedQuotation = { start: q.start, end: q.end, inner: q.inner, kind: continued ? 'full' : reader.kind(q), closed: q.closed, continued, attributed: a.attributed };
    if (a.cue) r.cue = a.cue;
    if (a.speaker) r.speaker = a.speaker;
    out.push(r);
    reader.found.push(r);
  }
  return out;
}

/** Every block's quotations with their speakers; see quotationsWithSpeakers. */
export function documentQuotationsWithSpeakers(doc: ProseDocument, options: { cues?: ReadonlySet<string> } = {}): AttributedQuotation[][] {
  const out: AttributedQuotation[][] = [];
  for (let i = 0; i < doc.blocks.length; i++) out.push(blockQuotationsWithSpeakers(doc, i, options));
  return out;
}

/** One block's quotations with their speakers, read with the block before it when adjacent. */
export function blockQuotationsWithSpeakers(doc: ProseDocument, blockIndex: number, options: { cues?: ReadonlySet<string> } = {}): AttributedQuotation[] {
  const b = doc.blocks[blockIndex];
  if (!b || !hasQuoteMark(doc.prose, b.start, b.end)) return [];
  const s0 = lowerBound(doc.sentences, b.start);
  let s1 = s0;
  while (s1 < doc.sentences.length && doc.sentences[s1]!.start < b.end) s1++;
  const o: SpeakerOptions = { sentences: doc.sentences.slice(s0, s1) };
  if (options.cues) o.cues = options.cues;
  const prev = doc.blocks[blockIndex - 1];
  if (prev && adjacent(doc.prose, prev, b)) {
    o.previous = prev;
    if (s0 > 0 && doc.sentences[s0 - 1]!.start >= prev.start) o.previousLastSentence = doc.sentences[s0 - 1]!;
  }
  return quotationsWithSpeakers(doc.prose, b.start, b.end, o);
}

/**
 * Two blocks with nothing but blanked markup between them (a paragraph break, list or quote
 * markers). Bounded, so that a block's speakers never depend on text far before it.
 */
export function adjacent(prose: string, before: OffsetRange, after: OffsetRange): boolean {
  if (after.start < before.end || after.start - before.end > MAX_GAP) return false;
  for (let i = before.end; i < after.start; i++) if (!isSpace(prose.charCodeAt(i))) return false;
  return true;
}

const MAX_GAP = 16;

// ---------------------------------------------------------------------------------------

const WORD = 0;
const COMMA = 1;
const COLON = 2;
const STOP = 3;
const OTHER = 4;

interface Tok {
  start: number;
  end: number;
  type: number;
  /** A word that opens its sentence or a quotation (its capital says nothing about names). */
  initial: boolean;
  /** Lower case, curly apostrophes straightened; computed when first asked for. */
  norm?: string;
}

type Subject = { kind: 'name'; start: number; end: number } | { kind: 'pronoun'; tok: number } | { kind: 'other' } | { kind: 'none' };

interface Attribution {
  attributed: boolean;
  cue?: OffsetRange;
  speaker?: Speaker;
}

/** The tokens of a stretch of prose and the searches over them. */
class Reader {
  private readonly toks: Tok[] = [];
  /** The quotations attributed so far, in order (the block before's last sentence's first). */
  readonly found: AttributedQuotation[];
  /** For each token, the last speaking verb (or "according") before it, or -1. */
  private readonly prevCue: Int32Array;
  /** For each token, how many words come before it. */
  private readonly wordNo: Int32Array;
  /** 1 for a token that is a speaking verb as written (lower case). */
  private readonly cue: Uint8Array;

  constructor(
    private readonly prose: string,
    from: number,
    to: number,
    private readonly sentences: readonly OffsetRange[],
    cues: ReadonlySet<string> | undefined,
    before: readonly AttributedQuotation[],
  ) {
    tokenize(prose, from, to, this.toks);
    this.found = [...before];
    // One pass, so that finding the speaking verb before a quotation is a walk over verbs,
    // not over the words of a sentence for every quotation in it.
    const n = this.toks.length;
    this.prevCue = new Int32Array(n + 1);
    this.wordNo = new Int32Array(n + 1);
    this.cue = new Uint8Array(n);
    const prefixes = cuePrefixes(cues);
    let last = -1;
    let words = 0;
    for (let i = 0; i < n; i++) {
      this.prevCue[i] = last;
      this.wordNo[i] = words;
      const t = this.toks[i]!;
      if (t.type !== WORD) continue;
      words++;
      // The first two letters rule out most words before any string is made of them.
      if (t.end - t.start > 1 && prefixes.has(prose.charCodeAt(t.start) * 65536 + prose.charCodeAt(t.start + 1))) {
        const w = this.lower(t);
        if (SPEECH_VERBS.has(w) || cues?.has(w)) this.cue[i] = 1;
      }
      if (this.cue[i] === 1 || this.isAccording(i)) last = i;
    }
    this.prevCue[n] = last;
    this.wordNo[n] = words;
  }

  /**
   * The index of the earliest quotation found so far that ends after `from`: those from it
   * on are the ones that can lie after `from` (top-level ones never overlap, so the walk back
   * stops at the first that ends before).
   */
  private since(from: number): number {
    let i = this.found.length;
    while (i > 0) {
      const e = this.found[i - 1]!;
      if (e.end <= from && e.kind !== 'nested') break;
      i--;
    }
    return i;
  }

  /** Whether only spaces lie between the block's start and `at`. */
  opensBlock(at: number, blockStart: number): boolean {
    for (let i = blockStart; i < at; i++) if (!isSpace(this.prose.charCodeAt(i))) return false;
    return true;
  }

  kind(q: Quotation): AttributedQuotationKind {
    const { prose, toks } = this;
    const first = firstLetter(prose, q.inner.start, q.inner.end);
    if (first < 0 || !isUpper(prose, first)) return 'partial';
    const i = this.tokAtOrAfter(q.start) - 1;
    const s = this.sentenceOf(q.start);
    const startsSentence = i < 0 || toks[i]!.end <= s.start;
    const t = toks[i];
    const introduced = startsSentence || (t !== undefined && (t.type === COMMA || t.type === COLON || t.type === OTHER || this.isCue(i, q)));
    if (!introduced) return 'partial';
    // “And if I did” spend campaign funds…: a capital, but the sentence runs on through it.
    const n = this.tokAtOrAfter(q.end);
    const next = toks[n];
    const endsInside = /[.,!?;:\u2026\u2014-]/.test(prose[q.inner.end - 1] ?? '');
    if (!endsInside && next && next.type === WORD && next.start < this.sentenceOf(q.end - 1).end && isLower(prose, next.start) && !PRONOUNS.has(this.lower(next)) && !this.isCue(n, undefined)) return 'partial';
    return 'full';
  }

  attribute(q: Quotation): Attribution {
    const after = this.cueAfter(q);
    const before = this.cueBefore(q);
    // A name beats a pronoun beats an unnamed subject; between equals, the verb after the
    // quotation (“…,” Smith said) is the usual news form.
    const best = after && before ? (rank(before.subject) > rank(after.subject) ? before : after) : (after ?? before);
    if (best) return this.attribution(best.cue, best.subject, q);
    const lead = this.leadIn(q);
    if (lead) return lead;
    // A quotation that is a sentence of its own: the sentence before may say whose it is.
    const s = this.sentenceIndex(q.start);
    const first = this.tokAtOrAfter(this.sentences[s]!.start);
    if (s > 0 && this.toks[first] !== undefined && this.toks[first]!.start > q.start) {
      const prev = this.sentences[s - 1]!;
      let quoted: AttributedQuotation | undefined;
      for (let i = this.found.length - 1, stop = this.since(prev.start); i >= stop && !quoted; i--) {
        const e = this.found[i]!;
        if (e.kind !== 'nested' && e.attributed && e.start < prev.end && e.end > prev.start) quoted = e;
      }
      if (quoted) {
        const r: Attribution = { attributed: true };
        if (quoted.cue) r.cue = quoted.cue;
        if (quoted.speaker) r.speaker = quoted.speaker;
        return r;
      }
      const c = this.lastCueIn(prev);
      if (c) return this.attribution(c.cue, c.subject, q);
    }
    return { attributed: false };
  }

  private attribution(cue: number, subject: Subject, q: Quotation): Attribution {
    const t = this.toks[cue]!;
    const r: Attribution = { attributed: true, cue: { start: t.start, end: t.end } };
    if (subject.kind === 'name') r.speaker = { name: this.text(subject.start, subject.end), start: subject.start, end: subject.end, via: 'name' };
    else if (subject.kind === 'pronoun') {
      const p = this.resolve(subject.tok, q);
      if (p) r.speaker = p;
    }
    return r;
  }

  /** A speaking verb after the quotation, in its sentence and before the next quotation. */
  private cueAfter(q: Quotation): { cue: number; subject: Subject } | undefined {
    const { toks } = this;
    const sentence = this.sentenceOf(q.end - 1);
    const first = this.tokAtOrAfter(q.end);
    let firstWord = -1;
    for (let i = first, words = 0; i < toks.length && words < WORDS_AFTER; i++) {
      const t = toks[i]!;
      if (t.start >= sentence.end || t.type === STOP || this.quoteMarkBetween(i === first ? q.end : toks[i - 1]!.end, t.start)) break;
      if (t.type !== WORD) continue;
      words++;
      if (firstWord < 0) firstWord = i;
      if (this.isAccording(i)) return { cue: i, subject: this.subjectForward(i + 2, sentence.end) };
      if (!this.isCue(i, undefined)) continue;
      // “…,” said Smith: nothing but punctuation between the quotation and the verb.
      if (i === firstWord) return { cue: i, subject: this.subjectForward(i + 1, sentence.end) };
      return { cue: i, subject: this.subjectBackward(i, first - 1) };
    }
    return undefined;
  }

  /** The nearest speaking verb before the quotation in its sentence. */
  private cueBefore(q: Quotation): { cue: number; subject: Subject } | undefined {
    const sentence = this.sentenceOf(q.start);
    const bound = this.tokAtOrAfter(sentence.start) - 1;
    const at = this.tokAtOrAfter(q.start);
    for (let c = this.prevCue[at]!; c > bound && this.wordNo[at]! - this.wordNo[c]! <= WORDS_BEFORE; c = this.prevCue[c]!) {
      if (this.isAccording(c)) return { cue: c, subject: this.subjectForward(c + 2, q.start) };
      if (!this.isCue(c, q)) continue;
      const subject = this.subjectBackward(c, bound);
      // "Said Smith: “…”" and the like: the name after the verb.
      return { cue: c, subject: subject.kind === 'none' ? this.subjectForward(c + 1, q.start) : subject };
    }
    return undefined;
  }

  /** The last speaking verb of a sentence (the one before a quotation). */
  private lastCueIn(sentence: OffsetRange): { cue: number; subject: Subject } | undefined {
    const bound = this.tokAtOrAfter(sentence.start) - 1;
    const at = this.tokAtOrAfter(sentence.end);
    for (let c = this.prevCue[at]!; c > bound && this.wordNo[at]! - this.wordNo[c]! <= WORDS_BEFORE; c = this.prevCue[c]!) {
      if (this.isAccording(c)) return { cue: c, subject: this.subjectForward(c + 2, sentence.end) };
      const subject = this.subjectBackward(c, bound);
      if (subject.kind !== 'none') return { cue: c, subject };
    }
    return undefined;
  }

  /** "Smith: “…”", "As the minister put it: “…”": a colon just before the quotation. */
  private leadIn(q: Quotation): Attribution | undefined {
    const { toks } = this;
    const colon = this.tokAtOrAfter(q.start) - 1;
    if (colon < 0 || toks[colon]!.type !== COLON) return undefined;
    const c = toks[colon]!;
    const r: Attribution = { attributed: true, cue: { start: c.start, end: c.end } };
    const sentence = this.sentenceOf(q.start);
    let i = colon - 1;
    while (i >= 0 && toks[i]!.start >= sentence.start && toks[i]!.type === WORD && (this.nameWord(i) || (PARTICLES.has(this.lower(toks[i]!)) && i < colon - 1))) i--;
    const runStart = i + 1;
    const runAtStart = i < 0 || toks[i]!.end <= sentence.start || toks[i]!.type !== WORD;
    if (runStart < colon && runAtStart && colon - runStart <= MAX_NAME_WORDS) r.speaker = { name: this.text(toks[runStart]!.start, toks[colon - 1]!.end), start: toks[runStart]!.start, end: toks[colon - 1]!.end, via: 'name' };
    return r;
  }

  /** The subject of a speaking verb, read backwards from it down to (not including) token `bound`. */
  private subjectBackward(cue: number, bound: number): Subject {
    const { toks } = this;
    let i = this.skipAuxiliaries(cue - 1, bound);
    if (i > bound && toks[i]!.type === COMMA) {
      // An apposition: “…,” Joseph diGenova, a former federal prosecutor, said.
      let j = i - 1;
      while (j > bound && j > i - 30 && toks[j]!.type !== COMMA && toks[j]!.type !== STOP) j--;
      if (j > bound && toks[j]!.type === COMMA) i = this.skipAuxiliaries(j - 1, bound);
      else return { kind: 'none' };
    }
    if (i <= bound || toks[i]!.type !== WORD) return { kind: 'none' };
    const w = this.lower(toks[i]!);
    // "Smith, who said …": the name before the relative pronoun.
    if ((w === 'who' || w === 'which') && i - 1 > bound && toks[i - 1]!.type === COMMA) return this.nameEndingAt(i - 2, bound);
    if (PRONOUNS.has(w)) return { kind: 'pronoun', tok: i };
    return this.nameEndingAt(i, bound);
  }

  private nameEndingAt(i: number, bound: number): Subject {
    const { toks } = this;
    if (i <= bound || !this.nameWord(i)) return { kind: 'other' };
    let s = i;
    while (s - 1 > bound && i - s < MAX_NAME_WORDS && (this.nameWord(s - 1) || (PARTICLES.has(this.lower(toks[s - 1]!)) && s - 2 > bound && this.nameWord(s - 2)))) s--;
    const the = s - 1 > bound && toks[s - 1]!.type === WORD && this.lower(toks[s - 1]!) === 'the';
    return { kind: 'name', start: toks[the ? s - 1 : s]!.start, end: toks[i]!.end };
  }

  /** The subject after a verb ("said Smith", "according to the White House"), before `limit`. */
  private subjectForward(i: number, limit: number): Subject {
    const { toks } = this;
    const t = toks[i];
    if (!t || t.type !== WORD || t.start >= limit) return { kind: 'none' };
    const w = this.lower(t);
    if (PRONOUNS.has(w)) return { kind: 'pronoun', tok: i };
    // Up to three words of description first: "said former federal prosecutor Joseph diGenova".
    let s = i;
    if (w === 'the' && this.nameWord(i + 1)) s = i + 1;
    else while (s < i + 4 && toks[s] && toks[s]!.type === WORD && toks[s]!.start < limit && !this.nameWord(s)) s++;
    if (!toks[s] || toks[s]!.start >= limit || !this.nameWord(s)) return { kind: 'other' };
    let e = s;
    while (e + 1 < toks.length && e - s + 1 < MAX_NAME_WORDS && toks[e + 1]!.start < limit && (this.nameWord(e + 1) || (PARTICLES.has(this.lower(toks[e + 1]!)) && this.nameWord(e + 2)))) e++;
    return { kind: 'name', start: toks[s === i + 1 && w === 'the' ? i : s]!.start, end: toks[e]!.end };
  }

  /**
   * "he" or "she": the one person named from the sentence before up to the pronoun: speakers
   * found there already, and names after a title ("President Trump"); a bare surname counts
   * as the person it ends. Undefined when there is none, or more than one.
   */
  private resolve(pronoun: number, q: Quotation): Speaker | undefined {
    const w = this.lower(this.toks[pronoun]!);
    if (w !== 'he' && w !== 'she') return undefined;
    const s = this.sentenceIndex(Math.min(q.start, this.toks[pronoun]!.start));
    const from = this.sentences[Math.max(0, s - 1)]!.start;
    const people: Array<{ name: string; key: string; start: number; end: number }> = [];
    for (let i = this.since(from); i < this.found.length; i++) {
      const sp = this.found[i]!.speaker;
      if (sp && sp.via === 'name' && sp.start >= from && sp.end <= this.toks[pronoun]!.start) people.push({ name: sp.name, key: surname(sp.name), start: sp.start, end: sp.end });
    }
    const { toks } = this;
    let words = 0;
    const first = this.tokAtOrAfter(from);
    // Names inside quotations are people the speakers talk about, not speakers.
    let k = this.since(from);
    for (let i = first; i < pronoun && words < PRONOUN_WORDS; i++) {
      if (toks[i]!.type !== WORD) continue;
      words++;
      const at = toks[i]!.start;
      while (k < this.found.length && this.found[k]!.end <= at) k++;
      const inFound = k < this.found.length && this.found[k]!.start <= at;
      if (inFound || (at >= q.start && at < q.end)) continue;
      if (this.isCue(i, undefined)) {
        // "Smith said the plan had failed. “…,” he added."
        const subject = this.subjectBackward(i, first - 1);
        if (subject.kind === 'name') {
          const name = this.text(subject.start, subject.end);
          people.push({ name, key: surname(name), start: subject.start, end: subject.end });
        }
        continue;
      }
      if (!TITLES.has(this.lower(toks[i]!).replace(/\.$/, '')) || !this.nameWord(i) || !this.nameWord(i + 1)) continue;
      let e = i + 1;
      while (e + 1 < pronoun && e - i < MAX_NAME_WORDS && this.nameWord(e + 1)) e++;
      const name = this.text(toks[i]!.start, toks[e]!.end);
      people.push({ name, key: surname(name), start: toks[i]!.start, end: toks[e]!.end });
      i = e;
    }
    const keys = new Set(people.map((p) => p.key));
    if (keys.size !== 1) return undefined;
    const latest = people.reduce((a, b) => (b.start > a.start ? b : a));
    const fullest = people.reduce((a, b) => (b.name.length > a.name.length ? b : a));
    return { name: fullest.name, start: latest.start, end: latest.end, via: 'pronoun' };
  }

  private skipAuxiliaries(i: number, bound: number): number {
    const { toks, prose } = this;
    while (i > bound && toks[i]!.type === WORD && isLower(prose, toks[i]!.start)) {
      const w = this.lower(toks[i]!);
      if (!AUXILIARIES.has(w) && !(w.length > 4 && w.endsWith('ly'))) break;
      i--;
    }
    return i;
  }

  /**
   * A speaking verb written in lower case (so "the United States" names no speaker). "called"
   * right before a title-case quotation after a common noun introduces a name, not speech
   * ("a group called “No DREAM, No Deal”").
   */
  private isCue(i: number, q: Quotation | undefined): boolean {
    if (this.cue[i] !== 1) return false;
    const w = this.lower(this.toks[i]!);
    if (q && (w === 'called' || w === 'named') && this.tokAtOrAfter(q.start) === i + 1) {
      const before = this.toks[i - 1];
      const first = firstLetter(this.prose, q.inner.start, q.inner.end);
      if (before && before.type === WORD && isLower(this.prose, before.start) && !PRONOUNS.has(this.lower(before)) && first >= 0 && isUpper(this.prose, first)) return false;
    }
    return true;
  }

  private isAccording(i: number): boolean {
    const t = this.toks[i]!;
    const next = this.toks[i + 1];
    // Lengths first: this is asked of every word of a block with quotations.
    return t.type === WORD && t.end - t.start === 9 && next !== undefined && next.end - next.start === 2 && next.type === WORD && this.lower(t) === 'according' && this.lower(next) === 'to';
  }

  /** A word that can be part of a name: capitalised (not as the first word of a sentence that is a common opener), or "diGenova", "al-Assad". */
  private nameWord(i: number): boolean {
    const t = this.toks[i];
    if (!t || t.type !== WORD) return false;
    const { prose } = this;
    if (isUpper(prose, t.start)) {
      const w = this.lower(t);
      if (NEVER_NAMES.has(w)) return false;
      return !(t.initial && COMMON_OPENERS.has(w));
    }
    // A lower-case particle joined to a capitalised name: "diGenova", "al-Assad", "d’Estaing".
    for (let k = t.start + 1; k < Math.min(t.end, t.start + 5); k++) {
      if (isUpper(prose, k)) return true;
      if (!isLower(prose, k) && !isJoiner(prose.charCodeAt(k))) return false;
    }
    return false;
  }

  private quoteMarkBetween(from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const c = this.prose.charCodeAt(k);
      if (c === 0x201c || c === 0x22 || c === 0x2018) return true;
    }
    return false;
  }

  private lower(t: Tok): string {
    if (t.norm === undefined) {
      const w = this.prose.slice(t.start, t.end).toLowerCase();
      t.norm = w.includes('\u2019') ? w.replace(/\u2019/g, "'") : w;
    }
    return t.norm;
  }

  private text(start: number, end: number): string {
    return this.prose.slice(start, end).replace(/\s+/g, ' ').replace(/^The /, 'the ');
  }

  private tokAtOrAfter(offset: number): number {
    return lowerBound(this.toks, offset);
  }

  private sentenceIndex(offset: number): number {
    const i = lowerBound(this.sentences, offset + 1) - 1;
    return Math.max(0, i);
  }

  private sentenceOf(offset: number): OffsetRange {
    return this.sentences[this.sentenceIndex(offset)] ?? { start: offset, end: offset + 1 };
  }
}

const MAX_NAME_WORDS = 6;

/** The first two character codes (lower case, as a cue is written) of every cue, per set of extra cues. */
function cuePrefixes(extra: ReadonlySet<string> | undefined): ReadonlySet<number> {
  const key = extra ?? SPEECH_VERBS;
  let set = PREFIXES.get(key);
  if (!set) {
    set = new Set();
    for (const list of [SPEECH_VERBS, extra ?? []]) for (const w of list) if (w.length > 1) set.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
    PREFIXES.set(key, set);
  }
  return set;
}

const PREFIXES = new WeakMap<ReadonlySet<string>, Set<number>>();

function rank(s: Subject): number {
  return s.kind === 'name' ? 3 : s.kind === 'pronoun' ? 2 : 1;
}

/** Subjects of a speaking verb that are pronouns (resolved, if at all, by `resolve`). */
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

/** Between a subject and its verb: "Smith has also said", "Smith later told". */
const AUXILIARIES = new Set(
  'has have had also later then again once would will could can may might should must is was were are been be being did does do not never often always recently just first further once still even previously earlier repeatedly reportedly allegedly had'.split(' '),
);

const PARTICLES = new Set('de da di del della der den van von le la bin ibn al el du dos das ter ten y'.split(' '));

/** Capitalised words that never name a speaker. */
const NEVER_NAMES = new Set('monday tuesday wednesday thursday friday saturday sunday january february april august september october november december i'.split(' '));

/** Capitalised only because they open a sentence or a quotation. */
const COMMON_OPENERS = new Set(
  (
    'the a an this that these those he she it they we i you his her its their our my your there here but and or so yet however in on at for with as if ' +
    'when while after before since although because what who why how one both all some many most several other others another each every no not then ' +
    'now today yesterday also still even just only police officials critics experts analysts authorities sources witnesses researchers scientists ' +
    'investigators prosecutors lawyers residents observers supporters opponents protesters people reports documents studies polls government ' +
    'spokesman spokeswoman spokesperson aides advisers according asked speaking meanwhile instead indeed later earlier last next first finally again such ' +
    'said says told wrote added'
  ).split(' '),
);

/** Words that, first in a run of capitalised words, make it a person's name ("President Trump", "Sen. Warren"). */
const TITLES = new Set(
  (
    'president mr mrs ms dr sen senator rep representative gov governor judge justice minister secretary chancellor mayor prime general gen lt col capt ' +
    'sgt adm prof professor pope king queen prince princess sheikh emir ambassador chairman chairwoman speaker director commissioner attorney cardinal ' +
    'bishop archbishop father rev rabbi imam coach detective sheriff chief lord lady sir dame'
  ).split(' '),
);

function surname(name: string): string {
  const parts = name.toLowerCase().split(' ');
  return parts[parts.length - 1]!;
}

function tokenize(prose: string, from: number, to: number, out: Tok[]): void {
  let initial = true;
  for (let i = from; i < to; ) {
    const c = prose.charCodeAt(i);
    if (isWordChar(prose, i)) {
      let e = i + 1;
      for (;;) {
        while (e < to && isWordChar(prose, e)) e++;
        if (e + 1 < to && isJoiner(prose.charCodeAt(e)) && isWordChar(prose, e + 1)) {
          e += 2;
          continue;
        }
        break;
      }
      // "V." of "Vladimir V. Putin", "Mr." and "Sen.": the period belongs to the word.
      if (prose.charCodeAt(e) === 0x2e && (e - i === 1 || ABBREVIATIONS.has(prose.slice(i, e).toLowerCase()))) e++;
      out.push({ start: i, end: e, type: WORD, initial });
      initial = false;
      i = e;
      continue;
    }
    const type = c === 0x2c ? COMMA : c === 0x3a ? COLON : c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026 ? STOP : c === 0x3b || c === 0x28 || c === 0x29 || c === 0x2014 || c === 0x2013 ? OTHER : -1;
    if (type >= 0) {
      out.push({ start: i, end: i + 1, type, initial: false });
      if (type === STOP || type === COLON) initial = true;
    } else if (c === 0x201c || c === 0x2018 || c === 0x22) initial = true;
    i++;
  }
}

const ABBREVIATIONS = new Set('mr mrs ms dr sen rep gov gen lt col capt sgt adm prof rev st jr sr'.split(' '));

const LETTER = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c !== 0x201c && c !== 0x201d && c !== 0x2018 && c !== 0x2019 && c !== 0x2014 && c !== 0x2013 && c !== 0x2026 && LETTER.test(s[i]!);
}

function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2d || c === 0x2019 || c === 0x2010 || c === 0x2011;
}

function isUpper(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = s[i]!;
  return ch !== ch.toLowerCase();
}

function isLower(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = s[i]!;
  return ch !== ch.toUpperCase();
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
}

/**
 * Whether the block before can matter: only for a quotation in the block's first sentence
 * (the sentence before it is that block's last), or for a closing mark before any opening
 * one (a quotation that block left open). Most blocks are read alone.
 */
function needsPrevious(s: string, from: number, to: number, first: OffsetRange | undefined): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x201d) return true;
    if (c === 0x22 || c === 0x201c || c === 0x2018) return first === undefined || i < first.end || (c === 0x22 && i > from && !isSpace(s.charCodeAt(i - 1)));
  }
  return false;
}

/** Whether the stretch has any quotation mark at all (most blocks have none: they cost one scan). */
function hasQuoteMark(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x201c || c === 0x201d || c === 0x2018) return true;
  }
  return false;
}

function firstLetter(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isWordChar(s, i)) return i;
  return -1;
}
