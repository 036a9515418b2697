import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { PDFOptions } from 'puppeteer-core';
import { BarcodeCache } from './barcodes';
import type { BrowserPool } from './browser-pool';
import { commercialInvoiceHtml } from './commercial-invoice.template';
import type { CommercialInvoiceView, ManifestView, ProofOfDeliveryView, ShippingLabelView } from './document-views';
import { chunk } from './html';
import { manifestPdfOptions, manifestHtml } from './manifest.template';
import { proofOfDeliveryHtml } from './proof-of-delivery.template';
import { LABELS_PER_PAGE, shippingLabelsHtml, type LabelFormat } from './shipping-label.template';

export const MAX_LABELS_PER_REQUEST = 500;

/**
 * pdf-lib yields to the event loop every N objects while parsing and saving. With its defaults (100 and 50) a 500-label
 * merge took 100-550 ms here, with 1,500 60-85 ms; each slice between yields stays a few milliseconds.
 */
const OBJECTS_PER_TICK = ParseSpeeds.Fast;

/**
 * Page size and margins come from each template's @page rule. Untagged: a structure tree for 500 labels costs
 * Chromium time and nobody reads labels with a screen reader; the A4 documents stay tagged.
 */
export const LABEL_PDF_OPTIONS: PDFOptions = { preferCSSPageSize: true, printBackground: true, tagged: false };
const DOCUMENT_PDF_OPTIONS: PDFOptions = { preferCSSPageSize: true, printBackground: true };

export interface PdfRendererOptions {
  /** No chunk is smaller than this, so a smaller batch prints on one page: splitting it would cost more than it saves. */
  minLabelsPerChunk?: number;
}

/** Prints documents to PDF on the pooled Chromium pages. Returns application/pdf bytes. */
export class PdfRenderer {
  private readonly minLabelsPerChunk: number;

  constructor(
    private readonly pool: BrowserPool,
    options: PdfRendererOptions = {},
  ) {
    this.minLabelsPerChunk = options.minLabelsPerChunk ?? 40;
  }

  /**
   * Labels in the order given. A large batch is split into as many chunks as the pool has pages, printed in
   * parallel, and merged in order; each AWB's barcode is generated once for the whole batch.
   */
  async renderLabels(views: readonly ShippingLabelView[], format: LabelFormat): Promise<Buffer> {
    if (views.length === 0) throw new RangeError('No labels to print');
    if (views.length > MAX_LABELS_PER_REQUEST) throw new RangeError(`At most ${MAX_LABELS_PER_REQUEST} labels per request, got ${views.length}`);
    const barcodes = new BarcodeCache();
    const chunks = chunk(views, this.labelsPerChunk(views.length, format)).map((part) => shippingLabelsHtml(part, format, barcodes));
    if (chunks.length === 1) return this.print(chunks[0], LABEL_PDF_OPTIONS);
    // Parse each chunk as soon as it is printed, while Chromium still works on the others.
    const parsed = chunks.map((document) => this.print(document, LABEL_PDF_OPTIONS).then((pdf) => PDFDocument.load(pdf, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false })));
    return mergeInOrder(await Promise.all(parsed), `Shipping labels (${views.length})`);
  }

  renderManifest(view: ManifestView): Promise<Buffer> {
    return this.print(manifestHtml(view), { ...DOCUMENT_PDF_OPTIONS, ...manifestPdfOptions(view) });
  }

  renderCommercialInvoice(view: CommercialInvoiceView): Promise<Buffer> {
    return this.print(commercialInvoiceHtml(view), DOCUMENT_PDF_OPTIONS);
  }

  renderProofOfDelivery(view: ProofOfDeliveryView): Promise<Buffer> {
    return this.print(proofOfDeliveryHtml(view), DOCUMENT_PDF_OPTIONS);
  }

  /** Whole pages per chunk (4 labels to an A4 sheet), one chunk per pooled page, never tiny chunks. */
  private labelsPerChunk(count: number, format: LabelFormat): number {
    const perPage = LABELS_PER_PAGE[format];
    const even = Math.max(this.minLabelsPerChunk, Math.ceil(count / this.pool.size));
    return Math.ceil(even / perPage) * perPage;
  }

  private print(document: string, options: PDFOptions): Promise<Buffer> {
    return this.pool.withPage(async (page) => {
      // Everything is inline (data: URLs only), so 'load' comes as soon as the document is parsed.
      await page.setContent(document, { waitUntil: 'load' });
      return Buffer.from(await page.pdf(options));
    });
  }
}

async function mergeInOrder(parts: PDFDocument[], title: string): Promise<Buffer> {
  const merged = await PDFDocument.create();
  for (const part of parts) {
    for (const page of await merged.copyPages(part, part.getPageIndices())) merged.addPage(page);
  }
  merged.setTitle(title);
  merged.setProducer('Shipcrowd');
  return Buffer.from(await merged.save({ objectsPerTick: OBJECTS_PER_TICK }));
}
