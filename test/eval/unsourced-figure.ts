/**
 * unsourced-figure on ../shared/eval/editorials: 266 editorials whose argument units are
 * labelled by annotators (`statistics`, `testimony`, `anecdote`, `assumption`, ...).
 * The set has no train/dev split, so it is used for reporting only, never for tuning.
 *
 * - recall: share of `statistics` units in which at least one figure is detected;
 * - precision proxy: share of detected figures that fall inside a factual unit
 *   (statistics, testimony or anecdote) rather than an opinion (assumption, ...);
 * - sourced share: of the statistics units with a figure, how many the check deems sourced;
 * - precision proxies for the findings (figures the check reports as unsourced, at its own
 *   severity; a figure quoted from a named speaker is a hint, counted apart): the share
 *   that falls in `testimony` units, where the annotators saw an expert or a source cited
 *   (likely false positives), next to the share in `statistics` units (likely right). They
 *   need no new labels, so every change to the check can be scored on them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProseDocument } from '../../server/src/core/prose.js';
import { detectFigures } from '../../server/src/core/checks/unsourced-figure.js';
import { EVAL_DATA, type EvalReport } from './run.js';

interface Unit {
  number: number;
  text: string;
  label: string;
}

interface Span {
  start: number;
  end: number;
  label: string;
}

/**
 * One editorial as Markdown, paragraphs separated by blank lines. The units were stored
 * without the spaces between them ("crossing" "." "The UNHCR" would read "crossing.The
 * UNHCR", one sentence): a space goes back before a unit unless it opens with punctuation
 * that closes the text before it.
 */
function toMarkdown(paragraphs: Unit[][]): { text: string; units: Span[] } {
  let text = '';
  const units: Span[] = [];
  for (const paragraph of paragraphs) {
    if (text) text += '\n\n';
    for (const u of paragraph) {
      if (text && !/\s$/.test(text) && !/^[\s.,;:!?)\]}%]/.test(u.text)) text += ' ';
      // A unit that would open a Markdown construct at line start is escaped; offsets stay exact.
      const body = text.endsWith('\n') || text === '' ? u.text.replace(/^([#>*+-]|\d+[.)])/, '\\$1') : u.text;
      units.push({ start: text.length, end: text.length + body.length, label: u.label });
      text += body;
    }
  }
  return { text, units };
}

export async function evaluate(): Promise<EvalReport> {
  const root = join(EVAL_DATA, 'editorials');
  let statistics = 0;
  let statisticsHit = 0;
  let statisticsSourced = 0;
  let figures = 0;
  let inFactual = 0;
  let inStatistics = 0;
  let findings = 0;
  let findingsInTestimony = 0;
  let findingsInStatistics = 0;
  let speakerHints = 0;
  let speakerHintsInTestimony = 0;
  let words = 0;
  for (const outlet of readdirSync(root).sort()) {
    for (const file of readdirSync(join(root, outlet)).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(readFileSync(join(root, outlet, file), 'utf8')) as { paragraphs: Unit[][] };
      const { text, units } = toMarkdown(data.paragraphs);
      words += text.split(/\s+/).length;
      const detected = detectFigures(buildProseDocument(text));
      for (const f of detected) {
        figures++;
        const unit = units.find((u) => f.start < u.end && f.end > u.start);
        if (unit && ['statistics', 'testimony', 'anecdote'].includes(unit.label)) inFactual++;
        if (unit?.label === 'statistics') inStatistics++;
        if (f.sourced) continue;
        if (f.speaker) {
          speakerHints++;
          if (unit?.label === 'testimony') speakerHintsInTestimony++;
          continue;
        }
        findings++;
        if (unit?.label === 'testimony') findingsInTestimony++;
        if (unit?.label === 'statistics') findingsInStatistics++;
      }
      for (const u of units.filter((x) => x.label === 'statistics')) {
        statistics++;
        const hits = detected.filter((f) => f.start < u.end && f.end > u.start);
        if (hits.length > 0) {
          statisticsHit++;
          if (hits.every((h) => h.sourced)) statisticsSourced++;
        }
      }
    }
  }
  return {
    name: 'unsourced-figure (editorials, report only)',
    rows: [
      { set: 'editorials statistics', metric: 'detection recall', value: statisticsHit / statistics, note: `${statisticsHit}/${statistics} units` },
      { set: 'editorials all', metric: 'figures in factual units', value: inFactual / figures, note: `${inFactual}/${figures} figures (statistics, testimony, anecdote)` },
      { set: 'editorials all', metric: 'figures in statistics units', value: inStatistics / figures },
      { set: 'editorials findings', metric: 'in testimony units', value: findingsInTestimony / Math.max(1, findings), note: `${findingsInTestimony}/${findings} unsourced-figure findings (lower is better)` },
      { set: 'editorials findings', metric: 'in statistics units', value: findingsInStatistics / Math.max(1, findings), note: `${findingsInStatistics}/${findings} unsourced-figure findings` },
      { set: 'editorials hints', metric: 'quoted from a speaker', value: speakerHints / Math.max(1, speakerHints + findings), note: `${speakerHints} hints beside the findings, ${speakerHintsInTestimony} of them in testimony units` },
      { set: 'editorials statistics', metric: 'judged sourced', value: statisticsSourced / Math.max(1, statisticsHit), note: 'share of detected statistics units with a source in the sentence' },
      { set: 'editorials all', metric: 'figures per 1,000 words', value: (figures / words) * 1000 },
    ],
  };
}
