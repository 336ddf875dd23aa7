import type { ProseDocument } from '../prose.js';
import { lowerBound } from '../ranges.js';
import type { Quotation } from '../quotes.js';
import { blockQuotationsWithSpeakers, type Speaker } from '../speakers.js';
import type { Token } from './tokens.js';

/**
 * What an inline quotation is, for loaded-term (speakers.ts finds the quotations and who
 * is quoted; this decides what the marks do in the author's sentence):
 * - `speech`: somebody's words. The text presents them as somebody's (a speaking verb in the
 *   sentence, a lead-in, the sentence before), or they are a clause starting with a capital
 *   and ending in punctuation, or longer than a phrase, or a quotation running over
 *   paragraphs. Their loaded words are reported as the speaker's, never as the author's.
 * - `title`: the title of a work or the name of a group, campaign, slogan or law: title-case
 *   words after "on", "in", a word for a work or a name ("the programme", "a group called"),
 *   or before one ("“Meet the Press” host", "the “No DREAM, No Deal” campaign"); a phrase in
 *   any case before a word for a law or a standard ("the “red flag” law"). A title-case
 *   phrase with none of these around it is a fragment: “Witch Hunt” may be a slogan or a
 *   title, and nothing says whose (on the PTC train halves its lexicon words overlapped a
 *   loaded span 5 times in 8 and once in 3).
 * - `mention`: a word mentioned, not used ("the word “wall”", "“wall” means"), or a single
 *   letter or number.
 * - `scare`: a short phrase with no speaker that labels the noun after it ("“blood”
 *   relations", "“Contain China” threats") or follows "so-called": the author's own distancing.
 * - `fragment`: any other short quoted phrase with no speaker in its sentence ("dismissed
 *   the protesters as “lefties”"). Often a partial quotation of a source named elsewhere, so
 *   the marks are not reported as scare quotes (measured on news text, that was wrong nineteen
 *   times in twenty); but nothing in the text says whose word it is, so its words are not
 *   hidden: a loaded word in it reaches the reader unattributed, and is reported as such.
 */
export type QuotationKind = 'speech' | 'title' | 'mention' | 'scare' | 'fragment';

export interface ClassifiedQuotation extends Quotation {
  kind: QuotationKind;
  /** The quoted phrase modifies the noun after it ("“blood” relations"): the strongest scare quotes. */
  attributive: boolean;
  /** Token indices inside the marks, end exclusive. */
  firstToken: number;
  lastToken: number;
  /** For speech, who is quoted, where the text names them. */
  speaker?: Speaker;
}

const MAX_SCARE_WORDS = 4;

/** Words after a quotation that show it is used as a noun, not as a modifier of the next word. */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those and or but nor so of to in on at by for with from as into than then is are was were be been being ' +
    'has have had do does did will would can could may might must shall should it its they them their he she his her we our you your i ' +
    'which who whom whose what where when while if because since until not no also'
  ).split(' '),
);

/**
 * Words after a quotation that show it does not label a noun either: prepositions, adverbs
 * and conjunctions ("introduce “regulations” after a judge ruled", "the “moving” throughout").
 * With FUNCTION_WORDS and the suffix test in `labelsNoun`. Measured on the PTC train halves,
 * the scare-quote findings this test removes overlapped a loaded span 7 times in 65.
 */
const NOT_NOUNS = new Set(
  (
    'about above across after against along amid amidst among amongst around before behind below beneath beside besides between beyond ' +
    'despite down during except inside like near next onto outside over past per rather regarding since through throughout toward towards ' +
    'under unlike upon via within without off out up away back here there now soon later earlier together either neither whether how ' +
    'why whenever wherever wherein whereby even too very just only still yet already ever never always instead perhaps presumably ' +
    'precisely surely certainly such due'
  ).split(' '),
);
/** Common nouns that end like adverbs (-ly) or participles (-ed) and may follow a scare-quoted modifier. */
const NOUNS_LIKE_MODIFIERS = new Set('family ally rally assembly monopoly supply anomaly bully folly homily reply belly melancholy hatred bloodshed kindred'.split(' '));

/** Whether the word after a quotation can be the noun the quoted phrase labels. */
function labelsNoun(t: Token): boolean {
  const w = t.norm;
  if (FUNCTION_WORDS.has(w) || NOT_NOUNS.has(w)) return false;
  if (NOUNS_LIKE_MODIFIERS.has(w)) return true;
  // -ly adverbs, -ed participles ("“investigations” conducted"), negated auxiliaries ("doesn't").
  if (w.length > 4 && (w.endsWith('ly') || (w.endsWith('ed') && !w.endsWith('eed')))) return false;
  return !w.endsWith("n't");
}

function looksLikeTitle(source: string, tokens: readonly Token[], first: number, last: number): boolean {
  const words = tokens.slice(first, last).filter((t) => t.word);
  const significant = words.filter((t) => t.end - t.start > 3 || words.length === 1);
  if (significant.length === 0) return words.length > 0 && words.every((t) => /^\p{N}/u.test(t.norm));
  const capitalised = significant.filter((t) => /^\p{Lu}/u.test(source[t.start]!)).length;
  return capitalised * 3 >= significant.length * 2;
}

