/**
 * A reader for the English MEANTIME corpus (../shared/eval/meantime, CC BY 4.0: NewsReader
 * project, FBK / VU Amsterdam / UPV-EHU; see its README.txt and LICENSE.txt), annotated at
 * document and corpus level (`intra_cross-doc_annotation/`).
 *
 * Each article is a list of tokens (`<token t_id sentence>`), markables that point at tokens
 * (`<ENTITY_MENTION>` with `<token_anchor t_id>` children), entities (`<ENTITY ent_type
 * external_ref instance_id>`, DBpedia URIs) and `REFERS_TO` relations from mentions to
 * entities. The files carry no whitespace, so the text is rebuilt from the tokens: each
 * token exactly as written (after XML character references are decoded), one space between
 * tokens except before closing punctuation and clitics and after opening brackets, one line
 * per annotated sentence. Every token's offsets in that text are kept, and gold mentions
 * are character spans from their first token's start to their last token's end.
 *
 * The files are machine-written with one flat shape (one element per line, attributes in
 * double quotes), read here with patterns in the way the TimeML reader beside this file
 * reads TempEval-3, rather than by adding an XML parser to the project for an eval script.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface MeantimeToken {
  id: string;
  sentence: number;
  start: number;
  end: number;
}

export interface MeantimeEntity {
  /** MEANTIME's entity type: PER, ORG, LOC, PRO, FIN, MIX. */
  type: string;
  /** What the annotators called it (TAG_DESCRIPTOR). */
  name: string;
  /** The DBpedia resource, when the annotators linked one. */
  dbpedia?: string;
  /** The corpus-level instance; absent for entities annotated in this document only. */
  instanceId?: string;
}

export interface GoldMention {
  mId: string;
  start: number;
  end: number;
  /** NAM, PRE.NAM, NOM, PRO, APP, CONJ, ...; undefined when the file gives none (mentions added at corpus level). */
  syntacticType?: string;
  /** Whether the token anchors leave a gap (the span then runs from the first to the last). */
  discontinuous: boolean;
  /** The entities the mention refers to (usually one). */
  entities: MeantimeEntity[];
}

export interface MeantimeDoc {
  /** "corpus_gm/1007169_Mary_Barra_appointed_as_General_Motors_chief". */
  id: string;
  /** The document creation time, YYYY-MM-DD. */
  dct: string;
  /**
   * Where the DCT came from: the TIMEX3 marked CREATION_TIME; the same written day-first
   * (one file has "03-02-2009" over its dateline "February 03, 2009"); or, in the two files
   * that mark none, the date on the dateline.
   */
  dctSource: 'creation-time' | 'creation-time-day-first' | 'dateline';
  text: string;
  tokens: MeantimeToken[];
  mentions: GoldMention[];
}

const CHARACTER_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return CHARACTER_REFERENCES[name] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of tag.matchAll(/([\w.:-]+)="([^"]*)"/g)) out[a[1]!] = decode(a[2]!);
  return out;
}

