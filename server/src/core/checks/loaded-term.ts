import type { Check, CheckContext } from '../check.js';
import type { CheckFinding, Severity, Suggestion } from '../types.js';
import { SEVERITIES } from '../types.js';
import { lexiconOf } from '../lexicon/compile.js';
import { tokenize } from '../lexicon/tokens.js';
import { matchTokens, type TrieMatch } from '../lexicon/trie.js';
import { classifyQuotations, type ClassifiedQuotation } from '../lexicon/quotations.js';
import { compileExtraTerms, type ExtraTerm } from '../lexicon/extra.js';
import { newNode, type CategoryInfo, type CompiledLexicon, type LexiconEntry } from '../lexicon/types.js';

/**
 * loaded-term: emotive, partisan or puffed-up wording in the author's own voice.
 *
 * The lexicon packs (`server/knowledge/lexicon/*.yaml`) are compiled once into a token
 * trie; each run tokenizes the prose once and walks the trie from every token. Words in
 * direct quotations and blockquotes are the speaker's and are skipped; a short quoted
 * phrase with no speaker is reported as scare quotes. Where matches overlap, a neutral
 * sense that covers a match cancels it, then the longest match wins.
 */

export const LOADED_TERM = 'loaded-term';
export const APPEND_RULE_OPTION_COMMAND = 'marginalia.appendRuleOption';
const SCARE_QUOTES = 'scare-quotes';

type CategorySetting = Severity | 'off';

interface Options {
  ignore: ReadonlySet<string>;
  extra: readonly ExtraTerm[];
  categories: ReadonlyMap<string, CategorySetting>;
}

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
  return { ignore, extra, categories };
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
  for (let i = 0; i < tokens.length; i++) {
    const b = doc.blocks[tokens[i]!.block]!;
    usable[i] = !b.quoted && !b.footnote;
  }
  /** 1 for tokens inside a quoted fragment with no speaker. */
  const unattributed = new Uint8Array(tokens.length);
  const out: CheckFinding[] = [];

  const scareCategory = lexicon.categories.get(SCARE_QUOTES);
  // Block by block (a block without tokens has no quotation with words in it).
  for (let block = 0; block < doc.blocks.length; block++) {
    const b = doc.blocks[block]!;
    if (b.quoted || b.footnote) continue;
    for (const q of classifyQuotations(doc, tokens, lexicon.speechCues, block)) {
      // A fragment's words stay in play (see QuotationKind); the others belong to a speaker
      // or a title. On the PTC train halves, lexicon words inside fragments overlapped a
      // loaded span 14 times in 17 (train-A) and 15 in 18 (train-B).
      for (let i = q.firstToken; i < q.lastToken; i++) {
        if (q.kind === 'fragment') unattributed[i] = 1;
        else usable[i] = false;
      }
      if (q.kind !== 'scare' || !scareCategory) continue;
      const inner = normaliseTerm(doc.source.slice(q.inner.start, q.inner.end));
      const severity = severityFor(SCARE_QUOTES, q.attributive ? 'strong' : 'possible', options);
      if (severity && !options.ignore.has(inner)) out.push(scareFinding(ctx, q, scareCategory, severity));
    }
  }

  const raw: TrieMatch[] = [];
  matchTokens(lexicon.trie, tokens, usable, raw);
  const candidates: Candidate[] = raw.map((m) => ({ first: m.first, last: m.last, entry: lexicon.entries[m.entry]! }));
  let categories: ReadonlyMap<string, CategoryInfo> = lexicon.categories;
  if (options.extra.length > 0) {
    const extra = compileExtraTerms(options.extra, lexicon.categories);
    const extraRaw: TrieMatch[] = [];
    matchTokens(extra.trie, tokens, usable, extraRaw);
    for (const m of extraRaw) candidates.push({ first: m.first, last: m.last, entry: extra.entries[m.entry]! });
    categories = extra.categories;
  }

  for (const m of resolve(candidates, tokens.length)) {
    const category = categories.get(m.entry.category);
    if (!category) continue;
    let lastWord = m.last - 1;
    while (lastWord > m.first && !tokens[lastWord]!.word) lastWord--;
    const start = tokens[m.first]!.start;
    const end = tokens[lastWord]!.end;
    if (options.ignore.has(normaliseTerm(m.entry.term)) || options.ignore.has(normaliseTerm(doc.source.slice(start, end)))) continue;
    const severity = severityFor(m.entry.category, m.entry.tier, options);
    if (!severity) continue;
    out.push(termFinding(ctx, start, end, m.entry, category, severity, unattributed[m.first] === 1));
  }
  return out.sort((a, b) => a.start - b.start);
}

export const loadedTerm: Check = {
  id: LOADED_TERM,
  meta: {
    description: 'Emotive, partisan or puffed-up wording in the author\u2019s own voice, and scare quotes.',
    defaultSeverity: 'warning',
  },
  run: runLoadedTerm,
};
