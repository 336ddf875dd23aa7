import type { Check, CheckContext } from '../check.js';
import type { CheckFinding, Severity, Suggestion } from '../types.js';
import { SEVERITIES } from '../types.js';
import { lexiconOf } from '../lexicon/compile.js';
import { tokenize } from '../lexicon/tokens.js';
import { matchTokens, type TrieMatch } from '../lexicon/trie.js';
import { classifyQuotations, type ClassifiedQuotation } from '../lexicon/quotations.js';
import type { Speaker } from '../speakers.js';
import { compileExtraTerms, type ExtraTerm } from '../lexicon/extra.js';
import { newNode, type CategoryInfo, type CompiledLexicon, type LexiconEntry } from '../lexicon/types.js';

/**
 * loaded-term: emotive, partisan or puffed-up wording in the author's own voice, and the
 * same wording inside quotations reported as the speaker's.
 *
 * The lexicon packs (`server/knowledge/lexicon/*.yaml`) are compiled once into a token
 * trie; each run tokenizes the prose once and walks the trie from every token. Words in
 * direct quotations and blockquotes are the speaker's: they are reported in their own
 * category (`quoted`, a hint by default, naming the speaker where the text does, with no
 * rewording), never as the author's. A short quoted phrase with no speaker that labels a noun
 * is reported as scare quotes; titles, names and mentioned words are neither. Where matches
 * overlap, a neutral sense that covers a match cancels it, then the longest match wins.
 */

export const LOADED_TERM = 'loaded-term';
export const APPEND_RULE_OPTION_COMMAND = 'marginalia.appendRuleOption';
const SCARE_QUOTES = 'scare-quotes';
const QUOTED = 'quoted';

type CategorySetting = Severity | 'off';

interface Options {
  ignore: ReadonlySet<string>;
  extra: readonly ExtraTerm[];
  categories: ReadonlyMap<string, CategorySetting>;
  /** Whether loaded wording inside quotations is reported (as the speaker's). */
  quotations: boolean;
}

/** The values of options that take one of a few words, checked when the configuration is read. */
export const LOADED_TERM_OPTION_VALUES: Readonly<Record<string, readonly string[]>> = { quotations: ['report', 'off'] };

function readOptions(raw: Readonly<Record<string, unknown>>): Options {
  const ignore = new Set<string>();
  if (Array.isArray(raw['ignore'])) for (const v of raw['ignore']) if (typeof v === 'string' && v.trim() !== '') ignore.add(normaliseTerm(v));
  const extra: ExtraTerm[] = [];
  if (Array.isArray(raw['extra'])) {
    for (const v of raw['extra']) {
      if (typeof v !== 'object' || v === null) continue;
      const e = v as Record<string, unknown>;
      if (typeof e['term'] !== 'string' || typeof e['category'] !== 'string') continue;
      const alternatives = Array.isArray(e['alternatives']) ? e['alternatives'].filter((a): a is string => typeof a === 'string') : [];
      extra.push({ term: e['term'], category: e['category'], note: typeof e['note'] === 'string' ? e['note'] : undefined, alternatives });
    }
  }
  const categories = new Map<string, CategorySetting>();
  const c = raw['categories'];
  if (typeof c === 'object' && c !== null && !Array.isArray(c)) {
    for (const [k, v] of Object.entries(c)) {
      if (v === 'off' || (SEVERITIES as readonly unknown[]).includes(v)) categories.set(k, v as CategorySetting);
    }
  }
  return { ignore, extra, categories, quotations: raw['quotations'] !== 'off' };
}

function normaliseTerm(s: string): string {
  return s.trim().toLowerCase().replace(/[\u2019\u2018]/g, "'").replace(/\s+/g, ' ');
}

const EMPTY_LEXICON: CompiledLexicon = { categories: new Map(), entries: [], trie: newNode(), speechCues: new Set() };

interface Candidate {
  first: number;
  last: number;
  entry: LexiconEntry;
}

/** Drops matches covered by a neutral sense, then keeps the longest of overlapping matches. */
function resolve(matches: readonly Candidate[], tokenCount: number): Candidate[] {
  // A neutral match covers m when it starts at or before m and ends at or after it: with the
  // furthest end of the neutral matches starting at or before each token, one lookup per match.
  const reach = new Int32Array(tokenCount + 1);
  for (const n of matches) if (n.entry.neutral && n.last > reach[n.first]!) reach[n.first] = n.last;
  for (let i = 1; i <= tokenCount; i++) if (reach[i - 1]! > reach[i]!) reach[i] = reach[i - 1]!;
  const loaded = matches.filter((m) => !m.entry.neutral && reach[m.first]! < m.last);
  loaded.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Uint8Array(tokenCount);
  const out: Candidate[] = [];
  for (const m of loaded) {
    let free = true;
    for (let i = m.first; i < m.last && free; i++) free = taken[i] === 0;
    if (!free) continue;
    for (let i = m.first; i < m.last; i++) taken[i] = 1;
    out.push(m);
  }
  return out.sort((a, b) => a.first - b.first);
}

function quote(s: string): string {
  return `\u201C${s}\u201D`;
}

