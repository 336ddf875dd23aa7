import type { Check, CheckContext } from '../check.js';
import { lowerBound, mapEdits } from '../ranges.js';
import { parseISODate, type YMD } from '../dates.js';
import { findQuotations, insideAny } from '../quotes.js';
import { daysBetween } from '../time/calendar.js';
import { isDatedClaim, longDate, monthYear, resolveExpression, scanTemporal, type Resolution, type TemporalExpression } from '../time/index.js';
import { SEVERITIES, type CheckFinding, type ReferenceDate, type RuleSetting, type Severity, type Suggestion } from '../types.js';
import { BLOCK_MEMO_CHARS, BlockMemo, blockMemosInUse, ownCopy } from '../text-memo.js';

/**
 * dated-claim: an expression that only means something relative to when the piece was
 * written ("last year", "10 years ago", "recently", "the current visit"). Each is resolved
 * against the reference date and reported with its resolution, how old the claim is on
 * the as-of date, and rewrites to the absolute form.
 *
 * dated-claim-consistency: a stated stretch ("a break of almost 14 years") that disagrees
 * with an explicit year for the same stretch ("the first visit since 2005").
 */

const CONSISTENCY = 'dated-claim-consistency';

/**
 * How urgent a claim is, by what it says about time:
 * - `dated`: it resolves to a date, a period or a stretch ("last year", "10 years ago",
 *   "on Tuesday", "next week", "since about 2005") or to a vague past ("recently"); it goes
 *   stale as the piece ages, and a reader cannot tell;
 * - `present`: it describes the time of writing ("now", "currently", "so far", a present-tense
 *   "today", "the current visit"); true when written, and read as such;
 * - `future`: a vague future with no date ("soon", "in the days to come", "the upcoming summit").
 */
export const DATED_CLAIM_TIERS = ['dated', 'present', 'future'] as const;
export type DatedClaimTier = (typeof DATED_CLAIM_TIERS)[number];

const TIER_SEVERITY: Readonly<Record<DatedClaimTier, Severity>> = { dated: 'warning', present: 'info', future: 'info' };

interface Options {
  /** Expressions never to flag, compared case-insensitively ("now", "currently"). */
  ignore: ReadonlySet<string>;
  /** Report vague recency and present-bound descriptions ("recently", "the current visit"). */
  vague: boolean;
  /** The severity of each tier, or off. */
  tiers: Readonly<Record<DatedClaimTier, RuleSetting>>;
  /** Tiers the configuration gives a severity of their own: it stands over one set for the whole rule. */
  configured: ReadonlySet<DatedClaimTier>;
}

function readOptions(ctx: CheckContext): Options {
  const o = ctx.options;
  const ignore = Array.isArray(o['ignore']) ? o['ignore'].filter((w): w is string => typeof w === 'string').map((w) => w.trim().toLowerCase()) : [];
  const given = typeof o['tiers'] === 'object' && o['tiers'] !== null ? (o['tiers'] as Record<string, unknown>) : {};
  const tiers = { ...TIER_SEVERITY } as Record<DatedClaimTier, RuleSetting>;
  const configured = new Set<DatedClaimTier>();
  for (const tier of DATED_CLAIM_TIERS) {
    const v = given[tier];
    if (typeof v === 'string' && (v === 'off' || (SEVERITIES as readonly string[]).includes(v))) {
      tiers[tier] = v as RuleSetting;
      configured.add(tier);
    }
  }
  return { ignore: new Set(ignore), vague: o['vague'] !== false, tiers, configured };
}

/** The tier of a claim (see DATED_CLAIM_TIERS). */
export function tierOf(expr: TemporalExpression): DatedClaimTier {
  const m = expr.meaning;
  if (m.kind === 'ref') return m.sense === 'future' ? 'future' : m.sense === 'recent' ? 'dated' : 'present';
  // "Today the country is poor" speaks of the present; "the minister resigned today" of one day.
  if (m.kind === 'day' && m.offset === 0 && expr.tense === undefined && /^today/i.test(expr.text)) return 'present';
  return 'dated';
}

/** The expression is vague: it points at the time of writing without naming a date. */
function isVague(expr: TemporalExpression): boolean {
  return expr.category === 'vague' || expr.category === 'present-bound' || (expr.meaning.kind === 'ref' && expr.category === 'deictic');
}

