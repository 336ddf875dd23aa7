/**
 * The eval articles the entity sections share, each analysed once per run with the bundled
 * knowledge as the CLI loads it (`loadKnowledge`, so the compiled base counts once it ships):
 *
 * - MEANTIME (120 Wikinews articles) and TimeBank + AQUAINT (256): each with its document
 *   creation time as the reference date, given the way `--reference-date` gives it;
 * - PTC (446 articles, train and dev) and the editorials (266): no date is given, so the
 *   reference date is what the CLI infers (the latest full date written in the text), and
 *   for an article with none, the fixed `today` of its set below instead of the clock.
 *
 * Every article is plain text turned into Markdown one paragraph per line with Markdown
 * syntax escaped (`markdownise`), and every offset is mapped back to the article's text.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../server/src/core/analyze.js';
import { ruleIds } from '../../server/src/core/checks/index.js';
import { entityKnowledge, type RecognizedMention } from '../../server/src/core/entities/index.js';
import type { Entity } from '../../server/src/core/entities/model.js';
import type { Knowledge } from '../../server/src/core/knowledge.js';
import { loadKnowledge } from '../../server/src/node/knowledge-files.js';
import type { Finding, OffsetRange, ReferenceDate, RuleSetting } from '../../server/src/core/types.js';
import { readTimeML } from './dated-claim.js';
import { loadSplit, markdownise } from './loaded-term.js';
import { loadMeantime, type MeantimeDoc } from './meantime.js';
import { EVAL_DATA } from './paths.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..', '..');

/** The rule the wrong-title hints report under. */
export const ENTITY_TITLE_RULE = 'entity-title';

export type CorpusName = 'meantime' | 'timebank' | 'aquaint' | 'ptc' | 'editorials';

/**
 * `today` for articles whose text gives no full date (274 of PTC's 446, 235 of the 266
 * editorials), so that nothing depends on the day the eval runs. Taken from the dates the
 * other articles of the set write (measured 2026-12-07): 107 of PTC's 172 inferred dates
 * fall in 2018 and 26 in 2017, so mid-2018; the editorials' cluster in 2013-2015 (14 of 31)
 * and the Fox News set opens with "2015: Beyond Obama, new Congress", so mid-2015.
 */
export const FALLBACK_TODAY: Readonly<Record<'ptc' | 'editorials', string>> = { ptc: '2018-07-01', editorials: '2015-07-01' };

export interface EvalArticle {
  corpus: CorpusName;
  /** "meantime/corpus_gm/1007169_...", "ptc/train/111111111". */
  id: string;
  /** The article's own text; every offset reported is into it. */
  text: string;
  markdown: string;
  /** For each UTF-16 index of `markdown`, the index in `text`, or -1 for escapes and paragraph breaks. */
  toArticle: Int32Array;
  /** The date given as the reference date (a DCT); undefined where the CLI would infer one. */
  referenceDate?: string;
  /** Today's date for the analysis: the reference date, or the set's fallback. */
  today: string;
  meantime?: MeantimeDoc;
}

/** A recognised mention with its range (and its name's range) in the article's text. */
export interface ArticleMention extends OffsetRange {
  mention: RecognizedMention;
  name: OffsetRange;
}

export interface ArticleFinding extends OffsetRange {
  finding: Finding;
  /** The sentence the finding sits in, as the article writes it. */
  sentence: string;
  /** The finding's text in the article. */
  text: string;
}

export interface ArticleAnalysis {
  article: EvalArticle;
  referenceDate: ReferenceDate;
  mentions: ArticleMention[];
  entityTitle: ArticleFinding[];
}

function article(corpus: CorpusName, id: string, text: string, dates: { referenceDate?: string; today: string }, meantime?: MeantimeDoc): EvalArticle {
  const { markdown, toArticle } = markdownise(text);
  const a: EvalArticle = { corpus, id, text, markdown, toArticle, today: dates.today };
  if (dates.referenceDate) a.referenceDate = dates.referenceDate;
  if (meantime) a.meantime = meantime;
  return a;
}