function matchCase(alternative: string, written: string): string {
  return /^\p{Lu}/u.test(written) && /^\p{Ll}/u.test(alternative) ? alternative[0]!.toUpperCase() + alternative.slice(1) : alternative;
}

function sourceLink(c: { title: string; url?: string }): string {
  return c.url ? `[${c.title}](${c.url})` : c.title;
}

function ignoreSuggestion(term: string): Suggestion {
  return { title: `Ignore ${quote(term)} in this workspace`, edits: [], command: { id: APPEND_RULE_OPTION_COMMAND, args: [LOADED_TERM, 'ignore', term] } };
}

function severityFor(category: string, tier: LexiconEntry['tier'], options: Options): Severity | undefined {
  const setting = options.categories.get(category);
  if (setting === 'off') return undefined;
  return setting ?? (tier === 'strong' ? 'warning' : 'info');
}

/** Quoted wording is a hint unless its category is given a severity; it stands over the rule's own severity. */
function quotedSeverity(entry: LexiconEntry, options: Options): Severity | undefined {
  if (!options.quotations || options.categories.get(entry.category) === 'off') return undefined;
  const setting = options.categories.get(QUOTED);
  return setting === 'off' ? undefined : (setting ?? 'hint');
}

const UNATTRIBUTED_NOTE = 'It is in quotation marks that name no speaker, so readers cannot tell whose word it is: name the source, or own the word.';

function termFinding(ctx: CheckContext, start: number, end: number, entry: LexiconEntry, category: CategoryInfo, severity: Severity, inFragment: boolean): CheckFinding {
  const written = ctx.doc.source.slice(start, end);
  const alts = entry.alternatives;
  const fix = inFragment
    ? UNATTRIBUTED_NOTE
    : alts.length > 0
      ? `Say ${alts.slice(0, 3).map(quote).join(' or ')}, or state the facts plainly.`
      : 'State the facts plainly, or attribute the judgement to someone.';
  const detail = [
    `**${category.label}** (${entry.tier === 'strong' ? 'strong' : 'possible'})`,
    entry.note,
    inFragment ? UNATTRIBUTED_NOTE : '',
    `*${category.label}:* ${category.description}`,
    alts.length > 0 ? `**Alternatives:** ${alts.map(quote).join(', ')}` : '',
    `**Source:** ${sourceLink(entry.source)}`,
  ].filter((p) => p !== '');
  return {
    start,
    end,
    severity,
    message: `${category.label} ${quote(written)}: ${entry.note} ${fix}`,
    detail: detail.join('\n\n'),
    suggestions: [
      // In quotation marks the word may be a source's: rewording it would misquote them.
      ...(inFragment ? [] : alts).map((a): Suggestion => {
        const text = matchCase(a, written);
        return { title: `Replace with ${quote(text)}`, replacement: text, edits: [{ start, end, newText: text }] };
      }),
      ignoreSuggestion(entry.term),
    ],
  };
}

/** Where a token's words belong: the author's (AUTHOR), an unattributed fragment's (FRAGMENT), or a speaker's (an index into the speech list). */
const AUTHOR = -1;
const FRAGMENT = -2;
const HIDDEN = -3;

interface Speech {
  speaker?: Speaker;
  /** A blockquote: a quoted passage rather than a quotation in a sentence. */
  passage: boolean;
}

function quotedFinding(ctx: CheckContext, start: number, end: number, entry: LexiconEntry, category: CategoryInfo, quoted: CategoryInfo, speech: Speech, severity: Severity): CheckFinding {
  const written = ctx.doc.source.slice(start, end);
  const whose = speech.speaker ? speech.speaker.name : 'an unnamed speaker';
  const where = speech.passage ? 'a quoted passage' : `a quotation from ${whose}`;
  return {
    start,
    end,
    severity,
    ownSeverity: true,
    message: `${quoted.label} ${speech.passage ? '(a quoted passage)' : `from ${whose}`}: ${quote(written)}. These are the speaker's words; the article reports them.`,
    detail: [
      `**${quoted.label}**: ${category.label.toLowerCase()} in ${where}.`,
      quoted.description,
      `*${category.label}:* ${entry.note}`,
      `**Source:** ${sourceLink(entry.source)}`,
    ].join('\n\n'),
    // No rewording: a quotation is never rewritten.
    suggestions: [ignoreSuggestion(entry.term)],
  };
}

function scareFinding(ctx: CheckContext, q: ClassifiedQuotation, category: CategoryInfo, severity: Severity): CheckFinding {
  const inner = ctx.doc.source.slice(q.inner.start, q.inner.end);
  return {
    start: q.start,
    end: q.end,
    severity,
    message: `${category.label} around ${quote(inner)}: ${category.description} Say who uses the phrase, or drop the quotation marks and own the wording.`,
    detail: [`**${category.label}**${q.attributive ? ' (strong: the quoted phrase labels the noun after it)' : ''}`, category.description, `**Source:** ${sourceLink(category.source)}`].join('\n\n'),
    suggestions: [
      {
        title: 'Remove the quotation marks',
        replacement: inner,
        edits: [
          { start: q.start, end: q.inner.start, newText: '' },
          { start: q.inner.end, end: q.end, newText: '' },
        ],
      },
      ignoreSuggestion(inner),
    ],
  };
}

