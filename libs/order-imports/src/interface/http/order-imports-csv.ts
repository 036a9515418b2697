import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { isFormulaCell } from '../../domain/cells';
import { COLUMN_NAMES, IMPORT_COLUMNS } from '../../domain/import-columns';
import type { ImportErrorRow } from '../../infrastructure/persistence/order-imports.store';

/** Cells that a spreadsheet would run as a formula get a leading apostrophe (shown as text, never executed). */
function safe(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return isFormulaCell(value) ? `'${value}` : value;
}

/** The template: the header and one example row. */
export function templateCsv(): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${COLUMN_NAMES.join(',')}\r\n${IMPORT_COLUMNS.map((c) => quote(c.example)).join(',')}\r\n`;
}

/** Streams the error report: row, order number, column, code, message, then the row's original cells under the file's header. */
export function errorReportCsv(header: string[], problems: AsyncIterable<ImportErrorRow>): Readable {
  const originalColumns = header.map((h, i) => `original_${h || `column_${i + 1}`}`);
  const out = stringify({ header: true, columns: ['row', 'order_number', 'field', 'code', 'message', ...originalColumns], bom: true, record_delimiter: 'windows' });
  void (async () => {
    try {
      for await (const p of problems) {
        const original = (p.original ?? []).map(safe);
        if (!out.write([String(p.line), safe(p.orderNumber ?? ''), p.field, p.code, safe(p.message), ...original])) await new Promise((r) => out.once('drain', r));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
