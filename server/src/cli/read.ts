import { readFileSync } from 'node:fs';
import type { FileOutcome } from './outcome.js';

/**
 * Reading one Markdown file for `marginalia check`, whatever it holds: the CLI never refuses
 * a file it can read. What it could not read is a FileReadError with a one-line message
 * naming the file (the run goes on with the other files and exits 2); what it read with a
 * caveat (invalid UTF-8, NUL bytes, UTF-16) comes back as notes, printed as warnings.
 */
export class FileReadError extends Error {}

export interface ReadDocument {
  text: string;
  /** One-line caveats about how the bytes were read, each naming the file. */
  notes: string[];
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist (any more)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'a loop of symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
  ERR_STRING_TOO_LONG: 'it is larger than the 512 MB a string can hold',
  ERR_FS_FILE_TOO_LARGE: 'it is larger than 2 GB',
};

/** Why a file could not be read, in words, with the system's code. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${REASONS[code] ?? 'it cannot be read'} (${code})`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * The text of `path` as an editor would show it: UTF-8 with any byte-order mark dropped (so
 * positions agree with the editor's), UTF-16 when a byte-order mark says so, and bytes that
 * are not UTF-8 read as U+FFFD with a note saying where the first one is.
 */
export function readDocument(path: string, shownAs = path): ReadDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileReadError(`cannot read '${shownAs}': ${readFailure(error)}`);
  }
  const notes: string[] = [];
  let text: string;
  try {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
      notes.push(`'${shownAs}' is UTF-16 (it starts with a byte-order mark); read as such`);
    } else {
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        text = lenientUtf8.decode(bytes);
        notes.push(`'${shownAs}' is not valid UTF-8 (the first bad byte is on line ${lineOfFirstBadByte(bytes, text)}); bytes that are not were read as U+FFFD`);
      }
    }
  } catch (error) {
    throw new FileReadError(`cannot read '${shownAs}': ${readFailure(error)}`);
  }
  if (text.includes('\0')) notes.push(`'${shownAs}' contains NUL characters, so it may not be text; analysed as text all the same`);
  return { text, notes };
}

/**
 * The 1-based line of the first byte sequence that is not UTF-8: the decoded text encoded
 * again gives the same bytes up to there, and U+FFFD's from there on.
 */
function lineOfFirstBadByte(bytes: Buffer, decoded: string): number {
  const again = Buffer.from(decoded, 'utf8');
  // The decoder drops a byte-order mark.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let at = 0;
  while (at + bom < bytes.length && at < again.length && bytes[at + bom] === again[at]) at++;
  at += bom;
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * Prints, in file order, the paths that named nothing readable, each file's reading notes
 * and each file that could not be read; whether any path or file was unread (exit 2).
 */
export function reportUnread(pathProblems: readonly string[], outcomes: readonly FileOutcome[], stderr: (s: string) => void): boolean {
  for (const p of pathProblems) stderr(`marginalia: ${p}\n`);
  let unread = pathProblems.length > 0;
  for (const o of outcomes) {
    for (const note of o.notes ?? []) stderr(`marginalia: warning: ${note}\n`);
    if (o.problem !== undefined) {
      stderr(`marginalia: ${o.problem}\n`);
      unread = true;
    }
  }
  return unread;
}
