/**
 * loaded-term on the SemEval-2020 Task 11 propaganda corpus (../shared/eval/ptc): precision
 * and recall by span overlap against the loaded family of techniques (Loaded_Language,
 * Name_Calling,Labeling, Exaggeration,Minimisation), for train (where the lexicon was tuned)
 * and dev (reported, never tuned on).
 *
 * Each article goes through the real pipeline (`analyze`, so `buildProseDocument` and the
 * quotation rules apply). PTC articles are plain text, one paragraph per line; each line is
 * made its own Markdown paragraph with Markdown syntax escaped, and every character of the
 * Markdown is mapped back to the article, so no offset is guessed. PTC counts code points
 * (and a leading byte-order mark is character 0), so offsets are converted at the end.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../server/src/core/analyze.js';
import { compileKnowledge, type Knowledge } from '../../server/src/core/knowledge.js';
import { ruleIds } from '../../server/src/core/checks/index.js';
import { lexiconOf } from '../../server/src/core/lexicon/compile.js';
import type { Finding, RuleSetting } from '../../server/src/core/types.js';
import { EVAL_DATA, type EvalReport, type EvalRow } from './run.js';

export const LOADED_FAMILY = ['Loaded_Language', 'Name_Calling,Labeling', 'Exaggeration,Minimisation'] as const;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const LEXICON_DIR = join(HERE, '..', '..', 'server', 'knowledge', 'lexicon');

export function loadLexicon(): Knowledge {
  const sources = readdirSync(LEXICON_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(join(LEXICON_DIR, f), 'utf8'), origin: 'bundled' as const }));
  const { knowledge, problems } = compileKnowledge(sources);
  if (problems.length > 0) throw new Error(`lexicon problems: ${JSON.stringify(problems)}`);
  return knowledge;
}

export interface Markdownised {
  markdown: string;
  /** For each UTF-16 index of `markdown`, the UTF-16 index in the article, or -1 for added characters. */
  toArticle: Int32Array;
}