/** Words before a title-case quotation that make it the title of a work ("on “Meet the Press”", "the book “Fire and Fury”"). */
const BEFORE_TITLE = new Set(
  (
    'on in programme program show series book film movie novel report column article essay song album play documentary podcast episode ' +
    'headline editorial poem study paper memo magazine newspaper blog website channel segment exhibition opera musical ' +
    // names of groups, campaigns, slogans and laws, introduced as names
    'called named titled entitled dubbed slogan motto campaign group movement coalition organisation organization act law bill initiative ' +
    'operation hashtag chant banner nickname caucus party rally tour march network alliance project foundation committee doctrine agenda'
  ).split(' '),
);
/** Words after a title-case quotation that make it a title or a name ("“Meet the Press” host", "the “No DREAM, No Deal” campaign"). */
const AFTER_TITLE = new Set(
  (
    'host hosts anchor author authors star producer episode episodes series show segment interview broadcast appearance column columnist ' +
    'campaign campaigns group groups movement coalition act law bill rally rallies initiative slogan slogans chant chants hashtag caucus party ' +
    'protest protests march tour agenda doctrine program programme project network alliance organization organisation committee sign signs ' +
    'banner banners placard placards hat hats shirt shirts t-shirt t-shirts sticker stickers poster posters text textbook'
  ).split(' '),
);
/**
 * Nouns after a quoted phrase in any case that make it the name of a law, a legal standard or
 * a clause ("the “red flag” law", "the “probable cause” standard", "the “sunset” clause"):
 * terms of art quoted as names, not the author's doubt.
 */
const TERM_HEADS = new Set('law laws act bill bills clause clauses standard standards doctrine provision provisions amendment regulations statute'.split(' '));
/** Words before a quotation that mention it as a word ("the word “wall”", "the term “illegal alien”"). */
const BEFORE_MENTION = new Set('word words term terms phrase phrases expression expressions label labels adjective noun verb acronym abbreviation euphemism epithet moniker catchphrase buzzword letter letters'.split(' '));
/** Words after a quotation that mention it as a word ("“wall” means", "“woke” refers to"). */
const AFTER_MENTION = new Set('means meant mean refers referred refer stands denotes'.split(' '));

export function classifyQuotations(doc: ProseDocument, tokens: readonly Token[], speechCues: ReadonlySet<string>, blockIndex: number): ClassifiedQuotation[] {
  const out: ClassifiedQuotation[] = [];
  for (const q of blockQuotationsWithSpeakers(doc, blockIndex, { cues: speechCues })) {
    // A nested quotation's words are inside the one it sits in, which decides for them.
    if (q.kind === 'nested') continue;
    const firstToken = lowerBound(tokens, q.inner.start);
    const lastToken = lowerBound(tokens, q.inner.end);
    let words = 0;
    for (let i = firstToken; i < lastToken; i++) if (tokens[i]!.word) words++;
    if (words === 0) continue;
    const lastInside = tokens[lastToken - 1]!;
    const endsClause = !lastInside.word && /[.!?,]/.test(lastInside.norm);
    // A quoted clause starts with a capital; “lies.” and “crazy, crazy,” are fragments whose
    // punctuation sits inside the marks by American convention.
    let firstWord = firstToken;
    while (!tokens[firstWord]!.word) firstWord++;
    const isClause = endsClause && /^\p{Lu}/u.test(doc.source[tokens[firstWord]!.start]!);
    const prev = firstToken > 0 && tokens[firstToken - 1]!.block === blockIndex ? tokens[firstToken - 1] : undefined;
    const prevWord = prev?.word ? prev : undefined;
    // "the book “…”": the word before the article.
    const beforeThe = prevWord && (prevWord.norm === 'the' || prevWord.norm === 'a') && firstToken > 1 && tokens[firstToken - 2]!.word && tokens[firstToken - 2]!.block === blockIndex ? tokens[firstToken - 2] : undefined;
    const after = tokens[lastToken];
    const next = after && after.block === blockIndex && after.word && after.start - q.end <= 1 ? after : undefined;
    // “time bombs,” ambiguities: punctuation inside the marks closes the phrase before the next word.
    const attributive = !endsClause && next !== undefined && /^\p{Ll}/u.test(doc.source[next.start]!) && labelsNoun(next) && !speechCues.has(next.norm);
    const soCalled = prev !== undefined && prev.norm === 'so-called';
    const titleCase = looksLikeTitle(doc.source, tokens, firstToken, lastToken);

    let kind: QuotationKind;
    if (isMention(doc.source, tokens, firstToken, lastToken, words) || (prevWord && BEFORE_MENTION.has(prevWord.norm)) || (next && AFTER_MENTION.has(next.norm))) kind = 'mention';
    else if (titleCase && ((prevWord && BEFORE_TITLE.has(prevWord.norm)) || (beforeThe && BEFORE_TITLE.has(beforeThe.norm)) || (next && AFTER_TITLE.has(next.norm)) || knownAs(tokens, firstToken))) kind = 'title';
    else if (q.attributed || !q.closed || isClause || words > MAX_SCARE_WORDS) kind = 'speech';
    else if (next && TERM_HEADS.has(next.norm) && !soCalled) kind = 'title';
    else if (attributive || soCalled) kind = 'scare';
    else kind = 'fragment';
    // Written out, not spread from `q` (the spread was a third of this function's time).
    const c: ClassifiedQuotation = { start: q.start, end: q.end, inner: q.inner, kind, attributive, firstToken, lastToken };
    if (kind === 'speech' && q.speaker) c.speaker = q.speaker;
    out.push(c);
  }
  return out;
}

/** "known as “…”", "also known as “…”". */
function knownAs(tokens: readonly Token[], firstToken: number): boolean {
  return firstToken > 1 && tokens[firstToken - 1]!.norm === 'as' && tokens[firstToken - 2]!.norm === 'known';
}

/** A single letter or a number: “A”, “5”, “2.0”. */
function isMention(source: string, tokens: readonly Token[], first: number, last: number, words: number): boolean {
  if (words !== 1) return false;
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    if (t.word) return t.end - t.start === 1 || /^\p{N}+$/u.test(source.slice(t.start, t.end).replace(/[.,]/g, ''));
  }
  return false;
}