function runLoadedTerm(ctx: CheckContext): CheckFinding[] {
  const { doc } = ctx;
  const lexicon = lexiconOf(ctx.knowledge) ?? EMPTY_LEXICON;
  const options = readOptions(ctx.options);
  const tokens = tokenize(doc);
  const usable: boolean[] = new Array<boolean>(tokens.length);
  /** Whose words each token is: AUTHOR, FRAGMENT, HIDDEN, or an index into `speeches`. */
  const voice = new Int32Array(tokens.length).fill(AUTHOR);
  const speeches: Speech[] = [];
  let passage = -1;
  for (let i = 0; i < tokens.length; i++) {
    const b = doc.blocks[tokens[i]!.block]!;
    usable[i] = !b.footnote;
    if (b.quoted) {
      if (passage < 0) passage = speeches.push({ passage: true }) - 1;
      voice[i] = passage;
    }
  }
  const out: CheckFinding[] = [];

  const scareCategory = lexicon.categories.get(SCARE_QUOTES);
  // Block by block (a block without tokens has no quotation with words in it).
  for (let block = 0; block < doc.blocks.length; block++) {
    const b = doc.blocks[block]!;
    if (b.quoted || b.footnote) continue;
    for (const q of classifyQuotations(doc, tokens, lexicon.speechCues, block)) {
      // A fragment's words stay in play (see QuotationKind), and so do a speaker's, reported
      // as theirs; titles, mentions and scare quotes are not loaded wording of their own.
      // On the PTC train halves, lexicon words inside fragments overlapped a loaded span 14
      // times in 17 (train-A) and 15 in 18 (train-B).
      const v = q.kind === 'fragment' ? FRAGMENT : q.kind === 'speech' ? speeches.push(q.speaker ? { speaker: q.speaker, passage: false } : { passage: false }) - 1 : HIDDEN;
      for (let i = q.firstToken; i < q.lastToken; i++) {
        voice[i] = v;
        if (v === HIDDEN) usable[i] = false;
      }
      if (q.kind !== 'scare' || !scareCategory) continue;
      const inner = normaliseTerm(doc.source.slice(q.inner.start, q.inner.end));
      const severity = severityFor(SCARE_QUOTES, q.attributive ? 'strong' : 'possible', options);
      if (!severity || options.ignore.has(inner)) continue;
      const f = scareFinding(ctx, q, scareCategory, severity);
      if (options.categories.has(SCARE_QUOTES)) f.ownSeverity = true;
      out.push(f);
    }
  }

  const raw: TrieMatch[] = [];
  matchTokens(lexicon.trie, tokens, usable, raw);
  const candidates: Candidate[] = [];
  // A match is in one voice: wording that runs out of a quotation is nobody's phrase.
  const add = (m: TrieMatch, entry: LexiconEntry): void => {
    if (voice[m.first] === voice[m.last - 1]) candidates.push({ first: m.first, last: m.last, entry });
  };
  for (const m of raw) add(m, lexicon.entries[m.entry]!);
  let categories: ReadonlyMap<string, CategoryInfo> = lexicon.categories;
  if (options.extra.length > 0) {
    const extra = compileExtraTerms(options.extra, lexicon.categories);
    const extraRaw: TrieMatch[] = [];
    matchTokens(extra.trie, tokens, usable, extraRaw);
    for (const m of extraRaw) add(m, extra.entries[m.entry]!);
    categories = extra.categories;
  }

  const quotedCategory = categories.get(QUOTED);
  for (const m of resolve(candidates, tokens.length)) {
    const category = categories.get(m.entry.category);
    if (!category) continue;
    let lastWord = m.last - 1;
    while (lastWord > m.first && !tokens[lastWord]!.word) lastWord--;
    const start = tokens[m.first]!.start;
    const end = tokens[lastWord]!.end;
    if (options.ignore.has(normaliseTerm(m.entry.term)) || options.ignore.has(normaliseTerm(doc.source.slice(start, end)))) continue;
    const v = voice[m.first]!;
    if (v >= 0) {
      const severity = quotedCategory && quotedSeverity(m.entry, options);
      if (severity) out.push(quotedFinding(ctx, start, end, m.entry, category, quotedCategory, speeches[v]!, severity));
      continue;
    }
    const severity = severityFor(m.entry.category, m.entry.tier, options);
    if (!severity) continue;
    const f = termFinding(ctx, start, end, m.entry, category, severity, v === FRAGMENT);
    if (options.categories.has(m.entry.category)) f.ownSeverity = true;
    out.push(f);
  }
  return out.sort((a, b) => a.start - b.start);
}

export const loadedTerm: Check = {
  id: LOADED_TERM,
  meta: {
    description: 'Emotive, partisan or puffed-up wording in the author\u2019s own voice, scare quotes, and the same wording in quotations as the speaker\u2019s.',
    defaultSeverity: 'warning',
    optionValues: LOADED_TERM_OPTION_VALUES,
  },
  run: runLoadedTerm,
};
