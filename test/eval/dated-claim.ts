/**
 * dated-claim on TimeBank and AQUAINT (TempEval-3 training data, ../shared/eval/timebank):
 * how many of the annotated relative time expressions (`temporalFunction="true"`) the
 * detector finds, and how many of those it resolves to the annotators' TIMEX3 value,
 * counting from each document's creation time (DCT). The text is news prose; detection
 * runs through the same core functions the check uses.
 *
 * Precision: of the claims the check would report (detected and resolvable), the share
 * that overlaps a TIMEX3 of any type, relative or not. One that overlaps none is counted a
 * false positive; TimeML leaves some of what the check reports unannotated (present-bound
 * descriptions such as "the current visit"), so the figure is a lower bound.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVAL_DATA, type EvalReport, type EvalRow } from './run.js';
import { parseISODate, type YMD } from '../../server/src/core/dates.js';
import { isDatedClaim, resolveExpression, scanTemporal, type TemporalExpression } from '../../server/src/core/time/index.js';
import { DATED_CLAIM_TIERS, tierOf, type DatedClaimTier } from '../../server/src/core/checks/dated-claim.js';

interface Timex {
  start: number;
  end: number;
  type: string;
  value: string;
  relative: boolean;
  anchoredToDct: boolean;
}

interface TimeMLDoc {
  id: string;
  dct: YMD;
  text: string;
  timexes: Timex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Strips the inline tags of a TimeML document, keeping each TIMEX3's offsets in the plain text. */
export function readTimeML(id: string, xml: string): TimeMLDoc | undefined {
  const dctValue = /<DCT>\s*<TIMEX3[^>]*\bvalue="(\d{4}-\d{2}-\d{2})/.exec(xml)?.[1];
  const dct = dctValue ? parseISODate(dctValue) : undefined;
  const open = xml.indexOf('<TEXT>');
  const close = xml.indexOf('</TEXT>');
  if (!dct || open < 0 || close < open) return undefined;
  const body = xml.slice(open + '<TEXT>'.length, close);
  let text = '';
  const timexes: Timex[] = [];
  const stack: Array<{ attrs: Record<string, string>; start: number }> = [];
  const token = /<(\/?)([A-Za-z0-9]+)([^>]*)>|([^<]+)/g;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    if (m[4] !== undefined) {
      text += m[4].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
      continue;
    }
    if (m[2] !== 'TIMEX3' || m[3]!.trimEnd().endsWith('/')) continue;
    if (m[1] === '') {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
      stack.push({ attrs, start: text.length });
    } else {
      const o = stack.pop();
      if (!o) continue;
      timexes.push({
        start: o.start,
        end: text.length,
        type: o.attrs['type'] ?? '',
        value: o.attrs['value'] ?? '',
        relative: o.attrs['temporalFunction'] === 'true',
        anchoredToDct: o.attrs['anchorTimeID'] === 't0',
      });
    }
  }
  return { id, dct, text, timexes };
}

function loadCorpus(): TimeMLDoc[] {
  const root = join(EVAL_DATA, 'timebank');
  const docs: TimeMLDoc[] = [];
  for (const sub of ['TimeBank', 'AQUAINT']) {
    const dir = join(root, sub);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tml')).sort()) {
      const doc = readTimeML(`${sub}/${file}`, readFileSync(join(dir, file), 'utf8'));
      if (doc) docs.push(doc);
    }
  }
  return docs;
}

const UNIT_LETTER: Record<string, string> = { day: 'D', week: 'W', fortnight: 'W', month: 'M', quarter: 'Q', year: 'Y', decade: 'DE', century: 'CE' };

/** The values a resolution may be scored against: its TIMEX3 value, and for a stretch its duration ("P2Y"). */
function candidateValues(expr: TemporalExpression, dct: YMD): string[] {
  const r = resolveExpression(expr, dct);
  const values = r ? [r.value] : [];
  const m = expr.meaning;
  if (m.kind === 'window' || m.kind === 'since') {
    const amount = m.unit === 'fortnight' ? m.amount * 2 : m.amount;
    values.push(`P${amount}${UNIT_LETTER[m.unit]}`);
  }
  return values;
}

interface Tally {
  gold: number;
  found: number;
  correct: number;
}

const empty = (): Tally => ({ gold: 0, found: 0, correct: 0 });

export async function evaluate(): Promise<EvalReport> {
  const docs = loadCorpus();
  const tallies = { date: empty(), dateDct: empty(), all: empty() };
  const precision = new Map<DatedClaimTier | 'all', { findings: number; onTimex: number }>([['all', { findings: 0, onTimex: 0 }], ...DATED_CLAIM_TIERS.map((t) => [t, { findings: 0, onTimex: 0 }] as const)]);
  for (const doc of docs) {
    const claims = scanTemporal(doc.text).filter(isDatedClaim);
    for (const c of claims) {
      if (!resolveExpression(c, doc.dct)) continue;
      const onTimex = doc.timexes.some((t) => t.start < c.end && c.start < t.end);
      for (const p of [precision.get('all')!, precision.get(tierOf(c))!]) {
        p.findings++;
        if (onTimex) p.onTimex++;
      }
    }
    for (const t of doc.timexes) {
      if (!t.relative) continue;
      const match = claims.find((c) => c.start < t.end && t.start < c.end);
      const correct = match !== undefined && candidateValues(match, doc.dct).includes(t.value);
      const buckets = [tallies.all, ...(t.type === 'DATE' ? [tallies.date] : []), ...(t.type === 'DATE' && t.anchoredToDct ? [tallies.dateDct] : [])];
      for (const b of buckets) {
        b.gold++;
        if (match) b.found++;
        if (correct) b.correct++;
      }
    }
  }
  const rows: EvalRow[] = [];
  const add = (set: string, t: Tally, targets: boolean): void => {
    rows.push({ set, metric: 'detection recall', value: t.found / t.gold, ...(targets ? { target: '≥ 0.86' } : {}), note: `${t.found}/${t.gold}` });
    rows.push({ set, metric: 'value accuracy (found)', value: t.correct / Math.max(1, t.found), ...(targets ? { target: '≥ 0.85' } : {}), note: `${t.correct}/${t.found}` });
    rows.push({ set, metric: 'value accuracy (all gold)', value: t.correct / t.gold, note: `${t.correct}/${t.gold}` });
  };
  add('tb+aq relative DATE', tallies.date, true);
  add('tb+aq relative DATE @DCT', tallies.dateDct, false);
  add('tb+aq relative, all types', tallies.all, false);
  for (const [tier, p] of precision) {
    const note = tier === 'all' ? ' (rest: false positives, or descriptions TimeML leaves unannotated)' : '';
    rows.push({ set: tier === 'all' ? 'tb+aq' : `tb+aq ${tier} tier`, metric: 'precision (on any TIMEX3)', value: p.onTimex / Math.max(1, p.findings), note: `${p.onTimex}/${p.findings} findings${note}` });
  }
  return { name: `dated-claim (TimeBank ${docs.filter((d) => d.id.startsWith('TimeBank')).length} + AQUAINT ${docs.filter((d) => d.id.startsWith('AQUAINT')).length} docs)`, rows };
}
