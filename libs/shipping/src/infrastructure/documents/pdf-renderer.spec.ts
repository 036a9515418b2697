import { PDFDocument } from 'pdf-lib';
import { BrowserPool } from './browser-pool';
import { PdfRenderer } from './pdf-renderer';
import { pdfPageTexts } from './testing/pdf-text';
import { sampleAwb, sampleInvoice, sampleLabel, sampleManifest, sampleProofOfDelivery, sampleReturnLabel } from './testing/sample-views';

// Real Chromium printing real PDFs; the text checks read back what Chromium drew on each page.
jest.setTimeout(120_000);

const A4 = { width: 595.28, height: 841.89 };
const FOUR_BY_SIX = { width: 288, height: 432 };

/** Whitespace-free page text: Chromium splits runs of text where fonts or spans change. */
const compact = (text: string) => text.replace(/\s+/g, '');
const awbsOn = (text: string) => [...new Set(text.match(/SCA\d{10}/g) ?? [])];

async function pagesOf(pdf: Buffer): Promise<{ count: number; sizes: { width: number; height: number }[] }> {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const document = await PDFDocument.load(pdf);
  return { count: document.getPageCount(), sizes: document.getPages().map((page) => page.getSize()) };
}

function expectSize(size: { width: number; height: number }, expected: { width: number; height: number }) {
  // Chromium rounds page sizes to its internal units: within half a point.
  expect(Math.abs(size.width - expected.width)).toBeLessThan(0.5);
  expect(Math.abs(size.height - expected.height)).toBeLessThan(0.5);
}

describe('PdfRenderer', () => {
  const pool = new BrowserPool({ size: 3 });
  // Small chunks so that modest batches already go through the parallel split and the merge.
  const renderer = new PdfRenderer(pool, { minLabelsPerChunk: 4 });
  afterAll(() => pool.close());

  it('prints 4x6 labels one per 288 x 432 pt page', async () => {
    const pdf = await renderer.renderLabels([sampleLabel(0), sampleLabel(1)], '4x6');
    const { count, sizes } = await pagesOf(pdf);
    expect(count).toBe(2);
    sizes.forEach((size) => expectSize(size, FOUR_BY_SIX));
  });

  it('keeps a chunked, merged batch in order: page k is label k', async () => {
    const views = Array.from({ length: 30 }, (_, i) => sampleLabel(i));
    const pdf = await renderer.renderLabels(views, '4x6');
    expect((await pagesOf(pdf)).count).toBe(30);
    const texts = await pdfPageTexts(pdf);
    expect(texts.map(awbsOn)).toEqual(views.map((view) => [view.awb]));
    expect(pool.stats().pagesOpened).toBeLessThanOrEqual(3);
  });

  it('puts four labels on each A4 sheet, in order: 9 labels make 3 sheets', async () => {
    const views = Array.from({ length: 9 }, (_, i) => sampleLabel(i));
    const pdf = await renderer.renderLabels(views, 'a4');
    const { count, sizes } = await pagesOf(pdf);
    expect(count).toBe(3);
    sizes.forEach((size) => expectSize(size, A4));
    const texts = await pdfPageTexts(pdf);
    expect(texts.map(awbsOn)).toEqual([[0, 1, 2, 3].map(sampleAwb), [4, 5, 6, 7].map(sampleAwb), [sampleAwb(8)]]);
  });

  it('prints what the label says: escaped text stays text, COD only on COD labels, masked phone, RETURN', async () => {
    const hostile = sampleLabel(0, { consignee: { ...sampleLabel(0).consignee, name: '<script>alert(1)</script>' } });
    const views = [hostile, sampleLabel(1, { paymentMode: 'prepaid', codAmountPaise: 777_700 }), sampleReturnLabel(2)];
    const [cod, prepaid, reverse] = (await pdfPageTexts(await renderer.renderLabels(views, '4x6'))).map(compact);
    expect(cod).toContain('<script>alert(1)</script>');
    expect(cod).toContain('₹1,299.00');
    expect(cod).toContain('98******10');
    expect(cod).not.toContain('9876543210');
    expect(prepaid).toContain('PREPAID');
    expect(prepaid).not.toContain('COD·');
    expect(prepaid).not.toContain('₹7,777.00');
    expect(reverse).toContain('RETURN');
    expect(reverse).toContain('Kavya');
  });

  it('refuses an empty batch and one over 500 labels', async () => {
    await expect(renderer.renderLabels([], '4x6')).rejects.toThrow(RangeError);
    await expect(renderer.renderLabels(Array.from({ length: 501 }, (_, i) => sampleLabel(i)), 'a4')).rejects.toThrow(/At most 500/);
  });

  it('prints a manifest on A4 with every AWB, the totals and page numbers', async () => {
    const pdf = await renderer.renderManifest(sampleManifest(40));
    const { count, sizes } = await pagesOf(pdf);
    expect(count).toBeGreaterThan(1);
    sizes.forEach((size) => expectSize(size, A4));
    const texts = (await pdfPageTexts(pdf)).map(compact);
    const awbs = texts.flatMap(awbsOn);
    expect(awbs).toEqual(Array.from({ length: 40 }, (_, i) => sampleAwb(i)));
    expect(texts[0]).toContain('PICKUPMANIFEST');
    expect(texts[0]).toContain(`Page1of${count}`);
    expect(texts[count - 1]).toContain('Total:40shipments');
    expect(texts[count - 1]).toContain('COURIEREXECUTIVE(NAME,ID,SIGNATURE)');
  });

  it('prints a commercial invoice and a proof of delivery on A4', async () => {
    const invoice = await renderer.renderCommercialInvoice(sampleInvoice());
    const pod = await renderer.renderProofOfDelivery(sampleProofOfDelivery());
    for (const pdf of [invoice, pod]) {
      const { count, sizes } = await pagesOf(pdf);
      expect(count).toBe(1);
      expectSize(sizes[0], A4);
    }
    const [invoiceText] = (await pdfPageTexts(invoice)).map(compact);
    expect(invoiceText).toContain('TAXINVOICE');
    expect(invoiceText).toContain('27AAPFU0939F1ZV');
    expect(invoiceText).toContain('₹14,929.74');
    const [podText] = (await pdfPageTexts(pod)).map(compact);
    expect(podText).toContain('PROOFOFDELIVERY');
    expect(podText).toContain('24Nov2026,13:42IST');
  });
});
