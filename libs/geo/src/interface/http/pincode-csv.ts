import { parse } from 'csv-parse/sync';
import { ProblemException } from '@shipcrowd/platform';
import { MAX_PINCODE_ROWS, PincodeRow } from '../../domain/custom-zone';

/** Largest pincode CSV accepted (50,000 rows with a few extra columns fit easily). */
export const PINCODE_CSV_MAX_BYTES = 5 * 1_048_576;

const HEADER_NAMES = new Set(['pincode', 'pincodes', 'pin', 'pin code', 'postal code', 'postcode']);

const problem = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new ProblemException(422, code, detail, { errors: [{ field: 'file', message: detail, code }], ...extra });

/** Comma, semicolon or tab: whichever the first line uses (comma when it has none). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return [',', ';', '\t'].find((d) => first.includes(d)) ?? ',';
}

/**
 * Reads an uploaded pincode list: UTF-8 (a BOM is fine), comma/semicolon/tab separated, an optional header row naming
 * a `pincode` column (else the first column is read), blank lines skipped. Each value keeps its line number for
 * error reports. Refuses UTF-16 and binary files, malformed CSV and more than MAX_PINCODE_ROWS data rows (422).
 */
export function parsePincodeCsv(bytes: Buffer, maxRows = MAX_PINCODE_ROWS): PincodeRow[] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) {
    throw problem('geo.csv_encoding', 'The file is not UTF-8 text; save it as "CSV UTF-8"');
  }
  const text = bytes.toString('utf8');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/, '')), skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw problem('geo.csv_malformed', `The CSV could not be read${line ? ` (line ${line})` : ''}: ${(error as Error).message}`);
  }
  const nonBlank = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (nonBlank.length === 0) throw problem('geo.csv_empty', 'The file has no rows');
  const header = nonBlank[0].record.findIndex((cell) => HEADER_NAMES.has(cell.toLowerCase().replace(/[_\s-]+/g, ' ').trim()));
  const data = header >= 0 ? nonBlank.slice(1) : nonBlank;
  const column = Math.max(header, 0);
  if (data.length === 0) throw problem('geo.csv_empty', 'The file has a header but no pincodes');
  if (data.length > maxRows) throw problem('geo.csv_too_many_rows', `The file has ${data.length} rows; at most ${maxRows} are allowed`, { limit: maxRows });
  return data.map(({ record, info }) => ({ row: info.lines, value: record[column] ?? '' }));
}