export function loadArticles(corpora: readonly CorpusName[]): EvalArticle[] {
  const out: EvalArticle[] = [];
  if (corpora.includes('meantime')) {
    for (const doc of loadMeantime(EVAL_DATA)) out.push(article('meantime', `meantime/${doc.id}`, doc.text, { referenceDate: doc.dct, today: doc.dct }, doc));
  }
  for (const [corpus, sub] of [['timebank', 'TimeBank'], ['aquaint', 'AQUAINT']] as const) {
    if (!corpora.includes(corpus)) continue;
    const dir = join(EVAL_DATA, 'timebank', sub);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tml')).sort()) {
      const doc = readTimeML(file, readFileSync(join(dir, file), 'utf8'));
      if (!doc) continue;
      const dct = `${doc.dct.year}-${String(doc.dct.month).padStart(2, '0')}-${String(doc.dct.day).padStart(2, '0')}`;
      out.push(article(corpus, `${corpus}/${file.slice(0, -4)}`, doc.text, { referenceDate: dct, today: dct }));
    }
  }
  if (corpora.includes('ptc') && existsSync(join(EVAL_DATA, 'ptc'))) {
    for (const split of ['train', 'dev'] as const) {
      const { articles } = loadSplit(split);
      for (const [id, text] of [...articles].sort(([a], [b]) => Number(a) - Number(b))) out.push(article('ptc', `ptc/${split}/${id}`, text, { today: FALLBACK_TODAY.ptc }));
    }
  }
  const editorials = join(EVAL_DATA, 'editorials');
  if (corpora.includes('editorials') && existsSync(editorials)) {
    for (const outlet of readdirSync(editorials).sort()) {
      for (const file of readdirSync(join(editorials, outlet)).filter((f) => f.endsWith('.json')).sort()) {
        const data = JSON.parse(readFileSync(join(editorials, outlet, file), 'utf8')) as { paragraphs: Array<Array<{ text: string }>> };
        // Units are joined as written, as the unsourced-figure section joins them; one line per paragraph.
        const text = data.paragraphs.map((p) => p.map((u) => u.text).join('')).join('\n');
        out.push(article('editorials', `editorials/${outlet}/${file.slice(0, -5)}`, text, { today: FALLBACK_TODAY.editorials }));
      }
    }
  }
  return out;
}

/** A Markdown range as a range of the article, trimmed of characters the Markdown added; undefined if nothing is left. */
export function toArticleRange(range: OffsetRange, toArticle: Int32Array): OffsetRange | undefined {
  let s = range.start;
  while (s < range.end && toArticle[s]! < 0) s++;
  let e = range.end - 1;
  while (e >= s && toArticle[e]! < 0) e--;
  if (e < s) return undefined;
  return { start: toArticle[s]!, end: toArticle[e]! + 1 };
}

/** Every rule off but the wrong-title hints: recognition runs regardless, and only those findings are read. */
function rules(): Record<string, RuleSetting> {
  return Object.fromEntries(ruleIds().filter((id) => id !== ENTITY_TITLE_RULE).map((id) => [id, 'off'])) as Record<string, RuleSetting>;
}

/**
 * `declare` gives the analysis a reference date as the writer would declare it: the wrong-title
 * hints judge only declared dates, and the eval declares an article's inferred date to measure
 * the rule's logic on articles that state none.
 */
export function analyseArticle(a: EvalArticle, knowledge: Knowledge, declare?: string): ArticleAnalysis {
  const date = declare ?? a.referenceDate;
  const analysis = analyze(a.markdown, {
    today: a.today,
    knowledge,
    rules: rules(),
    ...(date ? { referenceDate: { date, source: 'cli' as const } } : {}),
  });
  if (analysis.failures.length > 0) throw new Error(`${a.id}: ${analysis.failures.map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`);
  const mentions: ArticleMention[] = [];
  for (const m of analysis.entities) {
    const range = toArticleRange(m, a.toArticle);
    const name = toArticleRange(m.nameRange, a.toArticle);
    if (range && name) mentions.push({ ...range, mention: m, name });
  }
  const entityTitle: ArticleFinding[] = [];
  for (const f of analysis.findings) {
    if (f.ruleId !== ENTITY_TITLE_RULE) continue;
    const range = toArticleRange(f, a.toArticle);
    if (!range) continue;
    const s = analysis.doc.sentences.find((x) => x.start <= f.start && f.start < x.end);
    const sentence = s ? toArticleRange(s, a.toArticle) : undefined;
    entityTitle.push({ ...range, finding: f, text: a.text.slice(range.start, range.end), sentence: sentence ? a.text.slice(sentence.start, sentence.end) : a.text.slice(range.start, range.end) });
  }
  return { article: a, referenceDate: analysis.referenceDate, mentions, entityTitle };
}

let cache: { knowledge: Knowledge; analyses: Map<CorpusName, ArticleAnalysis[]> } | undefined;

/** The bundled knowledge as the CLI loads it; a broken pack stops the eval with its problems. */
export function bundledKnowledge(): Knowledge {
  if (cache) return cache.knowledge;
  const { knowledge, problems } = loadKnowledge(PACKAGE_ROOT);
  if (problems.length > 0) throw new Error(`knowledge problems: ${JSON.stringify(problems)}`);
  cache = { knowledge, analyses: new Map() };
  return knowledge;
}

/** The analyses of a set's articles, computed once per run for every section that asks. */
export function analyses(corpus: CorpusName): ArticleAnalysis[] {
  const knowledge = bundledKnowledge();
  let list = cache!.analyses.get(corpus);
  if (!list) {
    list = loadArticles([corpus]).map((a) => analyseArticle(a, knowledge));
    cache!.analyses.set(corpus, list);
  }
  return list;
}

/** The knowledge entry a mention names; undefined for a mention of nothing the knowledge holds. */
export function knownEntity(knowledge: Knowledge, id: string): Entity | undefined {
  return entityKnowledge(knowledge)?.entity(id);
}
