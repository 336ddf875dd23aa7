import type { Knowledge } from '../knowledge.js';
import type { ProseBlock, ProseDocument } from '../prose.js';
import type { EntityMention, OffsetRange, ReferenceDate } from '../types.js';
import type { AliasEntry, Entity, EntityKnowledge, Role, TrieNode } from './model.js';
import { caseMatches, caseOf, isInitial, tokenize, type Token } from './tokens.js';
import { activeOn, ageOn, endedBefore, startOf } from './time.js';
import type { BaseSet, Handle } from './base.js';
import { BLOCK_MEMO_CHARS, blockMemosInUse, ownCopy, TextMemo } from '../text-memo.js';

/**
 * Entity recognition: one pass over each block's word tokens, walking the alias trie that
 * the compiler built once. Besides plain aliases it understands "Title Surname" ("President
 * Kim", resolved by who held what on the reference date), initials ("George H. W. Bush",
 * "Vladimir V. Putin"),
 * inserted parentheticals ("Sino-North Korean (NK) … Treaty"), abbreviations the text
 * defines ("North Korea (NK)"), and descriptive references ("South Korea's president").
 * Capitalised words that match nothing are left alone: nothing is guessed.
 */

/**
 * How a mention names its entity. `unknown` and `ambiguous` are names the knowledge cannot
 * settle: a titled name it does not hold ("Speaker Smith"), or one that fits several people
 * equally ("Sen. Johnson" in 2014). They get a card of their own, never another person's.
 */
export type MentionForm = 'name' | 'misspelling' | 'title' | 'abbreviation' | 'description' | 'coreference' | 'unknown' | 'ambiguous';

export interface MentionTitle extends OffsetRange {
  text: string;
  /** Normalised style ("president"). */
  style: string;
  /** Whether the person held an office with this style on the reference date; undefined for honorifics (Mr, Dr). */
  held: boolean | undefined;
  /** A full stop between title and name ("President. Trump"). */
  strayPunctuation: boolean;
  /**
   * "former Speaker Boehner", "then-Vice President Biden": the writer dates the title;
   * `other`: it is another body's title of the same name ("state Rep.").
   */
  qualifier?: 'former' | 'then' | 'other';
}

export interface RecognizedMention extends EntityMention {
  form: MentionForm;
  /** The name itself, without a title before it. */
  nameRange: OffsetRange;
  title?: MentionTitle;
  /** For misspellings: the alias as the pack wrote it. */
  written?: string;
  /** For ambiguous mentions: the ids of the people (or things) it may name. */
  candidates?: string[];
}

export function entityKnowledge(knowledge: Knowledge): EntityKnowledge | undefined {
  const k = knowledge['entities'] as EntityKnowledge | undefined;
  return k && k.trie ? k : undefined;
}

const memo = new WeakMap<ProseDocument, { date: string; knowledge: Knowledge; names: RecognizedMention[]; mentions: RecognizedMention[] }>();

/** Every mention of a known entity in the document's prose, sorted by position. Never throws. */
export function recognizeEntities(doc: ProseDocument, referenceDate: ReferenceDate, knowledge: Knowledge): RecognizedMention[] {
  return recognized(doc, referenceDate, knowledge).mentions;
}

/**
 * The mentions of known entities and the names the knowledge cannot settle (forms `unknown`
 * and `ambiguous`), sorted by position: what hover cards are made for.
 */
export function recognizeNames(doc: ProseDocument, referenceDate: ReferenceDate, knowledge: Knowledge): RecognizedMention[] {
  return recognized(doc, referenceDate, knowledge).names;
}

function recognized(doc: ProseDocument, referenceDate: ReferenceDate, knowledge: Knowledge): { names: RecognizedMention[]; mentions: RecognizedMention[] } {
  const cached = memo.get(doc);
  if (cached && cached.date === referenceDate.date && cached.knowledge === knowledge) return cached;
  const k = entityKnowledge(knowledge);
  const names = k ? new Pass(doc, referenceDate.date, k, blockMemosInUse() ? blockMemo(k) : undefined).run() : [];
  const mentions = names.some(unsettled) ? names.filter((m) => !unsettled(m)) : names;
  const entry = { date: referenceDate.date, knowledge, names, mentions };
  memo.set(doc, entry);
  return entry;
}

export function unsettled(m: RecognizedMention): boolean {
  return m.form === 'unknown' || m.form === 'ambiguous';
}

/**
 * What recognition found in one block, memoised across versions of a document: the editor
 * builds a new document on every keystroke, and recognising every block again was most of
 * a keystroke's garbage on long files (measured on 1 MB: 52 of 78 MB allocated per
 * keystroke, which set the server's peak memory). A block's result depends on its prose
 * (with the character after it, where "U.S." may take its full stop), whether it is a
 * heading, the reference date, and the state the pass carries from earlier blocks
 * (abbreviations the text defined, the person last named under each surname): the record
 * keeps the values of that state it depended on, and is reused only while they hold.
 */
interface BlockRecord {
  heading: boolean;
  after: string;
  date: string;
  /** Abbreviations this block could use (its acronyms), with their values before it. */
  abbreviationsBefore: readonly StateEntry[];
  /** Surnames this block looked up, with their values before it. */
  surnamesBefore: readonly StateEntry[];
  /** The state after the block, for the keys the block set. */
  abbreviationsAfter: readonly StateEntry[];
  surnamesAfter: readonly StateEntry[];
  /** Mentions with offsets relative to the block's start and no text (it is the source's, rebuilt per document). */
  mentions: readonly StoredMention[];
}

type StateEntry = readonly [key: string, value: string | undefined];

interface StoredMention {
  id: string;
  name: string;
  type: RecognizedMention['type'];
  start: number;
  end: number;
  form: MentionForm;
  nameStart: number;
  nameEnd: number;
  written?: string;
  candidates?: string[];
  title?: Omit<MentionTitle, 'text'>;
}

/** Records kept per block text: the same paragraph may recur under different states or dates. */
const RECORDS_PER_TEXT = 4;

/**
 * The records of one block text: most texts have one, held as it is (an array for each of
 * the 1 MB bench document's 7,800 blocks was 0.4 MB of the server's live heap).
 */
type BlockRecords = BlockRecord | BlockRecord[];

const blockMemos = new WeakMap<EntityKnowledge, TextMemo<BlockRecords>>();

function blockMemo(k: EntityKnowledge): TextMemo<BlockRecords> {
  let m = blockMemos.get(k);
  if (!m) blockMemos.set(k, (m = new TextMemo(BLOCK_MEMO_CHARS)));
  return m;
}

/** The innermost mention containing an offset (a descriptive reference may contain a country mention). */
export function mentionAt<M extends OffsetRange>(mentions: readonly M[], offset: number): M | undefined {
  let best: M | undefined;
  for (const m of mentions) {
    if (m.start > offset) break;
    if (offset < m.end || (offset === m.end && m.end > m.start)) {
      if (offset === m.end && mentions.some((o) => o.start <= offset && offset < o.end)) continue;
      if (!best || m.end - m.start < best.end - best.start) best = m;
    }
  }
  return best;
}

/** Entities whose one-word alias also ends other people's and places' names ("Ivanka Trump", "New Mexico"). */
const endsOtherNames = (e: Entity | undefined): boolean => e?.type === 'country' || e?.type === 'place' || e?.type === 'person';

