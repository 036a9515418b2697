import type { Readable } from 'node:stream';

export type ImportFormat = 'csv' | 'xlsx';

/** A record of the file: the first one is the header. `line` is the file line (CSV) or sheet row (XLSX). */
export interface FileRecord {
  line: number;
  values: string[];
}

/**
 * Reads an upload as records, streaming. File-level problems (encoding, broken quoting, not a spreadsheet,
 * zip limits) are thrown as DomainError('import.*', …, 'validation') with a message fit for the seller.
 */
export abstract class ImportFileReader {
  /** What the bytes are (by content, not by name); throws for anything that is neither CSV text nor XLSX. */
  abstract sniff(head: Buffer): ImportFormat;
  /** Checks a whole upload before it is accepted (XLSX zip limits, encoding of the start) and returns its header. */
  abstract inspect(bytes: Buffer, format: ImportFormat): Promise<{ header: string[]; hasData: boolean }>;
  abstract records(body: Readable, format: ImportFormat): AsyncIterable<FileRecord>;
}
