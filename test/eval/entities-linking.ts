/**
 * Entity linking on MEANTIME (see meantime.ts): each of the 120 Wikinews articles analysed
 * with its document creation time as the reference date, against the gold mentions of
 * people (PER) and organisations (ORG).
 *
 * Which gold mentions are names: MEANTIME annotates every mention of an entity, pronouns
 * and descriptions included ("he", "the company"), which recognition of known names does
 * not try to find. A mention counts when the annotators typed it a name (syntactic_type NAM
 * or PRE.NAM), or when it carries no syntactic type (those added at corpus level) and reads
 * as a proper name: after an optional "the", every word capitalised or a joining word ("of",
 * "and", "&"), not a lone pronoun, and not ending in a capitalised job title ("Apple CEO").
 *
 * - mention recall: share of those gold mentions that one of our mentions of the same kind
 *   (person for PER, organisation for ORG) overlaps; of any kind in the note;
 * - linking accuracy: of the recalled ones whose entity has a DBpedia link, the share for
 *   which our most-overlapping mention names that resource. Our entity is matched by its
 *   `wikipedia` title when it has one (compiled entries), else by its Wikipedia link (most
 *   hand-written ones), else by its name and aliases against the title; each match says how;
 * - ours outside gold: our person and organisation mentions that overlap no gold entity
 *   mention of any kind. MEANTIME does not annotate every entity an article names (George
 *   W. Bush goes unannotated in five articles), so this is a proxy for precision, not
 *   precision: the listing under the table names them.
 */
import type { Entity } from '../../server/src/core/entities/model.js';
import type { EntityType } from '../../server/src/core/types.js';
import type { EvalReport, EvalRow } from './run.js';
import { analyses, bundledKnowledge, knownEntity, type ArticleAnalysis, type ArticleMention } from './entities-corpus.js';
import { dbpediaTitle, type GoldMention, type MeantimeDoc } from './meantime.js';

export type GoldKind = 'PER' | 'ORG';
const OUR_TYPE: Record<GoldKind, EntityType> = { PER: 'person', ORG: 'organisation' };

