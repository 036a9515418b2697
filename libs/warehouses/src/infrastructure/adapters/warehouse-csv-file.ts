import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { DomainError } from '@shipcrowd/kernel';
import type { WarehouseCsvRecord } from '../../application/commands/import-warehouses/import-warehouses.command';
import { WAREHOUSE_CSV_COLUMNS, WAREHOUSE_CSV_EXPORT_EXTRA, WAREHOUSE_CSV_REQUIRED } from '../../domain/warehouse-csv';

function fileProblem(code: string, message: string): DomainError {
  return new DomainError(code, message, 'validation', { errors: [{ field: 'file', message, code }] });
}

/** Reads an uploaded warehouses CSV (UTF-8, optional BOM, comma-separated, header row) into records by column. */
export function readWarehouseCsv(bytes: Buffer): WarehouseCsvRecord[] {
  let textContent: string;
  try {
    textContent = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileProblem('warehouses.csv_encoding', 'The file is not UTF-8 text; save it as "CSV UTF-8" and upload again.');
  }
  if (textContent.replace(/^\uFEFF/, '').trim() === '') throw fileProblem('warehouses.csv_empty', 'The file is empty.');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(textContent, { bom: true, skip_empty_lines: true, relax_column_count: false, info: true }) as unknown as typeof rows;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw fileProblem('warehouses.csv_malformed', `The CSV could not be read${e.lines ? ` (line ${e.lines})` : ''}: ${e.message.replace(/^Invalid [^:]*: /, '')}`);
  }
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const known = new Set<string>([...WAREHOUSE_CSV_COLUMNS, ...WAREHOUSE_CSV_EXPORT_EXTRA]);
  const unknown = header.filter((h) => !known.has(h));
  const missing = WAREHOUSE_CSV_REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    const errors = [
      ...unknown.map((c) => ({ field: `columns.${c}`, message: 'is not a warehouses column', code: 'unknown_column' })),
      ...missing.map((c) => ({ field: `columns.${c}`, message: 'is required', code: 'missing_column' })),
    ];
    throw new DomainError('warehouses.csv_columns', errors.map((e) => `${e.field.slice(8)} ${e.message}`).join('; '), 'validation', { errors });
  }
  const extra = new Set<string>(WAREHOUSE_CSV_EXPORT_EXTRA);
  return rows.slice(1).map(({ record: cells, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((h, c) => [h, cells[c]] as const).filter(([h]) => !extra.has(h))),
  }));
}

/** Streams warehouses as CSV (the import's columns plus the directory's city/state/GST code/coordinates). */
export function warehouseCsvStream(records: Iterable<string[]> | AsyncIterable<string[]>): Readable {
  const out = stringify({ header: true, columns: [...WAREHOUSE_CSV_COLUMNS, ...WAREHOUSE_CSV_EXPORT_EXTRA], bom: true, record_delimiter: 'windows' });
  void (async () => {
    try {
      for await (const record of records) {
        if (!out.write(record)) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
