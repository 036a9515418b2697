import { PDFDocument } from 'pdf-lib';
import type { CourierCall } from '../../../application/ports/courier-provider';
import { CourierRejected } from '../../../application/ports/courier-provider';

const PDF_MAGIC = '%PDF-';

/**
 * Fetches a label PDF a courier answered with a link to (Shiprocket's `label_url`, ...). The link is a plain
 * download (a storage bucket, not the courier's API): no credentials go with it. Safe to repeat, so retried.
 * Anything that is not a PDF is refused: a courier's error page must not be printed as a label.
 */
export async function fetchLabelPdf(call: CourierCall, url: string, courier: string): Promise<Buffer> {
  const result = await call.http.request(url, { method: 'GET', headers: { accept: 'application/pdf' } });
  // Not the courier's API: a 401/403 here is an expired or revoked link, not refused credentials.
  if (result.status >= 400) throw new CourierRejected(`${courier}'s label link answered ${result.status}`, String(result.status), result.body);
  return pdfBytes(result.bytes, courier);
}

/** The body's bytes as received, refused unless they are a PDF. */
export function pdfBytes(bytes: Buffer, courier: string): Buffer {
  if (bytes.subarray(0, PDF_MAGIC.length).toString('latin1') !== PDF_MAGIC) throw new CourierRejected(`${courier} answered the label link with something other than a PDF`, courier);
  return bytes;
}

/** One document of several label PDFs, pages in order (couriers that render one label per box link one file each). */
export async function mergePdfs(files: readonly Buffer[]): Promise<Buffer> {
  if (files.length === 1) return files[0];
  const merged = await PDFDocument.create();
  for (const file of files) {
    const source = await PDFDocument.load(file);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save());
}