/** Tokens written against the word before them: closing punctuation and clitics ("'s", "n't", "''"). */
const CLOSES = /^(?:[.,;:!?%)\]}\u201D\u2019]|\.\.\.|''|'(?:s|re|ve|ll|d|m)$|n't$)/i;
/** Tokens the next word is written against: opening brackets and quotes, currency signs. */
const OPENS = /^(?:[([{\u201C$#\u00A3\u20AC\u00A5]|``)$/;

/**
 * The article's text from its tokens, with each token's offsets. A straight double quote
 * (`&quot;`) opens and closes in turn within a sentence, the only way to tell the two apart.
 */
export function layOutTokens(tokens: ReadonlyArray<{ id: string; sentence: number; text: string }>): { text: string; tokens: MeantimeToken[] } {
  let text = '';
  const out: MeantimeToken[] = [];
  let sentence = -1;
  let glueNext = false;
  let quoteOpen = false;
  for (const t of tokens) {
    if (t.sentence !== sentence) {
      if (out.length > 0) text += '\n';
      sentence = t.sentence;
      quoteOpen = false;
    } else {
      const closingQuote = t.text === '"' && quoteOpen;
      if (!glueNext && !CLOSES.test(t.text) && !closingQuote) text += ' ';
    }
    out.push({ id: t.id, sentence: t.sentence, start: text.length, end: text.length + t.text.length });
    text += t.text;
    if (t.text === '"') {
      glueNext = !quoteOpen;
      quoteOpen = !quoteOpen;
    } else glueNext = OPENS.test(t.text);
  }
  return { text, tokens: out };
}

/** One annotated file; throws with the file's id when it lacks what every MEANTIME file has. */
export function readMeantime(id: string, xml: string): MeantimeDoc {
  const raw: Array<{ id: string; sentence: number; text: string }> = [];
  for (const m of xml.matchAll(/<token\b([^>]*)>([^<]*)<\/token>/g)) {
    const a = attributes(m[1]!);
    raw.push({ id: a['t_id']!, sentence: Number(a['sentence']), text: decode(m[2]!) });
  }
  if (raw.length === 0) throw new Error(`${id}: no tokens`);
  const { text, tokens } = layOutTokens(raw);
  const byId = new Map(tokens.map((t, i) => [t.id, i] as const));

  const entities = new Map<string, MeantimeEntity>();
  for (const m of xml.matchAll(/<ENTITY\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    const entity: MeantimeEntity = { type: a['ent_type'] ?? '', name: (a['TAG_DESCRIPTOR'] ?? '').trim() };
    if (a['external_ref']) entity.dbpedia = a['external_ref'];
    if (a['instance_id']) entity.instanceId = a['instance_id'];
    entities.set(a['m_id']!, entity);
  }

  const refers = new Map<string, MeantimeEntity[]>();
  for (const m of xml.matchAll(/<REFERS_TO\b[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
    const entity = target ? entities.get(target) : undefined;
    if (!entity) continue;
    for (const s of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refers.set(s[1]!, [...(refers.get(s[1]!) ?? []), entity]);
  }

  const mentions: GoldMention[] = [];
  for (const m of xml.matchAll(/<ENTITY_MENTION\b([^>]*)>([\s\S]*?)<\/ENTITY_MENTION>/g)) {
    const a = attributes(m[1]!);
    const indices = [...m[2]!.matchAll(/<token_anchor t_id="([^"]+)"/g)].map((t) => byId.get(t[1]!)).filter((i): i is number => i !== undefined).sort((x, y) => x - y);
    if (indices.length === 0) continue;
    const first = indices[0]!;
    const last = indices[indices.length - 1]!;
    const mention: GoldMention = {
      mId: a['m_id']!,
      start: tokens[first]!.start,
      end: tokens[last]!.end,
      discontinuous: last - first + 1 !== indices.length,
      entities: refers.get(a['m_id']!) ?? [],
    };
    if (a['syntactic_type']) mention.syntacticType = a['syntactic_type'];
    mentions.push(mention);
  }
  mentions.sort((x, y) => x.start - y.start || y.end - x.end);

  const dct = creationTime(xml, byId, tokens);
  if (!dct) throw new Error(`${id}: no document creation time`);
  return { id, dct: dct.date, dctSource: dct.source, text, tokens, mentions };
}

function creationTime(xml: string, byId: ReadonlyMap<string, number>, tokens: readonly MeantimeToken[]): { date: string; source: MeantimeDoc['dctSource'] } | undefined {
  let dateline: string | undefined;
  for (const m of xml.matchAll(/<TIMEX3\b([^>]*?)(?:\/>|>([\s\S]*?)<\/TIMEX3>)/g)) {
    const a = attributes(m[1]!);
    const written = a['value'] ?? '';
    const dayFirst = /^(\d{2})-(\d{2})-(\d{4})$/.exec(written);
    if (dayFirst && a['functionInDocument'] === 'CREATION_TIME') return { date: `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}`, source: 'creation-time-day-first' };
    const value = /^\d{4}-\d{2}-\d{2}/.exec(written)?.[0];
    if (!value) continue;
    if (a['functionInDocument'] === 'CREATION_TIME') return { date: value, source: 'creation-time' };
    // Wikinews puts the date on the line after the headline: sentence 1.
    const anchor = /<token_anchor t_id="([^"]+)"/.exec(m[2] ?? '')?.[1];
    const index = anchor === undefined ? undefined : byId.get(anchor);
    if (dateline === undefined && index !== undefined && tokens[index]!.sentence === 1) dateline = value;
  }
  return dateline ? { date: dateline, source: 'dateline' } : undefined;
}

export function loadMeantime(root: string): MeantimeDoc[] {
  const dir = join(root, 'meantime', 'intra_cross-doc_annotation');
  if (!existsSync(dir)) return [];
  const docs: MeantimeDoc[] = [];
  for (const corpus of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, corpus)).filter((f) => f.endsWith('.xml')).sort()) {
      docs.push(readMeantime(`${corpus}/${file.slice(0, -4)}`, readFileSync(join(dir, corpus, file), 'utf8')));
    }
  }
  return docs;
}

/**
 * The English Wikipedia title a DBpedia resource URI names ("http://dbpedia.org/resource/
 * Michael_O%27Leary_(businessman)" → "Michael O'Leary (businessman)"). Some annotators
 * wrote the `/page/` form of the URI; it names the same resource.
 */
export function dbpediaTitle(uri: string): string | undefined {
  const m = /^https?:\/\/(?:[a-z]{2}\.)?dbpedia\.org\/(?:resource|page)\/(.+)$/.exec(uri.trim());
  if (!m) return undefined;
  let title: string;
  try {
    title = decodeURIComponent(m[1]!);
  } catch {
    title = m[1]!;
  }
  return title.replace(/_/g, ' ').trim();
}