const PREPOSITION_BEFORE = /\b(?:on|in|during|since|by|until|till|from|at|of|for|before|after|through|to)[\s\u00A0]+$/i;
const LEADING_PREPOSITION = /^(?:on|in|during|over|since|by|until|till|from|at|for|within|throughout|across|through)[\s\u00A0]/i;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The absolute form that can replace the expression in its sentence, when there is one. */
export function absoluteForm(expr: TemporalExpression, res: Resolution, prose: string, reference: YMD): string | undefined {
  if (expr.possessive) return undefined;
  const t = res.time;
  let out: string | undefined;
  if (expr.category === 'present-bound') {
    // "The current visit" → "The June 2019 visit": the date takes the adjective's place.
    const m = expr.marker;
    if (!m || res.value !== 'PRESENT_REF' || m.start === expr.start || m.end === expr.end) return undefined;
    // An own copy: the slices would keep this version of the prose (2 MB on a 1 MB
    // document) alive for as long as the block's findings stay cached (blockClaims).
    out = ownCopy(`${prose.slice(expr.start, m.start)}${monthYear(reference)}${prose.slice(m.end, expr.end)}`);
    return out;
  }
  if (t.grain === 'ref') {
    if (t.sense === 'present') out = `as of ${monthYear(reference)}`;
    else if (t.sense === 'up-to-now') out = `up to ${monthYear(reference)}`;
    else return undefined;
  } else if (t.grain === 'since') {
    return undefined;
  } else if (t.grain === 'interval') {
    out = `between ${monthYear(t.from)} and ${monthYear(t.to)}`;
  } else if (t.grain === 'day' && expr.meaning.kind === 'day' && expr.meaning.offset === 0 && expr.clauseInitial && /^[\s\u00A0]*,/.test(prose.slice(expr.end, expr.end + 3))) {
    // "Today, North Korea is …" speaks of the present, not of one day.
    out = `as of ${monthYear(reference)}`;
  } else {
    out = res.label;
    if (!LEADING_PREPOSITION.test(expr.text) && PREPOSITION_BEFORE.test(prose.slice(Math.max(0, expr.start - 12), expr.start))) {
      out = out.replace(/^(?:on|in) /, '');
    }
  }
  return /^\p{Lu}/u.test(expr.text) && expr.clauseInitial ? capitalise(out) : out;
}

/** "7 years", "3 months", "12 days"; undefined when the as-of date is not after the reference date. */
export function age(reference: YMD, asOf: YMD): string | undefined {
  const days = daysBetween(reference, asOf);
  if (days <= 0) return undefined;
  let months = (asOf.year - reference.year) * 12 + (asOf.month - reference.month);
  if (asOf.day < reference.day) months--;
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (months >= 12) return plural(Math.floor(months / 12), 'year');
  if (months >= 1) return plural(months, 'month');
  return plural(days, 'day');
}

function meaningPhrase(text: string, res: Resolution): string {
  return res.time.grain === 'ref' ? `'${text}' refers to the time of writing (${res.label})` : `'${text}' means ${res.phrase}`;
}

function claimFinding(expr: TemporalExpression, res: Resolution, prose: string, reference: ReferenceDate, ref: YMD, asOf: YMD | undefined, asOfText: string, tier: DatedClaimTier, severity: Severity): CheckFinding {
  const stale = asOf ? age(ref, asOf) : undefined;
  const rewrite = absoluteForm(expr, res, prose, ref);
  const asOfNote = `(as of ${monthYear(ref)})`;
  const basis = `counting from ${reference.date}, ${reference.basis}`;
  const staleness = stale ? `; written ${stale} before the as-of date (${asOfText})` : '';
  const fix = rewrite ? `write '${rewrite}' or add '${asOfNote}'` : `name the date or add '${asOfNote}'`;
  const message = `${meaningPhrase(expr.text, res)}, ${basis}${staleness}. Readers later on cannot tell when that was: ${fix}.`;
  const suggestions: Suggestion[] = [];
  if (rewrite && rewrite !== expr.text) {
    suggestions.push({ title: `Rewrite as '${rewrite}'`, replacement: rewrite, edits: [{ start: expr.start, end: expr.end, newText: rewrite }] });
  }
  if (res.time.grain === 'since') {
    const withStart = `${expr.text} (${res.label})`;
    suggestions.push({ title: `Add the start: '${withStart}'`, replacement: withStart, edits: [{ start: expr.end, end: expr.end, newText: ` (${res.label})` }] });
  }
  suggestions.push({ title: `Add '${asOfNote}'`, replacement: `${expr.text} ${asOfNote}`, edits: [{ start: expr.end, end: expr.end, newText: ` ${asOfNote}` }] });
  const detail = [
    `**Dated claim** (${expr.category.replace('-', ' ')}): '${expr.text}'`,
    '',
    `- **Means:** ${res.time.grain === 'ref' ? res.label : res.phrase} \u2014 TIMEX3 \`${res.value}\`${res.approximate ? ' (approximate)' : ''}`,
    `- **Counted from:** ${longDate(ref)}, ${reference.basis}`,
    `- **Tier:** ${tier} (\`tiers.${tier}\` in the rule's options)`,
    ...(stale ? [`- **Age:** written ${stale} before the as-of date (${asOfText})`] : []),
    ...(rewrite ? [`- **Absolute form:** ${rewrite}`] : []),
  ].join('\n');
  return { start: expr.start, end: expr.end, severity, message, resolved: { value: res.value, label: res.label }, suggestions, detail };
}