const JOINING = new Set(['of', 'the', 'and', '&', 'de', 'du', 'des', 'von', 'van', 'der', 'den', 'la', 'le', 'for', 'y']);
const PRONOUNS = new Set(['i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'it', 'its', 'they', 'them', 'their', 'ya', 'both', 'which', 'who', 'this', 'that', 'these', 'those', 'some', 'many', 'all']);
const JOB_TITLES = /^(?:CEO|CFO|COO|President|Minister|Executive|Officer|Chairman|Chairwoman|Chair|Spokesman|Spokeswoman|Spokesperson|Secretary|Director|Chief|Leader|Founder|Co-founder|Analyst|Governor|Senator)$/;

/** Why a gold mention counts as a name, or undefined when it does not. */
export function nameMention(m: GoldMention, doc: Pick<MeantimeDoc, 'text' | 'tokens'>): 'typed' | 'capitalised' | undefined {
  if (m.syntacticType === 'NAM' || m.syntacticType === 'PRE.NAM') return 'typed';
  if (m.syntacticType !== undefined) return undefined;
  const words = doc.tokens.filter((t) => t.start >= m.start && t.end <= m.end).map((t) => doc.text.slice(t.start, t.end)).filter((w) => /\p{L}/u.test(w));
  const rest = words[0] !== undefined && /^the$/i.test(words[0]) ? words.slice(1) : words;
  if (rest.length === 0 || !/^\p{Lu}/u.test(rest[0]!)) return undefined;
  if (rest.length === 1 && PRONOUNS.has(rest[0]!.toLowerCase())) return undefined;
  if (!rest.every((w) => /^\p{Lu}/u.test(w) || JOINING.has(w.toLowerCase()))) return undefined;
  if (JOB_TITLES.test(rest[rest.length - 1]!)) return undefined;
  return 'capitalised';
}

export function goldKind(m: GoldMention): GoldKind | undefined {
  if (m.entities.some((e) => e.type === 'PER')) return 'PER';
  if (m.entities.some((e) => e.type === 'ORG')) return 'ORG';
  return undefined;
}

export type MatchMethod = 'wikipedia field' | 'wikipedia link' | 'name';

const WIKIPEDIA_URL = /^https?:\/\/en\.(?:m\.)?wikipedia\.org\/wiki\/([^?#]+)/;

/**
 * An English Wikipedia title as a comparable key: spaces for underscores, case and diacritics
 * folded (MEANTIME's DBpedia titles are of 2013; "Sebastian Vladescu" is now "Sebastian Vlădescu",
 * the old title a redirect to it).
 */
function titleKey(title: string): string {
  return title.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A name as a comparable key: no diacritics, no punctuation, case folded ("Noël Forgeard" = "Noel Forgeard"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The entity's English Wikipedia title and where it was read, if it has one. */
export function wikipediaTitleOf(entity: Entity): { title: string; method: Exclude<MatchMethod, 'name'> } | undefined {
  // Compiled entries carry the title itself; read it without requiring the field to exist.
  const field = (entity as Entity & { wikipedia?: unknown }).wikipedia;
  if (typeof field === 'string' && field.trim() !== '') return { title: field, method: 'wikipedia field' };
  const links = [...entity.links].sort((a, b) => Number(b.title.toLowerCase() === 'wikipedia') - Number(a.title.toLowerCase() === 'wikipedia'));
  for (const link of links) {
    const m = WIKIPEDIA_URL.exec(link.url);
    if (!m) continue;
    let title = m[1]!;
    try {
      title = decodeURIComponent(title);
    } catch {
      // A malformed escape: compare the title as written.
    }
    return { title: title.replace(/_/g, ' '), method: 'wikipedia link' };
  }
  return undefined;
}

/** Whether our entity is the DBpedia resource, and by which evidence that was decided. */
export function matchDbpedia(entity: Entity, resourceTitle: string): { match: boolean; method: MatchMethod } {
  const own = wikipediaTitleOf(entity);
  if (own) return { match: titleKey(own.title) === titleKey(resourceTitle), method: own.method };
  // Without a title, the resource's name less its disambiguation ("Michael O'Leary (businessman)").
  const key = nameKey(resourceTitle.replace(/\s*\([^)]*\)\s*$/, ''));
  return { match: [entity.name, ...entity.aliases].some((n) => nameKey(n) === key), method: 'name' };
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

interface KindTally {
  gold: number;
  typed: number;
  recalled: number;
  recalledTyped: number;
  recalledAnyType: number;
  linked: number;
  correct: number;
  byMethod: Map<MatchMethod, { total: number; correct: number }>;
}

const emptyTally = (): KindTally => ({ gold: 0, typed: 0, recalled: 0, recalledTyped: 0, recalledAnyType: 0, linked: 0, correct: 0, byMethod: new Map() });

export interface LinkingScore {
  kinds: Record<GoldKind, KindTally>;
  /** Our person and organisation mentions (and all of ours), and those overlapping no gold entity mention. */
  ours: Record<GoldKind | 'all', { total: number; outside: number }>;
  missed: Map<string, number>;
  wrongLinks: Map<string, number>;
  outsideNames: Map<string, number>;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Scores one article's recognised mentions against its gold mentions, adding to `score`. */
export function scoreArticle(doc: MeantimeDoc, mentions: readonly ArticleMention[], entityOf: (id: string) => Entity | undefined, score: LinkingScore): void {
  for (const g of doc.mentions) {
    const kind = goldKind(g);
    const why = kind && nameMention(g, doc);
    if (!kind || !why) continue;
    const t = score.kinds[kind];
    t.gold++;
    if (why === 'typed') t.typed++;
    const overlapping = mentions.filter((m) => overlap(m, g) > 0);
    if (overlapping.length > 0) t.recalledAnyType++;
    const same = overlapping.filter((m) => m.mention.type === OUR_TYPE[kind]).sort((a, b) => overlap(b, g) - overlap(a, g));
    const written = doc.text.slice(g.start, g.end);
    if (same.length === 0) {
      bump(score.missed, `${kind} ${written}`);
      continue;
    }
    t.recalled++;
    if (why === 'typed') t.recalledTyped++;
    const resource = g.entities.map((e) => (e.dbpedia ? dbpediaTitle(e.dbpedia) : undefined)).find((x) => x !== undefined);
    const entity = entityOf(same[0]!.mention.id);
    if (!resource || !entity) continue;
    t.linked++;
    const { match, method } = matchDbpedia(entity, resource);
    const m = t.byMethod.get(method) ?? { total: 0, correct: 0 };
    m.total++;
    if (match) {
      m.correct++;
      t.correct++;
    } else bump(score.wrongLinks, `"${written}": gold ${resource}, ours ${entity.name} (${entity.id}, by ${method})`);
    t.byMethod.set(method, m);
  }
  for (const m of mentions) {
    const kind = (Object.keys(OUR_TYPE) as GoldKind[]).find((k) => OUR_TYPE[k] === m.mention.type);
    const outside = !doc.mentions.some((g) => overlap(m, g) > 0);
    score.ours.all.total++;
    if (outside) score.ours.all.outside++;
    if (!kind) continue;
    score.ours[kind].total++;
    if (outside) {
      score.ours[kind].outside++;
      bump(score.outsideNames, `${m.mention.name} (${m.mention.type})`);
    }
  }
}

export function emptyScore(): LinkingScore {
  return {
    kinds: { PER: emptyTally(), ORG: emptyTally() },
    ours: { PER: { total: 0, outside: 0 }, ORG: { total: 0, outside: 0 }, all: { total: 0, outside: 0 } },
    missed: new Map(),
    wrongLinks: new Map(),
    outsideNames: new Map(),
  };
}

export function top(map: ReadonlyMap<string, number>, n: number): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function linkingRows(score: LinkingScore): EvalRow[] {
  const rows: EvalRow[] = [];
  const sum = (f: (t: KindTally) => number): number => f(score.kinds.PER) + f(score.kinds.ORG);
  const sets: Array<[string, (f: (t: KindTally) => number) => number, Array<[MatchMethod, { total: number; correct: number }]>]> = [
    ['meantime people (PER)', (f) => f(score.kinds.PER), [...score.kinds.PER.byMethod]],
    ['meantime organisations (ORG)', (f) => f(score.kinds.ORG), [...score.kinds.ORG.byMethod]],
    ['meantime PER + ORG', sum, mergeMethods(score)],
  ];
  for (const [set, get, methods] of sets) {
    const gold = get((t) => t.gold);
    rows.push({ set, metric: 'mention recall', value: ratio(get((t) => t.recalled), gold), note: `${get((t) => t.recalled)}/${gold} name mentions; typed NAM/PRE.NAM only ${get((t) => t.recalledTyped)}/${get((t) => t.typed)}; any type of ours ${get((t) => t.recalledAnyType)}` });
    const how = methods.map(([m, c]) => `${c.correct}/${c.total} by ${m}`).join(', ');
    rows.push({ set, metric: 'linking accuracy', value: ratio(get((t) => t.correct), get((t) => t.linked)), note: `${get((t) => t.correct)}/${get((t) => t.linked)} recalled with a DBpedia link${how ? `: ${how}` : ''}` });
  }
  for (const [kind, set] of [['PER', 'meantime our people'], ['ORG', 'meantime our organisations']] as const) {
    const o = score.ours[kind];
    rows.push({ set, metric: 'ours outside gold', value: ratio(o.outside, o.total), note: `${o.outside}/${o.total} of our mentions overlap no gold mention (MEANTIME does not annotate every entity)` });
  }
  const all = { outside: score.ours.PER.outside + score.ours.ORG.outside, total: score.ours.PER.total + score.ours.ORG.total };
  rows.push({ set: 'meantime our PER + ORG', metric: 'ours outside gold', value: ratio(all.outside, all.total), note: `${all.outside}/${all.total}` });
  const every = score.ours.all;
  rows.push({ set: 'meantime ours, every type', metric: 'ours outside gold', value: ratio(every.outside, every.total), note: `${every.outside}/${every.total} (countries, places, treaties too)` });
  return rows;
}

function mergeMethods(score: LinkingScore): Array<[MatchMethod, { total: number; correct: number }]> {
  const out = new Map<MatchMethod, { total: number; correct: number }>();
  for (const t of [score.kinds.PER, score.kinds.ORG]) {
    for (const [m, c] of t.byMethod) {
      const o = out.get(m) ?? { total: 0, correct: 0 };
      out.set(m, { total: o.total + c.total, correct: o.correct + c.correct });
    }
  }
  return [...out];
}

export async function evaluate(): Promise<EvalReport> {
  const knowledge = bundledKnowledge();
  const list: ArticleAnalysis[] = analyses('meantime');
  const score = emptyScore();
  for (const a of list) scoreArticle(a.article.meantime!, a.mentions, (id) => knownEntity(knowledge, id), score);
  const details = [
    'Gold name mentions most often missed (no person/organisation mention of ours overlaps):',
    ...top(score.missed, 20).map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`),
    'Links that disagree:',
    ...(score.wrongLinks.size === 0 ? ['  none'] : top(score.wrongLinks, 30).map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`)),
    'Our mentions most often outside every gold mention:',
    ...top(score.outsideNames, 15).map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`),
  ];
  const dctNote = list.filter((a) => a.article.meantime!.dctSource !== 'creation-time').length;
  return {
    name: `entities: linking on MEANTIME (${list.length} Wikinews articles, reference date = DCT; ${dctNote} DCTs read from the dateline or day-first)`,
    rows: linkingRows(score),
    details,
  };
}