const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'their', 'his', 'her', 'its', 'this', 'that', 'former', 'new', 'next', 'late']);
const WHITESPACE_GAP = /^[ \t]*\n?[ \t]*$/;
const JOIN_GAP = /^(?:[ \t]*\n?[ \t]*|[ \t]?[-\u2010\u2011\u2013][ \t]?|['\u2019][ \t]?)$/;
const OPEN_PAREN_GAP = /^[ \t]*\([ \t]*$/;
const CLOSE_PAREN_GAP = /^[ \t]*\)/;
/** After an initial: "W. Bush", "H.W. Bush". */
const INITIAL_GAP = /^\.[ \t]*\n?[ \t]*$/;

interface Match {
  /** How many tokens carry the alias (skipped initials and parentheticals excluded). */
  words: number;
  /** The index of the alias's last token. */
  last: number;
  entries: AliasEntry[];
}

class Pass {
  private readonly out: RecognizedMention[] = [];
  private readonly abbreviations = new Map<string, string>();
  /** The person most recently mentioned under each surname, for "Kim" after "Kim Jong Un". */
  private readonly lastBySurname = new Map<string, string>();
  private tokens: Token[] = [];
  private blockEnd = 0;
  /** A heading in Title Case, where a capital letter says nothing about names. */
  private titleCase = false;
  /** The token indices of the alias `longest` is following (one array, reused). */
  private readonly used: number[] = [];
  /**
   * While a block's result is being recorded: the surnames it looked up, and the values the
   * keys it set had before it (so what it depended on can be told apart from its own doing).
   */
  private recording = false;
  private readonly surnamesRead = new Set<string>();
  private readonly abbreviationsBefore = new Map<string, string | undefined>();
  private readonly surnamesBefore = new Map<string, string | undefined>();
  /** The compiled base, when it has any pack (most lookups are skipped without one). */
  private readonly base: BaseSet | undefined;
  /** Countries the current block names (ISO codes, lower case): the context a little-known name needs. */
  private readonly blockCountries = new Set<string>();
  /** Compiled names in the current block whose link waits for the block's context. */
  private readonly deferred: Deferred[] = [];

  constructor(
    private readonly doc: ProseDocument,
    private readonly date: string,
    private readonly k: EntityKnowledge,
    private readonly memo?: TextMemo<BlockRecords>,
  ) {
    this.base = k.base.packs.length > 0 ? k.base : undefined;
  }

  run(): RecognizedMention[] {
    for (const block of this.doc.blocks) {
      if (this.memo) this.memoised(this.memo, block);
      else this.scan(block);
    }
    return this.out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private scan(block: ProseBlock): void {
    this.tokens = tokenize(this.doc.prose, block.start, block.end);
    this.blockEnd = block.end;
    this.titleCase = block.kind === 'heading' && this.tokens.every((t) => t.raw.length < 4 || /^[\p{Lu}\p{N}]/u.test(t.raw));
    const roots = this.k.trie.next;
    const lowerStarts = lowerCaseStarts(this.k.trie);
    const tokens = this.tokens;
    const base = this.base;
    this.blockCountries.clear();
    let i = 0;
    while (i < tokens.length) {
      // Most words start no alias and define no abbreviation, and a lower-case word starts
      // only the few aliases written so: skip the rest here, in this hot loop, rather than
      // in a call per word (measured: ~0.5 s of the CLI's 1,000 files). A capitalised word
      // may start a compiled name or surname: one hash lookup says.
      const t = tokens[i]!;
      const first = roots.get(t.norm);
      if (first === undefined ? this.abbreviations.size === 0 && (base === undefined || startsLowerCase(t) || base.wordFlags(t.norm) === 0) : startsLowerCase(t) && !lowerStarts.has(first)) i++;
      else i = this.at(i);
    }
    if (this.deferred.length > 0) this.settleDeferred();
  }

  /** A block through the memo: replayed when a record of its text still holds, else scanned and recorded. */
  private memoised(memo: TextMemo<BlockRecords>, block: ProseBlock): void {
    const prose = this.doc.prose;
    const heading = block.kind === 'heading';
    const after = block.end < prose.length ? prose[block.end]! : '';
    // The block's text is the key, read in place in the prose (no slice per block per keystroke).
    const records = memo.findRange(prose, block.start, block.end, 0);
    if (records) {
      const hit = Array.isArray(records) ? records.find((r) => this.replays(r, heading, after)) : this.replays(records, heading, after) ? records : undefined;
      if (hit) {
        this.replay(hit, block.start);
        return;
      }
    }
    const from = this.out.length;
    this.recording = true;
    this.scan(block);
    this.recording = false;
    const record = this.record(heading, after, block.start, from);
    this.surnamesRead.clear();
    this.abbreviationsBefore.clear();
    this.surnamesBefore.clear();
    if (!records) memo.setRange(prose, block.start, block.end, 0, record);
    else if (!Array.isArray(records)) memo.setRange(prose, block.start, block.end, 0, [record, records]);
    else if (records.unshift(record) > RECORDS_PER_TEXT) records.pop();
  }

  /** Whether a record of this block's text holds here: the same kind of block, next character, date and state. */
  private replays(r: BlockRecord, heading: boolean, after: string): boolean {
    return r.heading === heading && r.after === after && r.date === this.date && this.stateAgrees(r);
  }

  /** Whether the state before this block has the values the record depended on. */
  private stateAgrees(r: BlockRecord): boolean {
    for (const [key, value] of r.abbreviationsBefore) if (this.abbreviations.get(key) !== value) return false;
    for (const [key, value] of r.surnamesBefore) if (this.lastBySurname.get(key) !== value) return false;
    return true;
  }

  private replay(r: BlockRecord, offset: number): void {
    for (const [key, value] of r.abbreviationsAfter) this.abbreviations.set(key, value!);
    for (const [key, value] of r.surnamesAfter) this.lastBySurname.set(key, value!);
    const source = this.doc.source;
    for (const s of r.mentions) {
      const start = s.start + offset;
      const end = s.end + offset;
      const m: RecognizedMention = { id: s.id, name: s.name, type: s.type, text: source.slice(start, end), start, end, form: s.form, nameRange: { start: s.nameStart + offset, end: s.nameEnd + offset } };
      if (s.title) {
        const t = s.title;
        const ts = t.start + offset;
        const te = t.end + offset;
        m.title = { start: ts, end: te, text: source.slice(ts, te), style: t.style, held: t.held, strayPunctuation: t.strayPunctuation };
        if (t.qualifier) m.title.qualifier = t.qualifier;
      }
      if (s.written !== undefined) m.written = s.written;
      if (s.candidates) m.candidates = s.candidates;
      this.out.push(m);
    }
  }

  /**
   * The record of the block just scanned (its mentions are out[from..]). It depends on the
   * abbreviations its acronyms could name (a defined abbreviation is only used for a word
   * written as an acronym; the hot loop's shortcut for an empty map skips nothing else) and
   * on the surnames it looked up, each with its value before the block.
   */
  private record(heading: boolean, after: string, offset: number, from: number): BlockRecord {
    const abbreviationsBefore: StateEntry[] = [];
    const seen = new Set<string>();
    for (const t of this.tokens) {
      if (seen.has(t.norm) || caseOf(t.raw) !== 'acronym') continue;
      seen.add(t.norm);
      abbreviationsBefore.push([ownCopy(t.norm), before(this.abbreviations, this.abbreviationsBefore, t.norm)]);
    }
    const surnamesBefore: StateEntry[] = [];
    for (const key of this.surnamesRead) surnamesBefore.push([ownCopy(key), before(this.lastBySurname, this.surnamesBefore, key)]);
    const abbreviationsAfter: StateEntry[] = [];
    for (const key of this.abbreviationsBefore.keys()) abbreviationsAfter.push([ownCopy(key), this.abbreviations.get(key)]);
    const surnamesAfter: StateEntry[] = [];
    for (const key of this.surnamesBefore.keys()) surnamesAfter.push([ownCopy(key), this.lastBySurname.get(key)]);
    const mentions: StoredMention[] = [];
    for (let n = from; n < this.out.length; n++) {
      const m = this.out[n]!;
      const s: StoredMention = {
        id: m.id,
        name: m.name,
        type: m.type,
        start: m.start - offset,
        end: m.end - offset,
        form: m.form,
        nameStart: m.nameRange.start - offset,
        nameEnd: m.nameRange.end - offset,
      };
      if (m.written !== undefined) s.written = m.written;
      if (m.candidates) s.candidates = m.candidates;
      if (m.title) {
        const t = m.title;
        s.title = { start: t.start - offset, end: t.end - offset, style: t.style, held: t.held, strayPunctuation: t.strayPunctuation };
        if (t.qualifier) s.title.qualifier = t.qualifier;
      }
      mentions.push(s);
    }
    return {
      heading,
      after,
      date: this.date,
      abbreviationsBefore: shared(abbreviationsBefore),
      surnamesBefore: shared(surnamesBefore),
      abbreviationsAfter: shared(abbreviationsAfter),
      surnamesAfter: shared(surnamesAfter),
      mentions: shared(mentions),
    };
  }

  /** The person last named under a surname, noted as a dependency of the block being recorded. */
  private lastNamed(surname: string): string | undefined {
    if (this.recording) this.surnamesRead.add(surname);
    return this.lastBySurname.get(surname);
  }

  private setLastNamed(surname: string, id: string): void {
    if (this.recording && !this.surnamesBefore.has(surname)) this.surnamesBefore.set(surname, this.lastBySurname.get(surname));
    this.lastBySurname.set(surname, id);
  }

  private defineAbbreviation(abbreviation: string, id: string): void {
    if (this.recording && !this.abbreviationsBefore.has(abbreviation)) this.abbreviationsBefore.set(abbreviation, this.abbreviations.get(abbreviation));
    this.abbreviations.set(abbreviation, id);
  }

  private gap(i: number): string {
    const from = this.tokens[i]!.end;
    const to = i + 1 < this.tokens.length ? this.tokens[i + 1]!.start : this.blockEnd;
    return this.doc.prose.slice(from, Math.min(to, from + 12));
  }

  /** Handles the token at i; returns the index to continue from. */
  private at(i: number): number {
    const t = this.tokens[i]!;
    const local = this.abbreviations.get(t.norm);
    if (local && caseOf(t.raw) === 'acronym') {
      this.emit(local, 'abbreviation', t, t);
      return this.afterEntity(local, i, i);
    }
    const match = this.longest(i, this.k.trie);
    const flags = this.base && !startsLowerCase(t) ? this.base.wordFlags(t.norm) : 0;
    if (flags & 1) {
      const compiled = this.compiledName(i);
      if (compiled && (!match || compiled.last > match.last || (compiled.last === match.last && !match.entries.some((e) => e.target.kind === 'entity')))) {
        const next = this.linkCompiledName(i, compiled);
        if (next !== undefined) return next;
      }
    }
    if (!match) return flags & 2 ? this.compiledSurnameAlone(i) : i + 1;
    const last = match.last;
    const entities = match.entries.filter((e) => e.target.kind === 'entity');
    if (entities.length > 0) {
      const entry = this.choose(entities);
      const target = entry.target as Extract<AliasEntry['target'], { kind: 'entity' }>;
      // "Putin" and "Mexico" are names, "Putin Street" and "Mexico City" longer ones we do not know.
      if (match.words === 1 && caseOf(t.raw) !== 'acronym' && this.nameContinues(i)) return i + 1;
      // "Michael Jordan" and "Lake Chad" are not the countries, nor "Ivanka Trump" the president.
      if (match.words === 1 && endsOtherNames(this.k.entity(target.id)) && this.namePrecedes(i)) return i + 1;
      const end = this.endOf(entry, last);
      const m = this.emit(target.id, target.misspelling ? 'misspelling' : 'name', t, end);
      if (target.misspelling) m.written = entry.written;
      return this.afterEntity(target.id, i, last, end.end > this.tokens[last]!.end);
    }
    for (const entry of match.entries) {
      const target = entry.target;
      if (target.kind === 'title') {
        const next = this.title(i, last, target.style);
        if (next !== undefined) return next;
      } else if (target.kind === 'demonym') {
        const iso = this.k.entity(target.countryId)?.country?.iso2;
        if (iso) this.blockCountries.add(iso.toLowerCase());
        const next = this.demonym(target.countryId, i, last);
        if (next !== undefined) return next;
      } else if (target.kind === 'surname') {
        // "Fox" after "Vicente Fox", but not in "Fox News"; "May" never alone.
        const id = this.lastNamed(t.norm);
        if (id && match.words === 1 && this.k.entity(id)?.bareSurname !== false && !this.nameContinues(i)) {
          this.emit(id, 'coreference', t, t);
          return i + 1;
        }
      }
    }
    return flags & 2 ? this.compiledSurnameAlone(i) : i + 1;
  }

  /** The longest alias starting at token i whose entries accept the text's letter case. */
  private longest(i: number, root: TrieNode, anyCase = false): Match | undefined {
    const start = root.next.get(this.tokens[i]!.norm);
    if (!start) return undefined;
    // No alias under this word takes a lower-case first word (the usual case): nothing can match.
    if (!anyCase && startsLowerCase(this.tokens[i]!) && !lowerCaseStarts(root).has(start)) return undefined;
    let node: TrieNode = start;
    const used = this.used;
    used.length = 0;
    used.push(i);
    let best = this.accepted(node, used, anyCase);
    let j = i;
    // A node without children ends every alias through it.
    while (j + 1 < this.tokens.length && node.next.size > 0) {
      const g = this.gap(j);
      let n = j + 1;
      // "George W. Bush", "H.W.": a full stop after an initial the alias also has.
      const joined = JOIN_GAP.test(g) || (INITIAL_GAP.test(g) && (isInitial(this.tokens[j]!) || this.k.abbreviatedWords.has(this.tokens[j]!.norm)));
      let child: TrieNode | undefined = joined ? node.next.get(this.tokens[n]!.norm) : undefined;
      if (!child && WHITESPACE_GAP.test(g)) {
        // "Vladimir V. Putin", "George H. W. Bush" for "George Bush": middle initials the alias does not have.
        let m = n;
        while (m + 1 < this.tokens.length && m < n + 3 && isInitial(this.tokens[m]!) && INITIAL_GAP.test(this.gap(m))) m += 1;
        if (m > n) {
          child = node.next.get(this.tokens[m]!.norm);
          if (child) n = m;
        }
      }
      if (!child && OPEN_PAREN_GAP.test(g)) {
        // "Sino-North Korean (NK) Mutual Aid …": a short parenthetical inserted into a long name.
        for (let m = n; m < Math.min(n + 4, this.tokens.length - 1); m++) {
          if (CLOSE_PAREN_GAP.test(this.gap(m))) {
            child = node.next.get(this.tokens[m + 1]!.norm);
            if (child) n = m + 1;
            break;
          }
          if (!WHITESPACE_GAP.test(this.gap(m))) break;
        }
      }
      if (!child) break;
      node = child;
      used.push(n);
      j = n;
      if (node.entries.length > 0) best = this.accepted(node, used, anyCase) ?? best;
    }
    return best;
  }

  /**
   * The aliases ending at `node` that accept the letter case of the words `used` and the date.
   * Usually all of them do: then the node's own list is returned rather than a filtered copy
   * (the copies and the copied token lists were a third of recognition's garbage).
   */
  private accepted(node: TrieNode, used: readonly number[], anyCase: boolean): Match | undefined {
    const all = node.entries;
    if (all.length === 0) return undefined;
    let entries: AliasEntry[] | undefined;
    for (let n = 0; n < all.length; n++) {
      const e = all[n]!;
      const fits = (anyCase || e.cases.every((c, w) => caseMatches(c, this.tokens[used[w]!]!.raw))) && (e.target.kind !== 'entity' || e.target.from === undefined || activeOn(e.target, this.date));
      if (fits) entries?.push(e);
      else entries ??= all.slice(0, n);
    }
    entries ??= all;
    return entries.length > 0 ? { words: used.length, last: used[used.length - 1]!, entries } : undefined;
  }

  /** The mention's end: "U.S." keeps its last full stop when the alias is written with it. */
  private endOf(entry: AliasEntry, last: number): OffsetRange {
    const token = this.tokens[last]!;
    const stop = isInitial(token) && entry.written.endsWith('.') && this.doc.prose[token.end] === '.';
    return { start: token.start, end: stop ? token.end + 1 : token.end };
  }

  /**
   * A capitalised word follows the name within the sentence ("Fox News", "Martin Luther
   * King", "Kim Yo Jong"): a longer name we do not know, unless that word starts a known
   * name itself ("the Trump Kim summit") or the heading capitalises every word.
   */
  private nameContinues(last: number): boolean {
    const more = this.tokens[last + 1];
    if (this.titleCase || !more || !JOIN_GAP.test(this.gap(last)) || !/^\p{Lu}/u.test(more.raw)) return false;
    return this.longest(last + 1, this.k.trie) === undefined;
  }

  /**
   * A one-word name right after a capitalised word we do not know, in mid-sentence, is the
   * end of a longer name ("praised Michael Jordan", "near Lake Chad", "with Ivanka Trump"). At the start of a
   * sentence or a quotation the word before may be capitalised for that reason alone
   * ("Traditionally China", "“Contain China”"), so there the place is taken as named.
   */
  private namePrecedes(first: number): boolean {
    const before = this.tokens[first - 1];
    const earlier = this.tokens[first - 2];
    if (this.titleCase || !before || !earlier || !/^\p{Lu}\p{Ll}+$/u.test(before.raw)) return false;
    if (!/^[ \t]+$/.test(this.doc.prose.slice(before.end, this.tokens[first]!.start))) return false;
    if (/[.!?:;"\u201C\u201D(\[\u2014]/.test(this.doc.prose.slice(earlier.end, before.start))) return false;
    // "Eastern Ukraine" is a part of the country, where "North America" is another place.
    if (/^(?:north|south|east|west)ern$/.test(before.norm)) return false;
    return this.longest(first - 1, this.k.trie) === undefined;
  }

  /** Several entities share an alias: prefer the one active on the reference date. */
  private choose(entries: AliasEntry[]): AliasEntry {
    if (entries.length === 1) return entries[0]!;
    const active = entries.find((e) => e.target.kind === 'entity' && this.isActive(this.k.entity(e.target.id)));
    return active ?? entries[0]!;
  }

  private isActive(entity: Entity | undefined): boolean {
    if (!entity) return false;
    if (entity.type === 'person') return entity.roles.some((r) => activeOn(r, this.date));
    return entity.roles.length === 0 || entity.roles.some((r) => r.from === undefined || startOf(r.from) <= this.date);
  }

  private emit(id: string, form: MentionForm, first: Token | OffsetRange, last: Token | OffsetRange, name?: OffsetRange): RecognizedMention {
    const entity = this.k.entity(id)!;
    const start = first.start;
    const end = last.end;
    const mention: RecognizedMention = {
      id,
      name: entity.name,
      type: entity.type,
      text: this.doc.source.slice(start, end),
      start,
      end,
      form,
      nameRange: name ?? { start, end },
    };
    this.out.push(mention);
    if (entity.type === 'person' && entity.surname) this.setLastNamed(styleOf(entity.surname), id);
    if (entity.country) this.blockCountries.add(entity.country.iso2.toLowerCase());
    return mention;
  }

  /** A name or title the knowledge cannot settle: its own mention, with the candidates if any. */
  private emitUnsettled(form: 'unknown' | 'ambiguous', key: string, written: string, first: Token | OffsetRange, last: Token | OffsetRange, name: OffsetRange, candidates?: string[]): RecognizedMention {
    const start = first.start;
    const end = last.end;
    const mention: RecognizedMention = { id: `${form}:${key}`, name: written, type: 'person', text: this.doc.source.slice(start, end), start, end, form, nameRange: name };
    if (candidates) mention.candidates = candidates;
    this.out.push(mention);
    return mention;
  }

  /** After an entity: an abbreviation defined in parentheses, or "X's president". */
  private afterEntity(id: string, first: number, last: number, stopTaken = false): number {
    // "the U.S. president": the mention took the full stop after "S".
    const g = stopTaken ? this.gap(last).slice(1) : this.gap(last);
    const abbr = this.tokens[last + 1];
    if (abbr && OPEN_PAREN_GAP.test(g) && caseOf(abbr.raw) === 'acronym' && abbr.raw.length <= 6 && CLOSE_PAREN_GAP.test(this.gap(last + 1))) {
      this.defineAbbreviation(abbr.norm, id);
      this.emit(id, 'abbreviation', abbr, abbr);
      return last + 2;
    }
    const entity = this.k.entity(id);
    if (entity && (entity.type === 'country' || entity.type === 'organisation')) {
      let n = last + 1;
      if (/^['\u2019]$/.test(g) && this.tokens[n]?.norm === 's') n += 1;
      else if (!WHITESPACE_GAP.test(g)) return last + 1;
      const described = this.office(id, first, n, last);
      if (described !== undefined) return described;
    }
    return last + 1;
  }

  /** "South Korea's president", "the US president": an office word after a country. */
  private office(countryId: string, first: number, n: number, before: number): number | undefined {
    if (n >= this.tokens.length || (n > before + 1 && !WHITESPACE_GAP.test(this.gap(n - 1)))) return undefined;
    const office = this.longest(n, this.k.offices, true);
    if (!office) return undefined;
    const end = office.last;
    const style = (office.entries[0]!.target as { style: string }).style;
    // "China's President Xi": a name follows, so the office is that name's title.
    if (end + 1 < this.tokens.length && WHITESPACE_GAP.test(this.gap(end)) && this.nameAt(end + 1)) {
      return this.title(n, end, style) ?? end + 1;
    }
    // "the Chinese leader" is one person; "any Chinese leader" or "a US president" is not.
    const possessive = n > before + 1;
    const article = first > 0 ? this.tokens[first - 1]! : undefined;
    if (!possessive && !(article && article.norm === 'the' && WHITESPACE_GAP.test(this.gap(first - 1)))) return undefined;
    const holder = this.holder(countryId, style);
    if (!holder) return undefined;
    this.emit(holder, 'description', this.tokens[first]!, this.tokens[end]!);
    return end + 1;
  }

  private nameAt(n: number): boolean {
    const m = this.longest(n, this.k.trie);
    return !!m && m.entries.some((e) => e.target.kind === 'surname' || (e.target.kind === 'entity' && this.k.entity(e.target.id)?.type === 'person'));
  }

  private demonym(countryId: string, first: number, last: number): number | undefined {
    if (last + 1 >= this.tokens.length || !WHITESPACE_GAP.test(this.gap(last))) return undefined;
    return this.office(countryId, first, last + 1, last);
  }

  /** The person holding an office of `countryId` with this style (or as its leader) on the date. */
  private holder(countryId: string, style: string): string | undefined {
    let best: { id: string; from: string } | undefined;
    for (const h of this.k.holders.get(countryId) ?? []) {
      const fits = style === 'leader' ? h.role.leader : roleHas(h.role, style);
      if (!fits || !activeOn(h.role, this.date)) continue;
      const from = h.role.from ? startOf(h.role.from) : '';
      if (!best || from > best.from) best = { id: h.personId, from };
    }
    if (best || !this.base) return best?.id;
    // The compiled holders of the country's offices: "Israel's prime minister" in 2015.
    const iso = this.k.entity(countryId)?.country?.iso2;
    if (!iso) return undefined;
    let found: { handle: number; from: string } | undefined;
    for (const h of this.base.holders(iso.toLowerCase(), style)) {
      if (!activeOn(h, this.date)) continue;
      const from = h.from ? startOf(h.from) : '';
      if (!found || from > found.from) found = { handle: h.handle, from };
    }
    return found ? this.k.fromHandle(found.handle).id : undefined;
  }

  /** A title at tokens first..last: a name, a surname, or "of <country>" should follow. */
  private title(first: number, last: number, style: string): number | undefined {
    const n = last + 1;
    if (n >= this.tokens.length) return undefined;
    const g = this.gap(last);
    const prev = first > 0 ? this.tokens[first - 1] : undefined;
    const stop = /^\.[ \t]+$/.test(g);
    // "Mr. Johnson", "Dr. Kim", "Sen. McConnell": honorifics and abbreviated titles take a full stop; an office written out does not.
    const abbreviated = stop && (this.isHonorific(style) || this.k.abbreviatedStyles.has(style));
    const stray = stop && !abbreviated && !(prev && DETERMINERS.has(prev.norm) && WHITESPACE_GAP.test(this.gap(first - 1)));
    if (!WHITESPACE_GAP.test(g) && !stray && !abbreviated) return undefined;
    const firstToken = this.tokens[first]!;
    const lastToken = this.tokens[last]!;
    const titleEnd = abbreviated ? lastToken.end + 1 : lastToken.end;
    const qualifier = this.titleQualifier(first);
    const titleInfo = (personId: string): MentionTitle => {
      const info: MentionTitle = {
        start: firstToken.start,
        end: titleEnd,
        text: this.doc.source.slice(firstToken.start, titleEnd),
        style,
        held: this.isHonorific(style) ? undefined : this.holds(personId, style),
        strayPunctuation: stray,
      };
      if (qualifier) info.qualifier = qualifier;
      return info;
    };

    // A compiled full name after the title ("Speaker John Boehner"), unless the packs know a longer one.
    const name = this.longest(n, this.k.trie);
    const compiled = this.base && !startsLowerCase(this.tokens[n]!) && this.base.wordFlags(this.tokens[n]!.norm) & 1 ? this.compiledName(n) : undefined;
    if (compiled && (!name || compiled.last > name.last || !name.entries.some((e) => e.target.kind === 'entity' && this.k.entity(e.target.id)?.type === 'person'))) {
      const people = this.people(compiled.handles);
      if (people.length > 0 && !this.nameContinues(compiled.last)) {
        const start = this.tokens[n]!;
        const end = this.tokens[compiled.last]!;
        const chosen = this.titled(people, style);
        if (typeof chosen === 'string') {
          const m = this.emit(chosen, 'name', stray ? firstToken : start, end, { start: start.start, end: end.end });
          m.title = titleInfo(chosen);
          return this.afterEntity(chosen, n, compiled.last);
        }
        if (chosen) {
          this.emitUnsettled('ambiguous', keyOf(this.tokens, n, compiled.last), this.doc.source.slice(start.start, end.end), firstToken, end, { start: start.start, end: end.end }, chosen.map((p) => p.id));
          return compiled.last + 1;
        }
      }
    }

    if (name) {
      const nameEnd = name.last;
      const people = name.entries.filter((e) => e.target.kind === 'entity' && this.k.entity(e.target.id)?.type === 'person');
      if (people.length > 0) {
        const entry = this.choose(people);
        const target = entry.target as Extract<AliasEntry['target'], { kind: 'entity' }>;
        const start = this.tokens[n]!;
        const end = this.tokens[nameEnd]!;
        const person = this.k.entity(target.id)!;
        // "President Trump" is a title form like "President Kim"; a full name keeps its own
        // range ("President Xi Jin Ping" → "Xi Jin Ping"). A stray full stop belongs to the
        // mention so the fix can remove it.
        const bySurname = name.words === 1 && person.surname !== undefined && styleOf(person.surname) === start.norm;
        const form = target.misspelling ? 'misspelling' : bySurname ? 'title' : 'name';
        const m = this.emit(target.id, form, stray || bySurname ? firstToken : start, end, { start: start.start, end: end.end });
        m.title = titleInfo(target.id);
        if (target.misspelling) m.written = entry.written;
        return this.afterEntity(target.id, n, nameEnd);
      }
    }
    // A surname: the packs' ("President Kim") and the compiled base's ("Speaker Boehner").
    const packSurname = name?.entries.find((e) => e.target.kind === 'surname');
    const compiledSurname = this.base && this.base.wordFlags(this.tokens[n]!.norm) & 2 ? this.compiledSurname(n) : undefined;
    const surnameEnd = Math.max(packSurname ? name!.last : -1, compiledSurname?.last ?? -1);
    // "Chairman Lee Soo-man": more name follows the surname, so this is someone else.
    // "Rep. James Jordan": a capitalised word right after the surname makes it a first name, whatever that word is.
    const after = this.tokens[surnameEnd + 1];
    const longerName = after !== undefined && /^\p{Lu}\p{Ll}/u.test(after.raw) && /^[ \t]+$/.test(this.doc.prose.slice(this.tokens[surnameEnd]?.end ?? 0, after.start)) && !this.titleCase;
    if (surnameEnd >= n && !longerName && !this.nameContinues(surnameEnd) && /^[\p{Lu}\p{N}]/u.test(this.tokens[n]!.raw)) {
      const ids = new Set<string>();
      if (packSurname && packSurname.target.kind === 'surname' && name!.last === surnameEnd) for (const id of packSurname.target.ids) ids.add(id);
      if (compiledSurname && compiledSurname.last === surnameEnd) for (const p of this.people(compiledSurname.handles)) ids.add(p.id);
      const key = keyOf(this.tokens, n, surnameEnd);
      const found = this.resolveSurname([...ids], key, style);
      const range = { start: this.tokens[n]!.start, end: this.tokens[surnameEnd]!.end };
      if (typeof found === 'string') {
        const m = this.emit(found, 'title', firstToken, this.tokens[surnameEnd]!, range);
        m.title = titleInfo(found);
        return surnameEnd + 1;
      }
      if (found) {
        const m = this.emitUnsettled('ambiguous', key, this.doc.source.slice(range.start, range.end), firstToken, this.tokens[surnameEnd]!, range, found);
        m.title = { ...titleInfo(''), held: undefined };
        return surnameEnd + 1;
      }
    }
    if (!stray && this.tokens[n]!.norm === 'of' && n + 1 < this.tokens.length && WHITESPACE_GAP.test(this.gap(n))) {
      // "President of France", "the President of the European Commission".
      const body = this.bodyAt(n + 1) ?? (this.tokens[n + 1]!.norm === 'the' && WHITESPACE_GAP.test(this.gap(n + 1)) ? this.bodyAt(n + 2) : undefined);
      const holder = body && this.holder(body.id, style);
      if (body && holder) {
        this.emit(holder, 'description', firstToken, this.tokens[body.last]!);
        this.emit(body.id, 'name', this.tokens[body.first]!, this.tokens[body.last]!);
        return body.last + 1;
      }
    }
    return this.unknownTitled(first, n, style, stray, titleInfo);
  }

  /**
   * "Speaker Smith" with no Smith the knowledge holds: a name written with an office title
   * still gets a card of its own ("not in the bundled knowledge: named here as Speaker"), so
   * a writer sees the gap and can add the person to a workspace pack.
   */
  private unknownTitled(first: number, n: number, style: string, stray: boolean, titleInfo: (id: string) => MentionTitle): number | undefined {
    if (stray || this.isHonorific(style) || !/^\p{Lu}/u.test(this.tokens[first]!.raw) || this.titleCase) return undefined;
    let last = n - 1;
    while (last + 1 < this.tokens.length && last < n + 2) {
      const t = this.tokens[last + 1]!;
      if (!/^\p{Lu}\p{Ll}/u.test(t.raw) || NOT_A_NAME.has(t.norm)) break;
      if (last >= n && !WHITESPACE_GAP.test(this.gap(last)) && !/^[-\u2010\u2011]$/.test(this.gap(last))) break;
      last++;
    }
    if (last < n || this.nameContinues(last)) return undefined;
    if (this.longest(n, this.k.trie)?.entries.some((e) => e.target.kind !== 'surname')) return undefined;
    const key = keyOf(this.tokens, n, last);
    const range = { start: this.tokens[n]!.start, end: this.tokens[last]!.end };
    const m = this.emitUnsettled('unknown', key, this.doc.source.slice(range.start, range.end), this.tokens[first]!, this.tokens[last]!, range);
    m.title = { ...titleInfo(''), held: undefined };
    return last + 1;
  }

  /**
   * "former" or "then-" before a title, also across the place it belongs to: "former Vermont
   * Gov Howard Dean", "then-French President Nicolas Sarkozy", "former White House National
   * Security Adviser".
   */
  private titleQualifier(first: number): 'former' | 'then' | 'other' | undefined {
    for (let p = first - 1; p >= 0 && p >= first - 4; p--) {
      const prev = this.tokens[p]!;
      const g = this.doc.prose.slice(prev.end, this.tokens[p + 1]!.start);
      if (!/^(?:\.?[ \t]+|[-\u2010\u2011][ \t]?|\.)$/.test(g)) return undefined;
      if (prev.norm === 'former' || prev.norm === 'ex' || prev.norm === 'onetime' || prev.norm === 'erstwhile' || prev.norm === 'late') return 'former';
      if (prev.norm === 'then') return 'then';
      // "state Rep. Ilhan Omar", "state Sen.": a state legislature's title, not the federal one.
      if (prev.norm === 'state' && p === first - 1 && prev.raw === 'state') return 'other';
      // Only the place or body the title belongs to may stand between: capitalised words.
      if (!/^[\p{Lu}]/u.test(prev.raw)) return undefined;
    }
    return undefined;
  }

  /** The people among compiled entities (a hand-written entry standing for one is returned instead). */
  private people(handles: readonly Handle[]): Entity[] {
    const out: Entity[] = [];
    for (const h of handles) {
      const e = this.k.fromHandle(h);
      if (e.type === 'person' && !out.includes(e)) out.push(e);
    }
    return out;
  }

  /**
   * Who a titled full name is ("Vice President Mike Pence"): the namesake holding an office
   * with that style on the date, else the one who held it at another time, else the only
   * namesake (the card then says the title does not fit). Several equally good: the
   * candidates, for a "which one?" card.
   */
  private titled(people: Entity[], style: string): string | Entity[] | undefined {
    const alive = people.filter((p) => !p.born || startOf(p.born) <= this.date);
    const holding = alive.filter((p) => p.roles.some((r) => roleHas(r, style) && activeOn(r, this.date)));
    if (holding.length === 1) return holding[0]!.id;
    if (holding.length > 1) return this.pickByContext(holding) ?? holding;
    const styled = alive.filter((p) => p.roles.some((r) => roleHas(r, style)));
    if (styled.length === 1) return styled[0]!.id;
    if (styled.length > 1) return this.pickByContext(styled) ?? styled;
    if (alive.length === 1) return alive[0]!.id;
    return alive.length > 1 ? (this.pickByContext(alive) ?? alive) : undefined;
  }

  /** Among namesakes, the one whose country the block names, when only one's is. */
  private pickByContext(people: Entity[]): string | undefined {
    const fits = people.filter((p) => this.inContext(p));
    return fits.length === 1 ? fits[0]!.id : undefined;
  }

  private inContext(p: Entity): boolean {
    return p.roles.some((r) => r.jurisdiction !== undefined && this.blockCountries.has(r.jurisdiction.slice(0, 2)));
  }

  /** The longest compiled name starting at token i: its last token and the entities it names. */
  private compiledName(i: number): { last: number; handles: Handle[] } | undefined {
    return this.compiledKey(i, 'names');
  }

  private compiledSurname(i: number): { last: number; handles: Handle[] } | undefined {
    return this.compiledKey(i, 'surnames');
  }

  private compiledKey(i: number, table: 'names' | 'surnames'): { last: number; handles: Handle[] } | undefined {
    const base = this.base!;
    const tokens = this.tokens;
    let key = tokens[i]!.norm;
    let j = i;
    let best: { last: number; handles: Handle[] } | undefined;
    for (;;) {
      const found = base.lookup(key, table);
      if (found.handles.length > 0) {
        const t = tokens[j]!;
        // A name's words are capitalised but for particles ("Ursula von der Leyen"); an acronym only as written.
        const ok = /^[\p{Lu}\p{N}]/u.test(t.raw) || j === i;
        const handles = found.handles.filter((h) => (h.acronym ? j === i && caseOf(tokens[i]!.raw) === 'acronym' : ok && (j === i ? table === 'surnames' || /^[\p{Lu}\p{N}]/u.test(tokens[i]!.raw) : true))).map((h) => h.handle);
        if (handles.length > 0) best = { last: j, handles };
      }
      if (!found.continues || j + 1 >= tokens.length) break;
      const g = this.gap(j);
      if (!(JOIN_GAP.test(g) || (INITIAL_GAP.test(g) && isInitial(tokens[j]!)))) break;
      const next = tokens[j + 1]!;
      if (!/^[\p{Lu}\p{N}]/u.test(next.raw) && !PARTICLES.has(next.norm)) break;
      j++;
      key += ` ${next.norm}`;
    }
    return best;
  }

  /**
   * A compiled full name with no title: linked when exactly one namesake is plausible on the
   * date and, for people little known outside their country, when the block names that
   * country (decided at the block's end, when all its countries are known).
   */
  private linkCompiledName(i: number, found: { last: number; handles: Handle[] }): number | undefined {
    if (this.nameContinues(found.last)) return undefined;
    const candidates: Array<{ entity: Entity; gate: Gate }> = [];
    for (const h of found.handles) {
      const entity = this.k.fromHandle(h);
      if (candidates.some((c) => c.entity === entity)) continue;
      const gate = this.gate(entity);
      if (gate !== 'no') candidates.push({ entity, gate });
    }
    if (candidates.length === 0) return undefined;
    if (candidates.length === 1 && candidates[0]!.gate === 'yes') {
      const id = candidates[0]!.entity.id;
      this.emit(id, 'name', this.tokens[i]!, this.tokens[found.last]!);
      return this.afterEntity(id, i, found.last);
    }
    this.deferred.push({ first: i, last: found.last, start: this.tokens[i]!.start, end: this.tokens[found.last]!.end, candidates });
    return found.last + 1;
  }

  /** The deferred names of the block, now that its countries are known. */
  private settleDeferred(): void {
    for (const d of this.deferred) {
      const fits = d.candidates.filter((c) => c.gate === 'yes' || this.inContext(c.entity));
      const range = { start: d.start, end: d.end };
      if (fits.length === 1) {
        this.emit(fits[0]!.entity.id, 'name', range, range);
        continue;
      }
      if (fits.length === 0) continue;
      const active = fits.filter((c) => c.entity.type !== 'person' || c.entity.roles.some((r) => activeOn(r, this.date)));
      const inContext = fits.filter((c) => this.inContext(c.entity));
      const pick = active.length === 1 ? active[0] : inContext.length === 1 ? inContext[0] : undefined;
      if (pick) this.emit(pick.entity.id, 'name', range, range);
      else {
        const m = this.emitUnsettled('ambiguous', keyOf(this.tokens, d.first, d.last), this.doc.source.slice(d.start, d.end), range, range, range, fits.slice(0, MAX_CANDIDATES).map((c) => c.entity.id));
        m.type = fits[0]!.entity.type;
      }
    }
    this.deferred.length = 0;
  }

  /**
   * Whether a compiled entity may be the one a bare full name means on the date: `yes`,
   * `context` (only where the block names its country), or `no`. Heads of state and
   * government, the main ministers and US congressional leaders are known anywhere; other
   * office holders near their years in office, or with their country named; legislators of
   * other countries and junior posts only with their country named, near their years.
   */
  private gate(e: Entity): Gate {
    // A hand-written entry (or one standing for a compiled entity) is ours: known anywhere.
    if (this.k.entities.get(e.id) === e) return e.type === 'person' && e.born && startOf(e.born) > this.date ? 'no' : 'yes';
    if (e.type === 'treaty' || e.type === 'organisation') {
      const first = e.roles.map((r) => r.from).filter((d): d is string => d !== undefined).sort()[0];
      return first && startOf(first) > this.date ? 'no' : 'yes';
    }
    if (e.type !== 'person') return 'yes';
    if (e.born && startOf(e.born) > this.date) return 'no';
    const n = e.notability ?? 0;
    if (n >= 3) return 'yes';
    const froms = e.roles.map((r) => r.from).filter((d): d is string => d !== undefined).sort();
    const tos = e.roles.map((r) => r.to ?? '9999').sort();
    const year = Number(this.date.slice(0, 4));
    const near = (years: number): boolean => froms.length > 0 && Number(froms[0]!.slice(0, 4)) - years <= year && year <= Number(tos[tos.length - 1]!.slice(0, 4)) + years;
    if (n === 2) return near(12) ? 'yes' : near(30) ? 'context' : 'no';
    return near(8) ? 'context' : 'no';
  }

  /**
   * A compiled surname alone: the person the text last named under it ("Pelosi" after
   * "Nancy Pelosi"), or, with no earlier mention, the one prominent person of that surname
   * when the word is no one's first name and stands in mid-sentence.
   */
  private compiledSurnameAlone(i: number): number {
    const found = this.compiledSurname(i);
    if (!found || this.nameContinues(found.last) || this.titleCase) return i + 1;
    const key = keyOf(this.tokens, i, found.last);
    const recent = this.lastNamed(key);
    if (recent) {
      if (this.k.entity(recent)?.bareSurname === false) return i + 1;
      this.emit(recent, 'coreference', this.tokens[i]!, this.tokens[found.last]!);
      return found.last + 1;
    }
    if (found.handles.length !== 1 || found.last !== i || this.tokens[i]!.raw.length < 4) return i + 1;
    if (this.base!.wordFlags(this.tokens[i]!.norm) & 1 || this.k.trie.next.has(this.tokens[i]!.norm)) return i + 1;
    if (this.sentenceStart(i) || this.namePrecedes(i)) return i + 1;
    const e = this.k.fromHandle(found.handles[0]!);
    if (e.type !== 'person' || (e.notability ?? 0) < 3 || e.bareSurname === false) return i + 1;
    const year = Number(this.date.slice(0, 4));
    const near = e.roles.some((r) => r.from !== undefined && Number(r.from.slice(0, 4)) - 2 <= year && year <= Number((r.to ?? '9999').slice(0, 4)) + 2);
    if (!near) return i + 1;
    this.emit(e.id, 'name', this.tokens[i]!, this.tokens[i]!);
    return i + 1;
  }

  /** Whether token i opens a sentence, a quotation or the block, where a capital says nothing. */
  private sentenceStart(i: number): boolean {
    if (i === 0) return true;
    const g = this.doc.prose.slice(this.tokens[i - 1]!.end, this.tokens[i]!.start);
    return /[.!?:;"\u201C\u201D(\[\u2014]/.test(g);
  }

  /** A country or organisation named at token p, whose offices a title may belong to. */
  private bodyAt(p: number): { id: string; first: number; last: number } | undefined {
    if (p >= this.tokens.length) return undefined;
    const place = this.longest(p, this.k.trie);
    const body = place?.entries.find((e) => e.target.kind === 'entity' && ['country', 'organisation'].includes(this.k.entity(e.target.id)?.type ?? ''));
    if (!place || !body || body.target.kind !== 'entity') return undefined;
    return { id: body.target.id, first: p, last: place.last };
  }

  /** Mr, Dr, Comrade: titles that are no office, so no date can make them wrong. */
  private isHonorific(style: string): boolean {
    return !this.styleIsOffice(style);
  }

  private styleIsOffice(style: string): boolean {
    let node: TrieNode | undefined = this.k.offices;
    for (const word of style.split(' ')) node = node?.next.get(word);
    return !!node && node.entries.length > 0;
  }

  private holds(personId: string, style: string): boolean {
    const person = this.k.entity(personId);
    return !!person && person.roles.some((r) => roleHas(r, style) && activeOn(r, this.date));
  }

  /**
   * "President Kim" on the reference date: whoever held that title then. Otherwise the
   * choice is among the Kims who held an office with that style at some time (so "President
   * Johnson" in 2018 is Lyndon Johnson, not Boris Johnson, then foreign secretary, and
   * "President Clinton" after "Hillary Clinton" is Bill), or among all of them when none
   * did (an honorific, "Mr Johnson", or a title wrong for everyone): the one the text last
   * named; else the one who led a country then ("President Kim" in 2019 is Kim Jong Un,
   * whose title is then wrong, and the card says so); else, for an honorific, the one
   * holding some office then, or the one holding the most notable office then; else the
   * latest former holder of the title; else the only one who held it later, if an adult on
   * the date. Several holding the title on the date ("Sen. Johnson" in 2014) are ambiguous:
   * the text's last-named or the block's country decides, or the candidates are returned.
   */
  private resolveSurname(ids: readonly string[], surnameKey: string, style: string): string | string[] | undefined {
    const people = ids.map((id) => this.k.entity(id)!).filter((p) => p && (!p.born || startOf(p.born) <= this.date));
    const hasStyle = (r: Role): boolean => roleHas(r, style);
    const recent = this.lastNamed(surnameKey);
    const holding = people.filter((p) => p.roles.some((r) => hasStyle(r) && activeOn(r, this.date)));
    if (holding.length > 0) {
      if (holding.length === 1) return holding[0]!.id;
      if (recent && holding.some((p) => p.id === recent)) return recent;
      const ours = holding.filter((p) => this.k.entities.get(p.id) === p);
      if (ours.length === holding.length) return latestStart(holding, this.date, style);
      return this.pickByContext(holding) ?? holding.slice(0, MAX_CANDIDATES).map((p) => p.id);
    }
    const styled = people.filter((p) => p.roles.some(hasStyle));
    const pool = styled.length > 0 ? styled : people;
    if (recent && pool.some((p) => p.id === recent)) return recent;
    const leading = pool.filter((p) => p.roles.some((r) => r.leader && activeOn(r, this.date)));
    if (leading.length === 1) return leading[0]!.id;
    if (styled.length === 0) {
      // An honorific with a surname one hand-written entry has ("Dr. King"): the packs name who writers mean by it.
      const ours = people.filter((p) => this.k.entities.get(p.id) === p);
      if (ours.length === 1 && ours.length < people.length) return ours[0]!.id;
      const active = people.filter((p) => p.roles.some((r) => activeOn(r, this.date)));
      if (active.length === 1) return active[0]!.id;
      const top = active.filter((p) => p.roles.some((r) => activeOn(r, this.date) && (r.officeNotability ?? 3) >= 3));
      if (top.length === 1 && active.length <= 8) return top[0]!.id;
    }
    const former = pool.filter((p) => p.roles.some((r) => hasStyle(r) && endedBefore(r, this.date)));
    if (former.length > 0) return latestEnd(former, style);
    if (pool.length !== 1) return undefined;
    const only = pool[0]!;
    // A title held only later fits no one on the date; the only later holder is meant if an adult then.
    const age = only.born ? ageOn(only.born, this.date) : undefined;
    if (styled.length === 1 && this.k.entities.get(only.id) !== only && (!age || age.max < 18)) return undefined;
    return only.id;
  }
}

/**
 * Whether a word starts with a lower-case ASCII letter, which neither a capital nor an
 * acronym constraint accepts (both need a capital or a digit first). Other first letters
 * answer false: the caller then tries the alias as before.
 */
function startsLowerCase(token: Token): boolean {
  const c = token.raw.charCodeAt(0);
  return c >= 97 && c <= 122;
}

const lowerStartsByTrie = new WeakMap<TrieNode, ReadonlySet<TrieNode>>();

/** The first-word nodes of a trie under which some alias accepts any case for its first word ("de", "first"). */
function lowerCaseStarts(root: TrieNode): ReadonlySet<TrieNode> {
  let starts = lowerStartsByTrie.get(root);
  if (!starts) {
    const anyFirst = (node: TrieNode): boolean => node.entries.some((e) => e.cases[0] === 'any') || [...node.next.values()].some(anyFirst);
    starts = new Set([...root.next.values()].filter(anyFirst));
    lowerStartsByTrie.set(root, starts);
  }
  return starts;
}

const NOTHING: readonly never[] = [];

/** Most blocks name nothing and depend on nothing: their records share one empty list rather than hold five each. */
function shared<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NOTHING : list;
}

/** A key's value before the block being recorded: what the block set is in `before`. */
function before(state: ReadonlyMap<string, string>, changed: ReadonlyMap<string, string | undefined>, key: string): string | undefined {
  return changed.has(key) ? changed.get(key) : state.get(key);
}

/** Styles and surnames are a few thousand strings, compared over and over: each is normalised once. */
const styleKeys = new Map<string, string>();

function styleOf(style: string): string {
  let key = styleKeys.get(style);
  if (key === undefined) {
    key = tokenize(style).map((t) => t.norm).join(' ');
    if (styleKeys.size < 50_000) styleKeys.set(style, key);
  }
  return key;
}

/** Whether a role's office is addressed by this (normalised) style. */
function roleHas(r: Role, style: string): boolean {
  if (r.styles) return r.styles.some((s) => styleOf(s) === style);
  return r.style !== undefined && styleOf(r.style) === style;
}

/** The normalised words of tokens first..last, as the compiled indexes key them. */
function keyOf(tokens: readonly Token[], first: number, last: number): string {
  let key = tokens[first]!.norm;
  for (let i = first + 1; i <= last; i++) key += ` ${tokens[i]!.norm}`;
  return key;
}

type Gate = 'yes' | 'context' | 'no';

interface Deferred {
  first: number;
  last: number;
  start: number;
  end: number;
  candidates: Array<{ entity: Entity; gate: Gate }>;
}

/** A "which one?" card lists at most this many. */
const MAX_CANDIDATES = 6;

/** Lower-case words inside names ("Ursula von der Leyen", "Mohammed bin Salman"). */
const PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'van', 'von', 'der', 'den', 'di', 'du', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ter', 'zu', 'y']);

/** Capitalised words after a title that are not a name ("Prime Minister Office", "Speaker Series"). */
const NOT_A_NAME = new Set(['office', 'street', 'avenue', 'road', 'house', 'hall', 'building', 'department', 'ministry', 'council', 'committee', 'party', 'administration', 'government', 'library', 'center', 'centre', 'foundation', 'institute', 'university', 'school', 'college', 'airport', 'award', 'prize', 'day', 'week', 'series', 'program', 'programme', 'plan', 'act', 'bill', 'doctrine', 'era', 'years', 'visit', 'summit', 'meeting', 'said', 'says', 'and', 'of', 'the', 'in', 'on', 'at', 'for', 'to', 'has', 'had', 'was', 'is', 'will', 'would', 'who', 'himself', 'herself', 'he', 'she', 'it', 'they', 'we', 'i', 'you']);

function latestStart(people: Entity[], date: string, style: string): string {
  let best = people[0]!;
  let bestFrom = '';
  for (const p of people) {
    for (const r of p.roles) {
      if (r.style === undefined || styleOf(r.style) !== style || !activeOn(r, date)) continue;
      const from = r.from ? startOf(r.from) : '';
      if (from > bestFrom) {
        best = p;
        bestFrom = from;
      }
    }
  }
  return best.id;
}

function latestEnd(people: Entity[], style: string): string {
  let best = people[0]!;
  let bestTo = '';
  for (const p of people) {
    for (const r of p.roles) {
      if (r.style === undefined || styleOf(r.style) !== style || r.to === undefined) continue;
      if (r.to > bestTo) {
        best = p;
        bestTo = r.to;
      }
    }
  }
  return best.id;
}
