import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditedDocument } from '../../server/src/lsp/document.js';
import { SAMPLE, seededRandom as rng } from '../helpers.js';

/**
 * The server's document (which joins the text only when asked) must behave exactly as
 * vscode-languageserver-textdocument's: the same text, positions, offsets and line count
 * after every change, including positions past a line's end or the text's end, reversed
 * ranges, CR, LF and CRLF line ends (and edits that split or join a CRLF pair), several
 * changes in one update, and full-text changes. Reads are interleaved at random, so
 * edits are applied both to joined text and to pending pieces.
 */

const INSERTS = ['x', '', ' ', '\n', '\r\n', '\r', '\n\n', 'ab\ncd', 'e\r\nf\rg\n', '\u201Cq\u201D', 'line one\nline two\n'];

function randomPosition(doc: TextDocument, random: () => number): Position {
  const line = Math.floor(random() * (doc.lineCount + 2)) - 1;
  return { line, character: Math.floor(random() * 90) - 5 };
}

function randomChange(doc: TextDocument, random: () => number): TextDocumentContentChangeEvent {
  if (random() < 0.02) return { text: `fresh\r\ntext ${Math.floor(random() * 100)}\n` };
  const start = randomPosition(doc, random);
  const end = random() < 0.5 ? start : random() < 0.7 ? { line: start.line, character: start.character + Math.floor(random() * 6) } : randomPosition(doc, random);
  return { range: { start, end }, text: INSERTS[Math.floor(random() * INSERTS.length)]! };
}

function assertSame(ours: EditedDocument, theirs: TextDocument, random: () => number, where: string): void {
  assert.equal(ours.lineCount, theirs.lineCount, `lineCount ${where}`);
  assert.equal(ours.version, theirs.version, `version ${where}`);
  const length = theirs.getText().length;
  for (let k = 0; k < 6; k++) {
    const offset = Math.floor(random() * (length + 4)) - 2;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `positionAt(${offset}) ${where}`);
    const p = randomPosition(theirs, random);
    assert.equal(ours.offsetAt(p), theirs.offsetAt(p), `offsetAt(${JSON.stringify(p)}) ${where}`);
  }
  assert.equal(ours.getText(), theirs.getText(), `text ${where}`);
}

for (const [name, initial] of [
  ['sample', readFileSync(SAMPLE, 'utf8').slice(0, 3000)],
  ['CRLF', 'one\r\ntwo\r\n\r\nthree\rfour\n'],
  ['empty', ''],
] as const) {
  test(`edited document equals the library's document over random changes (${name})`, () => {
    const random = rng(name.length * 7919);
    let theirs = TextDocument.create('file:///d.md', 'markdown', 1, initial);
    const ours = new EditedDocument('file:///d.md', 'markdown', 1, initial);
    for (let i = 0; i < 1500; i++) {
      const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 3);
      // Each change's range refers to the text after the changes before it, as in LSP.
      const changes: TextDocumentContentChangeEvent[] = [];
      let shadow = theirs;
      for (let c = 0; c < count; c++) {
        const change = randomChange(shadow, random);
        changes.push(change);
        shadow = TextDocument.update(TextDocument.create('file:///s.md', 'markdown', 0, shadow.getText()), [change], 0);
      }
      theirs = TextDocument.update(theirs, changes, i + 2);
      ours.update(changes, i + 2);
      // Read only now and then, so several edits pile up as pieces between reads.
      if (random() < 0.3) assertSame(ours, theirs, random, `after change ${i}`);
      else assert.equal(ours.lineCount, theirs.lineCount, `lineCount after change ${i}`);
    }
    assertSame(ours, theirs, random, 'at the end');
  });
}

test('edited document: a range beyond the end appends, a reversed range is put right', () => {
  const ours = new EditedDocument('file:///d.md', 'markdown', 1, 'ab\ncd');
  ours.update([{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } }, text: '!' }], 2);
  ours.update([{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 0 } }, text: 'X' }], 3);
  assert.equal(ours.getText(), 'X\ncd!');
  assert.equal(ours.version, 3);
});
