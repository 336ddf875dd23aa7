import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocument, TextDocumentsConfiguration } from 'vscode-languageserver';

/**
 * The server's copy of an open document, as vscode-languageserver-textdocument keeps it
 * (same offsets, positions and line handling) except that an edit does not build the new
 * text: it records which stretches of the previous text and of the inserted text make it
 * up, and the text is joined when the server asks for it.
 *
 * The library's document rebuilds the whole text at every didChange and then reads a
 * character of it, which makes V8 copy it into one flat string: 2 MB of garbage per
 * keystroke on a 1 MB document with typographic quotes (two-byte). The server only reads the
 * text when it analyses, once per pause in typing; the bench typing bursts of ten measured
 * ten copies per analysis. The analysis flattens the joined text once, as it always did.
 */

/** A stretch [start, end) of `text`. */
interface Piece {
  text: string;
  start: number;
  end: number;
}

/** Pieces kept before the text is joined anyway, so an unread document's edits stay cheap. */
const MAX_PIECES = 64;

const LF = 10;
const CR = 13;

export class EditedDocument implements TextDocument {
  private pieces: Piece[];
  private length: number;
  /** The whole text as one string, when it has been joined since the last edit. */
  private joined: string | undefined;
  /** Offsets at which lines start; recomputed from the text when an edit splits a CRLF. */
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = [{ text: content, start: 0, end: content.length }];
    this.length = content.length;
    this.joined = content;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (this.joined === undefined) {
      let text = '';
      for (const p of this.pieces) text += p.start === 0 && p.end === p.text.length ? p.text : p.text.slice(p.start, p.end);
      this.joined = text;
      this.pieces = [{ text, start: 0, end: text.length }];
    }
    if (range) return this.joined.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.joined;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.length;
    return this.ensureBeforeEOL(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        this.pieces = [{ text: change.text, start: 0, end: change.text.length }];
        this.length = change.text.length;
        this.joined = change.text;
        this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.splice(startOffset, endOffset, change.text);
      const insertedEnd = startOffset + change.text.length;
      const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
      const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === CR && this.charCodeAt(insertedEnd) === LF;
      if (crlfAtStart || crlfAtEnd || !this.lineOffsets) {
        // A CRLF pair across an edit boundary is not in the inserted text's line offsets.
        this.lineOffsets = undefined;
        continue;
      }
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      let lineOffsets = this.lineOffsets;
      const added = computeLineOffsets(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
      } else if (added.length < 10_000) {
        lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
      }
      const diff = change.text.length - (endOffset - startOffset);
      if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! + diff;
    }
    this.currentVersion = version;
  }

  /** Replaces [start, end) of the text by `text` in the piece list. */
  private splice(start: number, end: number, text: string): void {
    const out: Piece[] = [];
    let inserted = false;
    const insert = (): void => {
      if (!inserted && text.length > 0) out.push({ text, start: 0, end: text.length });
      inserted = true;
    };
    let at = 0;
    for (const p of this.pieces) {
      const pStart = at;
      const pEnd = at + (p.end - p.start);
      at = pEnd;
      if (pEnd <= start) {
        if (pEnd > pStart) out.push(p);
        continue;
      }
      if (pStart >= end) {
        insert();
        out.push(p);
        continue;
      }
      // The piece overlaps the replaced stretch: keep what lies outside it.
      if (pStart < start) out.push({ text: p.text, start: p.start, end: p.start + (start - pStart) });
      insert();
      if (pEnd > end) out.push({ text: p.text, start: p.start + (end - pStart), end: p.end });
    }
    insert();
    this.pieces = out;
    this.length += text.length - (end - start);
    this.joined = undefined;
    if (this.pieces.length > MAX_PIECES) this.getText();
  }

  /** The UTF-16 unit at `offset` (NaN outside the text), read from the pieces without joining them. */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    let at = 0;
    for (const p of this.pieces) {
      const len = p.end - p.start;
      if (offset < at + len) return p.text.charCodeAt(p.start + offset - at);
      at += len;
    }
    return NaN;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= computeLineOffsets(this.getText(), true);
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** For `new TextDocuments(...)`: documents kept as EditedDocument. */
export const editedDocuments: TextDocumentsConfiguration<EditedDocument> = {
  create: (uri, languageId, version, content) => new EditedDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function isEOL(ch: number): boolean {
  return ch === CR || ch === LF;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}
