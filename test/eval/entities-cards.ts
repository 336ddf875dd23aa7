/**
 * Titled names that got no card, over every eval article (MEANTIME, TimeBank + AQUAINT,
 * PTC train and dev, the editorials; reference dates as entities-corpus.ts gives them):
 * the misses a writer sees, hovering "Speaker John Boehner" and getting nothing.
 *
 * Titled names are found here by a detector of this file's own, independent of the
 * product's recognizer (which is consulted only for whether a card exists): a capitalised
 * title (President, Prime Minister, Secretary, Speaker, Minister, Chancellor, Senator, Sen.,
 * Governor, Gov., Rep., Mr, Mrs, Ms, Dr, the last four with or without a full stop; with
 * "Secretary of State", "Speaker of the House" and the other US department names) followed
 * by a capitalised name of one to four words (initials, "bin"/"de"-style particles and
 * "al-" inside; a possessive "'s" is not part of it). Lower-case titles ("president Obama")
 * are not counted; "Vice President Mike Pence" counts as "President Mike Pence". Short lines
 * in Title Case without a full stop (headlines) are skipped: a capital says nothing there.
 *
 * A titled name has a card when one of our mentions of a person the knowledge holds
 * overlaps its name; a mention of something else there (a country, "Mr Jordan") is counted
 * apart, as a card that is probably wrong.
 */
import type { OffsetRange } from '../../server/src/core/types.js';
import type { EvalReport, EvalRow } from './run.js';
import { analyses, bundledKnowledge, knownEntity, type ArticleAnalysis, type CorpusName } from './entities-corpus.js';
import { top } from './entities-linking.js';

export interface TitledName extends OffsetRange {
  /** The title as written ("Prime Minister", "Sen.", "Secretary of State"). */
  title: string;
  /** The name as written, without the title or a possessive. */
  name: string;
  nameStart: number;
  nameEnd: number;
}

const DEPARTMENTS = [
  'State', 'Defense', 'Defence', 'the Treasury', 'the Interior', 'Homeland Security', 'Health and Human Services',
  'Education', 'Energy', 'Labor', 'Commerce', 'Agriculture', 'Transportation', 'Veterans Affairs', 'Housing and Urban Development',
].join('|');
const TITLE = `Prime Minister|President|Secretary(?: of (?:${DEPARTMENTS})|[- ]General)?|Speaker(?: of the House)?|Minister|Chancellor|Senator|Governor|Sen\\.|Gov\\.|Rep\\.|Mrs\\.?|Mr\\.?|Ms\\.?|Dr\\.?`;
/** A name word: capitalised, letters and hyphens, an apostrophe only inside ("O'Neill", not "Obama's"). */
const WORD = `(?:\\p{Lu}(?:[\\p{L}\\-]|['\u2019](?=\\p{L}{2}))*\\p{L}|(?:al|el)-\\p{Lu}\\p{L}+)`;
const INITIAL = `\\p{Lu}\\.?`;
const PARTICLE = `(?:bin|ibn|de|da|del|der|van|von|di|du|la|le)`;
const NAME = `${WORD}(?:[ \\t]+(?:${INITIAL}[ \\t]*)*(?:${PARTICLE}[ \\t]+)?${WORD}){0,3}`;
const TITLED = new RegExp(`(?<![\\p{L}\\p{N}.])(${TITLE})[ \\t]+(${NAME})`, 'gu');

/** Capitalised words that follow a title without being a name ("President Signs", "Mr. President"). */
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'And', 'Or', 'But', 'Of', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'With', 'As', 'If', 'When', 'While',
  'Is', 'Was', 'Are', 'Were', 'Has', 'Had', 'Have', 'Would', 'Can', 'Could', 'Should', 'Might', 'Must', 'Did', 'Does',
  'Says', 'Said', 'Signs', 'Meets', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'His', 'Her',
  'Their', 'Our', 'Its', 'Elect', 'Emeritus', 'Pro', 'President', 'Prime', 'Minister', 'Speaker', 'Secretary', 'Chancellor',
  'Senator', 'Governor', 'General', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
]);

/**
 * A short line with no closing full stop, most of whose longer words are capitalised: a
 * headline, where capitals mark no names. (A sentence dense with names keeps its full stop.)
 */