const INLINE_SPECIAL = /[\\`*_[\]<>|~]/;
const LINE_START_SPECIAL = /^(?:[#>+=-]|\d{1,9}[.)](?:\s|$))/;

/** Each article line becomes a Markdown paragraph whose text is exactly the line. */
export function markdownise(article: string): Markdownised {
  const out: string[] = [];
  const map: number[] = [];
  const push = (ch: string, from: number): void => {
    out.push(ch);
    for (let k = 0; k < ch.length; k++) map.push(from < 0 ? -1 : from + k);
  };
  let lineStart = 0;
  while (lineStart <= article.length) {
    let lineEnd = article.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = article.length;
    let i = lineStart;
    while (i < lineEnd && /[\s\uFEFF]/.test(article[i]!)) i++;
    const rest = article.slice(i, lineEnd).replace(/\r$/, '');
    if (rest.trim() !== '') {
      if (map.length > 0) push('\n\n', -1);
      const lead = LINE_START_SPECIAL.exec(rest);
      const escapeAt = lead ? i + lead[0].search(/[#>+=.)-]/) : -1;
      for (let j = i; j < i + rest.length; j++) {
        const ch = article[j]!;
        if (j === escapeAt || INLINE_SPECIAL.test(ch)) push('\\', -1);
        push(ch, j);
      }
    }
    lineStart = lineEnd + 1;
  }
  return { markdown: out.join(''), toArticle: Int32Array.from(map) };
}

/** Code-point index of every UTF-16 index of `text` (and of text.length). */
function codePointIndex(text: string): Int32Array {
  const index = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    index[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) index[++i] = cp;
    cp++;
  }
  index[text.length] = cp;
  return index;
}

export interface Span {
  start: number;
  end: number;
}

export interface Predicted extends Span {
  finding: Finding;
}

/** The check's findings on one article, as code-point spans of the article. */
export function predict(article: string, knowledge: Knowledge, rules: Record<string, RuleSetting>): Predicted[] {
  const { markdown, toArticle } = markdownise(article);
  const cps = codePointIndex(article);
  const findings = analyze(markdown, { today: '2020-01-01', knowledge, rules }).findings.filter((f) => f.ruleId === 'loaded-term');
  const out: Predicted[] = [];
  for (const f of findings) {
    let s = f.start;
    while (s < f.end && toArticle[s]! < 0) s++;
    let e = f.end - 1;
    while (e >= s && toArticle[e]! < 0) e--;
    if (e < s) continue;
    out.push({ start: cps[toArticle[s]!]!, end: cps[toArticle[e]! + 1]!, finding: f });
  }
  return out;
}

export interface SplitData {
  articles: Map<string, string>;
  gold: Map<string, Array<Span & { technique: string }>>;
}

export function loadSplit(split: 'train' | 'dev'): SplitData {
  const dir = join(EVAL_DATA, 'ptc', `${split}-articles`);
  const labels = join(EVAL_DATA, 'ptc', split === 'train' ? 'train-task2-TC.labels' : 'dev-task-TC.labels');
  const articles = new Map<string, string>();
  for (const f of readdirSync(dir)) {
    const m = /^article(\d+)\.txt$/.exec(f);
    if (m) articles.set(m[1]!, readFileSync(join(dir, f), 'utf8'));
  }
  const gold = new Map<string, Array<Span & { technique: string }>>();
  for (const line of readFileSync(labels, 'utf8').split('\n')) {
    const [id, technique, start, end] = line.split('\t');
    if (!id || !technique || !(LOADED_FAMILY as readonly string[]).includes(technique)) continue;
    const list = gold.get(id) ?? [];
    list.push({ start: Number(start), end: Number(end), technique });
    gold.set(id, list);
  }
  return { articles, gold };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

export interface Score {
  predicted: number;
  truePredicted: number;
  gold: number;
  foundGold: number;
  byTechnique: Map<string, { gold: number; found: number }>;
}

export function score(data: SplitData, predictions: Map<string, Span[]>): Score {
  const s: Score = { predicted: 0, truePredicted: 0, gold: 0, foundGold: 0, byTechnique: new Map() };
  for (const [id] of data.articles) {
    const preds = predictions.get(id) ?? [];
    // The same span is sometimes labelled with two techniques: count it once for recall.
    const gold = data.gold.get(id) ?? [];
    const unique = new Map<string, Span>();
    for (const g of gold) unique.set(`${g.start}:${g.end}`, g);
    s.predicted += preds.length;
    s.truePredicted += preds.filter((p) => gold.some((g) => overlaps(p, g))).length;
    s.gold += unique.size;
    s.foundGold += [...unique.values()].filter((g) => preds.some((p) => overlaps(p, g))).length;
    for (const g of gold) {
      const t = s.byTechnique.get(g.technique) ?? { gold: 0, found: 0 };
      t.gold++;
      if (preds.some((p) => overlaps(p, g))) t.found++;
      s.byTechnique.set(g.technique, t);
    }
  }
  return s;
}

export function onlyLoadedTerm(): Record<string, RuleSetting> {
  return Object.fromEntries(ruleIds().map((id) => [id, id === 'loaded-term' ? 'warning' : 'off'])) as Record<string, RuleSetting>;
}

/**
 * Train is halved by article id (even ids: train-A, odd ids: train-B) so that a choice made
 * on one half can be checked on the other before dev is run: dev is for reporting only.
 */
export type SplitName = 'train-A' | 'train-B' | 'train' | 'dev';
export const SPLITS: readonly SplitName[] = ['train-A', 'train-B', 'train', 'dev'];

export function half(data: SplitData, parity: 0 | 1): SplitData {
  const articles = new Map([...data.articles].filter(([id]) => Number(id) % 2 === parity));
  const gold = new Map([...data.gold].filter(([id]) => Number(id) % 2 === parity));
  return { articles, gold };
}

/**
 * Categories the loaded family of PTC techniques does not annotate: on both train halves
 * fewer than a third of their findings overlap a span of any PTC technique at all (scare
 * quotes 0.26 / 0.30, editorialising 0.20 / 0.23, unsupported attribution 0.14 / 0.06),
 * against 0.45 to 0.68 for the word-list categories. They stay in the check (the issue and
 * the sample require them) and in the headline figures; the diagnostic rows leave them out
 * to show what the word lists alone score.
 */
export const UNANNOTATED_CATEGORIES: ReadonlySet<string> = new Set(['scare-quotes', 'editorialising', 'unsupported-attribution']);

export function categoryOf(finding: Finding, labels: ReadonlyMap<string, string>): string | undefined {
  for (const [label, id] of labels) if (finding.message.startsWith(`${label} `)) return id;
  return undefined;
}

/**
 * Which splits to report: all by default; `LOADED_TERM_SPLITS=train-A,train-B` while a
 * change is being developed, so dev is only run for a candidate that would ship.
 */
function requestedSplits(): SplitName[] {
  const env = process.env['LOADED_TERM_SPLITS'];
  if (!env) return [...SPLITS];
  const asked = env.split(',').map((s) => s.trim());
  const unknown = asked.filter((s) => !(SPLITS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`LOADED_TERM_SPLITS: unknown split ${unknown.join(', ')} (known: ${SPLITS.join(', ')})`);
  return SPLITS.filter((s) => asked.includes(s));
}

/** The category of loaded-term that holds loaded wording inside quotations (the speaker's words). */
export const QUOTED = 'quoted';

export async function evaluate(): Promise<EvalReport> {
  const knowledge = loadLexicon();
  const rows: EvalRow[] = [];
  // Rule-level severity is left to the tiers (strong → warning, possible → info).
  const rules = Object.fromEntries(ruleIds().filter((id) => id !== 'loaded-term').map((id) => [id, 'off'])) as Record<string, RuleSetting>;
  const cache = new Map<string, Predicted[]>();
  const lexicon = lexiconOf(knowledge);
  // Longest label first, so that no label is taken for a prefix of another.
  const labels = new Map([...(lexicon?.categories.values() ?? [])].sort((a, b) => b.label.length - a.label.length).map((c) => [c.label, c.id] as const));
  let train: SplitData | undefined;
  for (const split of requestedSplits()) {
    let data: SplitData;
    if (split === 'dev') data = loadSplit('dev');
    else {
      train ??= loadSplit('train');
      data = split === 'train' ? train : half(train, split === 'train-A' ? 0 : 1);
    }
    const all = new Map<string, Predicted[]>();
    for (const [id, article] of data.articles) {
      const key = `${split === 'dev' ? 'dev' : 'train'}:${id}`;
      let preds = cache.get(key);
      if (!preds) {
        preds = predict(article, knowledge, rules);
        cache.set(key, preds);
      }
      all.set(id, preds);
    }
    const only = (keep: (p: Predicted) => boolean): Map<string, Span[]> => new Map([...all].map(([id, preds]) => [id, preds.filter(keep)]));
    const set = `ptc ${split}${split === 'dev' ? '' : ' (tuned)'}`;
    const dev = split === 'dev';
    const category = (p: Predicted): string => categoryOf(p.finding, labels) ?? '';
    // Two readings of the same findings: the author's voice (what the rule reported before
    // quotations were), and all voices, a speaker's loaded words in quotations included.
    const voices: Array<[string, Map<string, Span[]>, { precision: string; recall: string } | undefined]> = [
      ["author's voice", only((p) => category(p) !== QUOTED), dev ? { precision: '≥ 0.40', recall: '≥ 0.286' } : undefined],
      ['all voices', only(() => true), dev ? { precision: '≥ 0.45', recall: '≥ 0.33' } : undefined],
    ];
    for (const [voice, predictions, target] of voices) {
      const a = score(data, predictions);
      const precision = a.truePredicted / Math.max(1, a.predicted);
      const recall = a.foundGold / Math.max(1, a.gold);
      rows.push({ set, metric: `precision, ${voice}`, value: precision, ...(target ? { target: target.precision } : {}), note: `${a.truePredicted}/${a.predicted} findings` });
      rows.push({ set, metric: `recall, ${voice}`, value: recall, ...(target ? { target: target.recall } : {}), note: `${a.foundGold}/${a.gold} spans` });
      rows.push({ set, metric: `F1, ${voice}`, value: (2 * precision * recall) / Math.max(1e-9, precision + recall) });
    }
    const a = score(data, only(() => true));
    for (const [technique, t] of a.byTechnique) rows.push({ set, metric: `recall ${technique}`, value: t.found / Math.max(1, t.gold), note: `${t.found}/${t.gold}, all voices` });
    const an = score(data, only((p) => !UNANNOTATED_CATEGORIES.has(category(p)) && category(p) !== QUOTED));
    const diagnostic = "diagnostic: author's voice without scare quotes, editorialising, unsupported attribution";
    rows.push({ set, metric: 'precision, word lists', value: an.truePredicted / Math.max(1, an.predicted), note: `${an.truePredicted}/${an.predicted}; ${diagnostic}` });
    rows.push({ set, metric: 'recall, word lists', value: an.foundGold / Math.max(1, an.gold), note: `${an.foundGold}/${an.gold}` });
    // The share of the findings each category has, and how precise it is: reported on the
    // train sets only, where the rule was tuned (dev stays a single figure per voice).
    if (!dev) {
      const total = [...all.values()].reduce((n, preds) => n + preds.length, 0);
      const ids = [...new Set([...all.values()].flatMap((preds) => preds.map(category)))].sort();
      for (const id of ids) {
        const s = score(data, only((p) => category(p) === id));
        rows.push({ set, metric: `share ${id || '(none)'}`, value: s.predicted / Math.max(1, total), note: `${s.predicted} findings, precision ${(s.truePredicted / Math.max(1, s.predicted)).toFixed(3)} (${s.truePredicted}/${s.predicted})` });
      }
    }
  }
  return { name: 'loaded-term on PTC (SemEval-2020 Task 11), span overlap with Loaded_Language, Name_Calling,Labeling, Exaggeration,Minimisation', rows };
}
