import { type DocumentSymbol, type Location, SymbolKind } from 'vscode-languageserver/node.js';
import type { Analysis } from '../core/analyze.js';
import { entityCard, mentionAt, type RecognizedMention } from '../core/entities/index.js';
import { toRange } from './convert.js';

const KIND: Record<string, SymbolKind> = {
  person: SymbolKind.Class,
  treaty: SymbolKind.Interface,
  organisation: SymbolKind.Module,
  event: SymbolKind.Event,
  place: SymbolKind.Namespace,
  initiative: SymbolKind.Struct,
  country: SymbolKind.Package,
};

/** The card for the entity under the cursor, if any. */
export function entityHover(analysis: Analysis, offset: number): { markdown: string; mention: RecognizedMention } | undefined {
  const mention = mentionAt(analysis.names, offset);
  if (!mention) return undefined;
  return { markdown: entityCard(mention, analysis.names, analysis.referenceDate, analysis.knowledge), mention };
}

function byEntity(analysis: Analysis): Map<string, RecognizedMention[]> {
  const groups = new Map<string, RecognizedMention[]>();
  for (const m of analysis.entities) groups.set(m.id, [...(groups.get(m.id) ?? []), m]);
  return groups;
}

/** The outline: one symbol per entity at its first mention, its mentions as children. */
export function entitySymbols(analysis: Analysis): DocumentSymbol[] {
  const lines = analysis.doc.lines;
  return [...byEntity(analysis).values()].map((mentions) => {
    const first = mentions[0]!;
    return {
      name: first.name,
      detail: `${first.type} · ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`,
      kind: KIND[first.type] ?? SymbolKind.Object,
      range: toRange(lines, first),
      selectionRange: toRange(lines, first),
      children: mentions.map((m) => ({ name: m.text, kind: KIND[m.type] ?? SymbolKind.Object, range: toRange(lines, m), selectionRange: toRange(lines, m) })),
    };
  });
}

/** Every mention of the entity under the cursor (go to definition takes the first). */
export function entityLocations(analysis: Analysis, uri: string, offset: number): Location[] {
  const mention = mentionAt(analysis.entities, offset);
  if (!mention) return [];
  return analysis.entities.filter((m) => m.id === mention.id).map((m) => ({ uri, range: toRange(analysis.doc.lines, m) }));
}