function titleCaseLine(line: string): boolean {
  if (line.length > 200 || /[.!?]["'\u201D\u2019)]*\s*$/u.test(line)) return false;
  const words = line.match(/\p{L}[\p{L}'\u2019-]{3,}/gu) ?? [];
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.75;
}

export function findTitledNames(text: string): TitledName[] {
  const out: TitledName[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (!titleCaseLine(line)) {
      for (const m of line.matchAll(TITLED)) {
        const words = [...m[2]!.matchAll(/\S+/g)];
        if (NOT_NAMES.has(words[0]![0])) continue;
        // The name ends before a word that is no name ("Mr. Smith Said"), and never at an initial.
        const stop = words.findIndex((w) => NOT_NAMES.has(w[0]));
        const name = (stop > 0 ? m[2]!.slice(0, words[stop]!.index) : m[2]!).replace(/(?:[ \t]+\p{Lu}\.?)*[ \t]*$/u, '');
        const nameStart = lineStart + m.index! + m[0].length - m[2]!.length;
        out.push({ start: lineStart + m.index!, end: nameStart + name.length, title: m[1]!, name, nameStart, nameEnd: nameStart + name.length });
      }
    }
    lineStart += line.length + 1;
  }
  return out;
}

export interface TitledTally {
  titled: number;
  carded: number;
  /** Names whose overlapping mention is of something other than a known person. */
  otherCard: number;
  missed: Map<string, { count: number; titles: Set<string>; corpora: Set<CorpusName> }>;
}

export const emptyTitledTally = (): TitledTally => ({ titled: 0, carded: 0, otherCard: 0, missed: new Map() });

export function tallyTitledNames(a: ArticleAnalysis, isKnownPerson: (id: string) => boolean, tally: TitledTally): void {
  for (const t of findTitledNames(a.article.text)) {
    tally.titled++;
    const over = a.mentions.filter((m) => m.start < t.nameEnd && t.nameStart < m.end);
    if (over.some((m) => m.mention.type === 'person' && isKnownPerson(m.mention.id))) {
      tally.carded++;
      continue;
    }
    if (over.length > 0) tally.otherCard++;
    const miss = tally.missed.get(t.name) ?? { count: 0, titles: new Set(), corpora: new Set() };
    miss.count++;
    miss.titles.add(t.title);
    miss.corpora.add(a.article.corpus);
    tally.missed.set(t.name, miss);
  }
}

const SETS: ReadonlyArray<[string, CorpusName[]]> = [
  ['meantime', ['meantime']],
  ['timebank + aquaint', ['timebank', 'aquaint']],
  ['ptc train + dev', ['ptc']],
  ['editorials', ['editorials']],
];

export async function evaluate(): Promise<EvalReport> {
  const knowledge = bundledKnowledge();
  const isKnownPerson = (id: string): boolean => knownEntity(knowledge, id)?.type === 'person';
  const all = emptyTitledTally();
  const rows: EvalRow[] = [];
  let articles = 0;
  const add = (set: string, t: TitledTally, n: number): void => {
    const missed = t.titled - t.carded;
    rows.push({ set, metric: 'titled names', value: t.titled, count: true, note: `in ${n} articles` });
    rows.push({ set, metric: 'with a card', value: t.titled === 0 ? 0 : t.carded / t.titled, note: `${t.carded}/${t.titled}` });
    rows.push({ set, metric: 'without a card', value: missed, count: true, note: `${t.missed.size} distinct names; ${t.otherCard} of them overlap a mention of something else` });
  };
  for (const [set, corpora] of SETS) {
    const t = emptyTitledTally();
    const list = corpora.flatMap((c) => analyses(c));
    articles += list.length;
    for (const a of list) {
      tallyTitledNames(a, isKnownPerson, t);
      tallyTitledNames(a, isKnownPerson, all);
    }
    add(set, t, list.length);
  }
  add('all eval articles', all, articles);
  const missed = new Map([...all.missed].map(([k, v]) => [k, v.count] as const));
  const details = [
    'The 30 names most often written with a title and given no card (titles seen; sets):',
    ...top(missed, 30).map(([name, n]) => {
      const m = all.missed.get(name)!;
      return `  ${String(n).padStart(3)}  ${name.padEnd(28)} ${[...m.titles].sort().join(', ')}; ${[...m.corpora].sort().join(', ')}`;
    }),
  ];
  return { name: 'entities: titled names without a card (own detector of titled names; card = a mention of a known person over the name)', rows, details };
}
