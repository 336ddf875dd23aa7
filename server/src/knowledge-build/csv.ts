import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** The rows of a CSV file as records keyed by the header, in the file's encoding. */
export function readCsv(path: string, options: { encoding?: BufferEncoding; delimiter?: string } = {}): Record<string, string>[] {
  const text = readFileSync(path, options.encoding ?? 'utf8');
  return parse(text.replace(/^\uFEFF/, ''), {
    columns: (header: string[]) => header.map((h, i) => h || `column${i}`),
    delimiter: options.delimiter ?? ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}
