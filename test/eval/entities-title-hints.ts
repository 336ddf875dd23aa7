/**
 * The false-positive rate of the wrong-title hints (rule `entity-title`: a title that does
 * not fit the person on the reference date, "Speaker Boehner" in 2017) over every eval
 * article, with the reference dates of entities-corpus.ts.
 *
 * Every finding is listed with its sentence. Whether it is right is our own judgement,
 * kept in entity-title-verdicts.yaml beside this file, one entry per article and finding
 * text: `right` (the title does not fit the person on that date, as the hint says) or
 * `wrong` (it does, or the hint names the wrong person: a false positive), with a one-line
 * reason. The rate is wrong / judged; findings without a verdict are listed as unjudged
 * and left out of it, and verdicts that match no finding any more are listed as stale.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { EvalReport, EvalRow } from './run.js';
import { analyseArticle, analyses, bundledKnowledge, ENTITY_TITLE_RULE, type CorpusName } from './entities-corpus.js';

export const VERDICTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'entity-title-verdicts.yaml');

export interface Verdict {
  article: string;
  text: string;
  verdict: 'right' | 'wrong';
  reason: string;
}

export interface TitleFinding {
  article: string;
  text: string;
  message: string;
  sentence: string;
  referenceDate: string;
}

const key = (article: string, text: string): string => `${article}\u0000${text}`;

/** The verdicts of a YAML file's text; every malformed or repeated entry is a problem, never skipped silently. */
export function readVerdicts(yamlText: string, path = 'entity-title-verdicts.yaml'): { verdicts: Verdict[]; problems: string[] } {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (error) {
    return { verdicts: [], problems: [`${path}: not YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const list = (data as { verdicts?: unknown } | null)?.verdicts;
  if (!Array.isArray(list)) return { verdicts: [], problems: [`${path}: expected a top-level \`verdicts:\` list`] };
  const verdicts: Verdict[] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, i: number) => {
    const e = entry as Partial<Record<keyof Verdict, unknown>> | null;
    const where = `${path}: verdict ${i + 1}`;
    if (!e || typeof e.article !== 'string' || typeof e.text !== 'string' || e.article === '' || e.text === '') {
      problems.push(`${where}: needs \`article\` and \`text\` strings`);
      return;
    }
    if (e.verdict !== 'right' && e.verdict !== 'wrong') {
      problems.push(`${where} (${e.article}, "${e.text}"): \`verdict\` must be right or wrong`);
      return;
    }
    if (typeof e.reason !== 'string' || e.reason.trim() === '') {
      problems.push(`${where} (${e.article}, "${e.text}"): needs a one-line \`reason\``);
      return;
    }
    const k = key(e.article, e.text);
    if (seen.has(k)) {
      problems.push(`${where}: a second verdict for ${e.article}, "${e.text}"`);
      return;
    }
    seen.add(k);
    verdicts.push({ article: e.article, text: e.text, verdict: e.verdict, reason: e.reason.trim() });
  });
  return { verdicts, problems };
}

export interface Judgement {
  findings: number;
  right: number;
  wrong: number;
  unjudged: TitleFinding[];
  stale: Verdict[];
  lines: string[];
}

/** Findings against verdicts: what the rate is computed from, and one listing line pair per finding. */
export function judge(findings: readonly TitleFinding[], verdicts: readonly Verdict[]): Judgement {
  const byKey = new Map(verdicts.map((v) => [key(v.article, v.text), v] as const));
  const used = new Set<string>();
  const j: Judgement = { findings: findings.length, right: 0, wrong: 0, unjudged: [], stale: [], lines: [] };
  for (const f of findings) {
    const k = key(f.article, f.text);
    const v = byKey.get(k);
    if (v) {
      used.add(k);
      if (v.verdict === 'right') j.right++;
      else j.wrong++;
    } else j.unjudged.push(f);
    j.lines.push(`  [${v ? v.verdict : 'unjudged'}] ${f.article} (${f.referenceDate}) "${f.text}": ${f.message}${v ? `  (${v.reason})` : ''}`);
    j.lines.push(`      ${f.sentence.replace(/\s+/g, ' ').trim()}`);
  }
  j.stale = verdicts.filter((v) => !used.has(key(v.article, v.text)));
  return j;
}

export function judgementRows(j: Judgement): EvalRow[] {
  const judged = j.right + j.wrong;
  return [
    { set: 'all eval articles', metric: `${ENTITY_TITLE_RULE} findings`, value: j.findings, count: true, note: `${judged} judged, ${j.unjudged.length} unjudged` },
    { set: 'all eval articles', metric: 'false-positive rate', value: judged === 0 ? 0 : j.wrong / judged, note: judged === 0 ? 'nothing judged yet' : `${j.wrong}/${judged} judged wrong` },
  ];
}

const CORPORA: readonly CorpusName[] = ['meantime', 'timebank', 'aquaint', 'ptc', 'editorials'];

export async function evaluate(): Promise<EvalReport> {
  const { verdicts, problems } = readVerdicts(readFileSync(VERDICTS_FILE, 'utf8'), VERDICTS_FILE);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const findings: TitleFinding[] = [];
  // An article with no date of its own is analysed as of its set's fixed fallback day: a hint there judges a guessed
  // date, not the rule, so those findings are counted apart and left out of the rate.
  let guessed = 0;
  let inferred = 0;
  let articles = 0;
  for (const corpus of CORPORA) {
    for (const a of analyses(corpus)) {
      articles++;
      if (a.referenceDate.source === 'today') {
        guessed++;
        continue;
      }
      // The product judges titles only on declared dates; an inferred one is declared here so the rule's logic is measured too.
      const analysed = a.referenceDate.source === 'inferred' ? analyseArticle(a.article, bundledKnowledge(), a.referenceDate.date) : a;
      if (a.referenceDate.source === 'inferred') inferred += analysed.entityTitle.length;
      for (const f of analysed.entityTitle) findings.push({ article: a.article.id, text: f.text, message: f.finding.message, sentence: f.sentence, referenceDate: analysed.referenceDate.date });
    }
  }
  const name = `entities: wrong-title hints (${ENTITY_TITLE_RULE}) over ${articles} eval articles, judged in test/eval/entity-title-verdicts.yaml`;
  if (findings.length === 0) {
    return {
      name,
      rows: [{ set: 'all eval articles', metric: `${ENTITY_TITLE_RULE} findings`, value: 0, count: true, note: `no ${ENTITY_TITLE_RULE} findings (the rule reports nothing here, or does not exist yet)` }],
      details: verdicts.length > 0 ? [`${verdicts.length} verdicts match no finding (stale).`] : [],
    };
  }
  const j = judge(findings, verdicts);
  const details = [
    `${guessed} articles have no date at all (the set's fallback day would be judged, not the rule): left out.`,
    `${inferred} of the ${findings.length} findings are on articles whose date was inferred from the text and declared here; the product reports hints on declared dates only, so on those articles as they are it reports none.`,
    'Every finding, with its verdict and sentence:',
    ...j.lines,
  ];
  if (j.stale.length > 0) details.push('Verdicts that match no finding (stale):', ...j.stale.map((v) => `  ${v.article} "${v.text}" (${v.verdict})`));
  return { name, rows: judgementRows(j), details };
}
