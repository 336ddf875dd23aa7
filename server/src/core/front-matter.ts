import { parseDocument, isMap, isScalar, LineCounter } from 'yaml';
import type { OffsetRange } from './types.js';
import { MAX_ALIASES, yamlTooDeep } from './yaml-limits.js';

export interface FrontMatterProblem extends OffsetRange {
  message: string;
}

export interface FrontMatterField extends OffsetRange {
  key: string;
  value: unknown;
  /** Range of the value in the document. */
  valueRange: OffsetRange;
}

export interface FrontMatter extends OffsetRange {
  /** The top-level keys, as parsed. */
  fields: Map<string, FrontMatterField>;
  problems: FrontMatterProblem[];
}

/**
 * Parses the YAML body of a front-matter block. `bodyStart` is the offset of the YAML text
 * in the document, so every range reported points into the document. Never throws:
 * malformed YAML becomes problems with positions.
 */
export function parseFrontMatter(yamlText: string, bodyStart: number, blockRange: OffsetRange): FrontMatter {
  const fields = new Map<string, FrontMatterField>();
  const problems: FrontMatterProblem[] = [];
  const tooDeep = yamlTooDeep(yamlText);
  if (tooDeep) return { ...blockRange, fields, problems: [{ start: blockRange.start, end: blockRange.end, message: `Front matter cannot be read: ${tooDeep}.` }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const [s, e] = error.pos;
    problems.push({
      start: bodyStart + s,
      end: bodyStart + Math.max(e, s + 1),
      message: `Malformed front matter: ${firstLine(error.message)}`,
    });
  }
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      problems.push({ start: blockRange.start, end: blockRange.end, message: `Front matter cannot be read: ${firstLine(error instanceof Error ? error.message : String(error))}.` });
    }
  }
  if (problems.length === 0) {
    const contents = doc.contents;
    if (contents !== null && !isMap(contents)) {
      problems.push({ start: blockRange.start, end: blockRange.end, message: 'Front matter must be a mapping of keys to values.' });
    } else if (contents) {
      for (const pair of contents.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const keyRange = pair.key.range ?? [0, 0];
        const valueNode = pair.value as { range?: [number, number, number] } | null;
        const vr = valueNode?.range ?? keyRange;
        const value = isScalar(pair.value) ? pair.value.value : (data as Record<string, unknown> | null)?.[key];
        fields.set(key, {
          key,
          value,
          start: bodyStart + keyRange[0],
          end: bodyStart + vr[1],
          valueRange: { start: bodyStart + vr[0], end: bodyStart + vr[1] },
        });
      }
    }
  }
  return { ...blockRange, fields, problems };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