/** Years a unit amount stands for, to compare a stretch with an explicit year. */
const UNIT_YEARS: Record<string, number> = { day: 1 / 365, week: 7 / 365, fortnight: 14 / 365, month: 1 / 12, quarter: 0.25, year: 1, decade: 10, century: 100 };

/**
 * Whether "almost 14 years" (ending at the reference date) can be the time since `year`.
 * The stretch since a year is known to within that year; the stated stretch is widened by
 * its hedge ("almost" is a year under, "over" up to half again, a bare number is rounded).
 */
export function stretchAgrees(expr: TemporalExpression, year: number, ref: YMD): boolean {
  const m = expr.meaning;
  if (m.kind !== 'since') return true;
  const n = m.amount * UNIT_YEARS[m.unit]!;
  const [lo, hi] = m.hedge === 'under' ? [n - 1, n] : m.hedge === 'over' ? [n, n * 1.5 + 1] : m.hedge === 'about' ? [n - 1, n + 1] : [n - 0.5, n + 1];
  const intoYear = daysBetween({ year: ref.year, month: 1, day: 1 }, ref) / 365;
  const elapsedLo = ref.year - year - 1 + intoYear;
  const elapsedHi = ref.year - year + intoYear;
  return lo <= elapsedHi && elapsedLo <= hi;
}

function consistencyFindings(gaps: TemporalExpression[], anchors: TemporalExpression[], ref: YMD, reference: ReferenceDate): CheckFinding[] {
  const out: CheckFinding[] = [];
  // In document order, so the nearest to each gap is one of the two around it.
  const firsts = anchors.filter((a) => a.firstSince);
  for (const gap of gaps) {
    // A "first … since YEAR" states the same stretch as a gap; the nearest one is its partner.
    const partner = nearest(firsts, gap.start);
    if (!partner || partner.meaning.kind !== 'since-year') continue;
    const year = partner.meaning.year;
    if (stretchAgrees(gap, year, ref)) continue;
    const elapsed = ref.year - year;
    out.push({
      ruleId: CONSISTENCY,
      start: gap.start,
      end: gap.end,
      message: `'${gap.text}' does not agree with '${partner.text}': counting from ${reference.date} (${reference.basis}), ${year} was ${elapsed - 1}\u2013${elapsed} years earlier. Correct the stretch or the year so both say the same.`,
      suggestions: [],
      detail: `**Inconsistent dates**: '${gap.text}' ends on ${longDate(ref)} and so starts around ${ref.year - Math.round(gap.meaning.kind === 'since' ? gap.meaning.amount * UNIT_YEARS[gap.meaning.unit]! : 0)}; '${partner.text}' puts the start in ${year}.`,
    });
  }
  return out;
}

/** The expression starting nearest `at` (the earlier of two equally near), from a list in document order. */
function nearest(sorted: readonly TemporalExpression[], at: number): TemporalExpression | undefined {
  const lo = lowerBound(sorted, at);
  const before = sorted[lo - 1];
  const after = sorted[lo];
  if (!before) return after;
  if (!after) return before;
  return after.start - at < at - before.start ? after : before;
}

/**
 * How far before a block the scan reads (calendar names look 25 characters back for a
 * preposition); the memo key includes that much.
 */
const SCAN_LOOKBEHIND = 25;

/**
 * A block's temporal expressions outside its direct quotations, offsets relative to the
 * block, memoised by the text they depend on: on each keystroke only the edited block is
 * scanned again (the whole-document scan was most of a keystroke's analysis on long files).
 */
const blockScans = new BlockMemo<readonly TemporalExpression[]>(BLOCK_MEMO_CHARS, SCAN_LOOKBEHIND);

function scanBlock(prose: string, start: number, end: number): readonly TemporalExpression[] {
  if (!blockMemosInUse()) return scanOutsideQuotes(prose, start, end, false);
  return blockScans.get(prose, start, end, () => scanOutsideQuotes(prose, start, end, true));
}

