import { Readable, Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import { DomainError } from '@shipcrowd/kernel';
import { FileRecord, ImportFileReader, ImportFormat } from '../../application/ports/import-file-reader.port';
import { assertSafeXlsx } from './zip-guard';

function fileProblem(code: string, message: string): DomainError {
  return new DomainError(code, message, 'validation', { errors: [{ field: 'file', message, code }] });
}

const ZIP_MAGIC = 0x04034b50;

/**
 * Bytes → UTF-8 text, streaming. A UTF-8 BOM is dropped; UTF-16 (LE or BE, with BOM) is transcoded; anything
 * else must be valid UTF-8 (Latin-1 / Windows-1252 exports are refused with a clear message, never misread).
 */
class ToUtf8 extends Transform {
  private decoder: TextDecoder | null = null;
  private offset = 0;

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (!this.decoder) {
        const encoding = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8';
        this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
      }
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      done(null, text);
    } catch {
      done(fileProblem('import.encoding', `The file is not UTF-8 text (invalid bytes near byte ${this.offset}). Save it as "CSV UTF-8" (or UTF-16 with BOM) and upload again.`));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder ? this.decoder.decode() : '');
    } catch {
      done(fileProblem('import.encoding', 'The file ends in the middle of a UTF-8 character; save it as "CSV UTF-8" and upload again.'));
    }
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string }).formula ?? 'formula'}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return String((value as { error: unknown }).error);
  return '';
}

/**
 * exceljs copies every worksheet that precedes xl/sharedStrings.xml in the zip (the order exceljs itself writes) into
 * a temp file, and deletes it only when its sheet iterator is advanced past that sheet: a read that ends early (or
 * after the first sheet) would leave the file until the process exits. So we advance it to the end, however the read
 * ended, without reading the rows: each remaining sheet is read up to its first row only, which opens and closes its
 * temp file's stream (a stream left unopened would keep an fd on the deleted file, or fail to open it later).
 */
async function releaseSheets(sheets: AsyncIterator<ExcelJS.stream.xlsx.WorksheetReader>): Promise<void> {
  for (;;) {
    let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      next = await sheets.next();
    } catch {
      return; // exceljs gave up on the workbook; the caller already has its outcome
    }
    if (next.done) return;
    try {
      for await (const _row of next.value) break;
    } catch {
      // a damaged sheet we were not going to read
    }
  }
}

@Injectable()
export class StreamingImportFileReader extends ImportFileReader {
  sniff(head: Buffer): ImportFormat {
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return 'xlsx';
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (!utf16 && head.subarray(0, 8192).includes(0)) {
      throw fileProblem('import.unsupported_file', 'The file is neither CSV text nor an XLSX workbook: it contains NUL bytes (a binary file, or UTF-16 text without a byte-order mark; save it as "CSV UTF-8").');
    }
    return 'csv';
  }

  async inspect(bytes: Buffer, format: ImportFormat): Promise<{ header: string[]; hasData: boolean }> {
    if (format === 'xlsx') assertSafeXlsx(bytes);
    let header: string[] | null = null;
    // Read the header and one data record; a short prefix is enough for CSV, XLSX needs the stream.
    const source = format === 'csv' ? Readable.from([bytes.subarray(0, 256 * 1024)]) : Readable.from([bytes]);
    const truncated = format === 'csv' && bytes.length > 256 * 1024;
    try {
      for await (const record of this.records(source, format)) {
        if (!header) header = record.values;
        else return { header, hasData: true };
      }
    } catch (error) {
      // A record cut by the 256 KB prefix is not an error of the file.
      if (!(truncated && header && error instanceof DomainError && error.code === 'import.malformed_csv')) throw error;
      return { header, hasData: true };
    }
    if (!header) throw fileProblem('import.empty_file', 'The file is empty.');
    return { header, hasData: truncated };
  }

  records(body: Readable, format: ImportFormat): AsyncIterable<FileRecord> {
    return format === 'xlsx' ? this.xlsxRecords(body) : this.csvRecords(body);
  }

  private async *csvRecords(body: Readable): AsyncGenerator<FileRecord> {
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 });
    const text = body.pipe(new ToUtf8());
    let failure: unknown;
    body.once('error', (e) => parser.destroy(e));
    text.once('error', (e) => {
      failure = e;
      parser.destroy(e);
    });
    text.pipe(parser);
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { line: info.lines, values: record };
      }
    } catch (error) {
      if (failure instanceof DomainError) throw failure;
      if (error instanceof DomainError) throw error;
      const e = error as { code?: string; message: string; lines?: number };
      if (e.code?.startsWith('CSV_')) {
        const detail = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed (unbalanced ")' : e.message.replace(/^[^:]*: /, '');
        throw fileProblem('import.malformed_csv', `The CSV cannot be read at line ${e.lines ?? '?'}: ${detail}.`);
      }
      throw error;
    } finally {
      body.destroy();
    }
  }

  private async *xlsxRecords(body: Readable): AsyncGenerator<FileRecord> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
    const sheets = reader[Symbol.asyncIterator]();
    try {
      const first = await sheets.next(); // the first sheet only
      if (first.done) return;
      for await (const row of first.value) {
        const values = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
        if (values.every((v) => v.trim() === '')) continue;
        yield { line: row.number, values };
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw fileProblem('import.xlsx_unreadable', `The XLSX workbook cannot be read: ${(error as Error).message}.`);
    } finally {
      await releaseSheets(sheets);
      body.destroy();
    }
  }
}