function scanOutsideQuotes(prose: string, start: number, end: number, kept: boolean): readonly TemporalExpression[] {
  const found = scanTemporal(prose, start, end);
  if (found.length === 0) return found;
  // Words inside a direct quotation are the speaker's, and a quotation cannot be rewritten.
  const quotes = findQuotations(prose, start, end).map((q) => q.inner);
  // Kept results get their own copies of the texts: a slice of the prose would keep that
  // version of the document alive.
  return found.filter((e) => !insideAny(quotes, e.start, e.end)).map((e) => ({ ...moved(e, -start), text: kept ? ownCopy(e.text) : e.text }));
}

/**
 * A block's findings and the expressions the consistency rule compares, built at `start`
 * for a context (`key`: reference date, as-of date, options, what follows the block), kept
 * per scan result: the scan memo returns the same array while the block's text is the same.
 * Rebuilding the ~1,200 findings of a 1 MB document (messages, details, fixes) at every
 * keystroke was about 8 MB of garbage each time; a block that only moved gets its findings
 * moved, strings shared.
 */
interface BlockClaims {
  key: string;
  start: number;
  findings: CheckFinding[];
  gaps: TemporalExpression[];
  anchors: TemporalExpression[];
}

const blockClaims = new WeakMap<readonly TemporalExpression[], BlockClaims>();

function shiftedClaims(c: BlockClaims, start: number): BlockClaims {
  const d = start - c.start;
  const findings = c.findings.map((f) => {
    const shifted: CheckFinding = { ...f, start: f.start + d, end: f.end + d };
    if (f.suggestions) shifted.suggestions = mapEdits(f.suggestions, (o) => o + d);
    return shifted;
  });
  return { key: c.key, start, findings, gaps: c.gaps.map((e) => moved(e, d)), anchors: c.anchors.map((e) => moved(e, d)) };
}

function moved(e: TemporalExpression, by: number): TemporalExpression {
  const out: TemporalExpression = { ...e, start: e.start + by, end: e.end + by };
  if (e.marker) out.marker = { start: e.marker.start + by, end: e.marker.end + by };
  return out;
}

export const datedClaim: Check = {
  id: 'dated-claim',
  meta: {
    description: 'A time expression that only means something relative to when the piece was written ("last year", "recently", "the current visit").',
    defaultSeverity: 'warning',
    relatedRuleIds: [CONSISTENCY],
  },
  run(ctx) {
    const { doc, referenceDate } = ctx;
    const ref = parseISODate(referenceDate.date);
    if (!ref) return [];
    const asOf = parseISODate(ctx.asOf);
    const options = readOptions(ctx);
    const out: CheckFinding[] = [];
    const gaps: TemporalExpression[] = [];
    const anchors: TemporalExpression[] = [];
    const memos = blockMemosInUse();
    const context = memos ? `${referenceDate.date}|${referenceDate.basis}|${ctx.asOf}|${options.vague}|${DATED_CLAIM_TIERS.map((t) => `${options.tiers[t]}${options.configured.has(t) ? '!' : ''}`).join('|')}|${[...options.ignore].join('|')}` : '';
    for (const block of doc.blocks) {
      if (block.quoted || block.footnote) continue;
      const scanned = scanBlock(doc.prose, block.start, block.end);
      if (scanned.length === 0) continue;
      // A finding reads up to 3 characters past its expression ("Today," is clause-initial).
      const key = memos ? `${context}|${doc.prose.slice(block.end, block.end + 3)}` : '';
      let claims = memos ? blockClaims.get(scanned) : undefined;
      if (!claims || claims.key !== key) {
        claims = { key, start: block.start, findings: [], gaps: [], anchors: [] };
        for (const relative of scanned) {
          const expr = moved(relative, block.start);
          if (!isDatedClaim(expr)) {
            claims.anchors.push(expr);
            continue;
          }
          if (expr.gap) claims.gaps.push(expr);
          if (options.ignore.has(expr.text.toLowerCase()) || (!options.vague && isVague(expr))) continue;
          const tier = tierOf(expr);
          const severity = options.tiers[tier];
          if (severity === 'off') continue;
          const res = resolveExpression(expr, ref);
          if (!res) continue;
          const finding = claimFinding(expr, res, doc.prose, referenceDate, ref, asOf, ctx.asOf, tier, severity);
          if (options.configured.has(tier)) finding.ownSeverity = true;
          claims.findings.push(finding);
        }
        if (memos) blockClaims.set(scanned, claims);
      } else if (claims.start !== block.start) {
        claims = shiftedClaims(claims, block.start);
        blockClaims.set(scanned, claims);
      }
      for (const f of claims.findings) out.push(f);
      for (const g of claims.gaps) gaps.push(g);
      for (const a of claims.anchors) anchors.push(a);
    }
    out.push(...consistencyFindings(gaps, anchors, ref, referenceDate));
    return out;
  },
};
