import { BarcodeCache } from './barcodes';
import { commercialInvoiceHtml, invoiceAmounts } from './commercial-invoice.template';
import { manifestHtml, manifestTotals } from './manifest.template';
import { proofOfDeliveryHtml } from './proof-of-delivery.template';
import { shippingLabelsHtml } from './shipping-label.template';
import { sampleInvoice, sampleLabel, sampleManifest, sampleProofOfDelivery, sampleReturnLabel } from './testing/sample-views';

/** The markup of each label, in document order. */
const labelsOf = (document: string) => document.split('<article').slice(1);

describe('shipping label template', () => {
  it('escapes a consignee name that carries markup', () => {
    const label = sampleLabel(0);
    const document = shippingLabelsHtml([{ ...label, consignee: { ...label.consignee, name: '<script>alert("x")</script>' } }], '4x6');
    expect(document).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(document).not.toContain('<script');
  });

  it('prints the COD amount only on COD labels', () => {
    const [cod, prepaid] = labelsOf(
      shippingLabelsHtml([sampleLabel(0, { paymentMode: 'cod', codAmountPaise: 1_234_550 }), sampleLabel(1, { paymentMode: 'prepaid', codAmountPaise: 999_900 })], '4x6'),
    );
    expect(cod).toContain('₹12,345.50');
    expect(cod).toContain('COD');
    expect(prepaid).toContain('PREPAID');
    expect(prepaid).not.toContain('₹9,999.00');
    expect(prepaid).not.toMatch(/COD ·/);
  });

  it('refuses a COD label without an amount', () => {
    expect(() => shippingLabelsHtml([sampleLabel(0, { paymentMode: 'cod', codAmountPaise: undefined })], '4x6')).toThrow(/no codAmountPaise/);
  });

  it("masks the buyer's phone and leaves the warehouse phone readable", () => {
    const [forward, reverse] = labelsOf(shippingLabelsHtml([sampleLabel(0), sampleReturnLabel(0)], '4x6'));
    expect(forward).toContain('98******10');
    expect(forward).not.toContain('98765');
    expect(forward).toContain('+91 80 4123 4567');
    expect(reverse).toContain('98******10');
    expect(reverse).not.toContain('98765');
    expect(reverse).toContain('+91 80 4123 4567');
  });

  it('marks return and RTO labels and sends them to the seller', () => {
    const [forward, reverse, rto] = labelsOf(shippingLabelsHtml([sampleLabel(0), sampleReturnLabel(1), sampleLabel(2, { direction: 'rto' })], 'a4'));
    expect(forward).not.toMatch(/RETURN|RTO/);
    expect(reverse).toContain('>RETURN<');
    expect(reverse).toMatch(/Return to seller[\s\S]*Kavya Crafts Pvt Ltd/);
    expect(reverse).toMatch(/Pickup from \(buyer\)[\s\S]*Rahul Verma/);
    expect(rto).toContain('RTO · RETURN TO ORIGIN');
  });

  it('prints the content a courier and a buyer need', () => {
    const [label] = labelsOf(shippingLabelsHtml([sampleLabel(3)], '4x6'));
    for (const text of ['Kavya Crafts', 'Delhivery', 'Surface', 'SCA0000000003', 'KC-2026-10003', 'BOM/ANH', 'Ananya Sharma', '400053', '29AAFCC9980M1ZR', '1.25 kg', '30 × 20 × 5 cm', 'INV/26-27/4003', '₹1,302.00', '21 Nov 2026', '2 × Dupatta']) {
      expect(label).toContain(text);
    }
    expect(label).toContain('<img class="logo" src="data:image/png;base64,');
  });

  it('prints piece n of m with the child AWB, generating each barcode once', () => {
    const barcodes = new BarcodeCache();
    const pieces = [1, 2, 3].map((n) => sampleLabel(5, { piece: { number: n, count: 3, childAwb: `SCA0000000005-${n}` } }));
    const labels = labelsOf(shippingLabelsHtml(pieces, '4x6', barcodes));
    expect(labels[1]).toContain('Piece 2 of 3');
    expect(labels[1]).toContain('SCA0000000005-2');
    // master AWB + order number + three child AWBs
    expect(barcodes.size).toBe(5);
  });

  it('lays out one label per 4x6 page and four per A4 sheet', () => {
    const views = Array.from({ length: 9 }, (_, i) => sampleLabel(i));
    expect(shippingLabelsHtml(views, '4x6').match(/<section class="page">/g)).toHaveLength(9);
    const a4 = shippingLabelsHtml(views, 'a4');
    expect(a4.match(/<section class="page">/g)).toHaveLength(3);
    expect(a4.match(/<div class="cell">/g)).toHaveLength(9);
    expect(a4).toContain('@page{size:A4;margin:0}');
    expect(shippingLabelsHtml(views, '4x6')).toContain('@page{size:4in 6in;margin:0}');
  });

  it('loads nothing from the network: images inline only, scripts and fetches forbidden by the document', () => {
    const document = shippingLabelsHtml([sampleLabel(0, { branding: { companyName: 'X', logoDataUrl: 'https://cdn.example.com/logo.png' } })], '4x6');
    expect(document).not.toContain('cdn.example.com');
    expect(document).toContain(`content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'"`);
    expect(document).not.toMatch(/(?:src|href)="(?!data:)/);
  });
});

describe('manifest template', () => {
  it('totals shipments, pieces, COD and weight', () => {
    const view = sampleManifest(5);
    view.shipments[1].pieces = 3;
    expect(manifestTotals(view.shipments)).toEqual({ shipments: 5, pieces: 7, codShipments: 3, codTotalPaise: 129_900 + 130_100 + 130_300, weightGrams: 500 + 750 + 1000 + 1250 + 1500 });
  });

  it('lists every AWB with its barcode, order, payment and COD, then the signature boxes', () => {
    const document = manifestHtml(sampleManifest(3));
    const rows = document.split('<tbody>')[1].split('</tbody>')[0].split('<tr>').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/<svg[\s\S]*SCA0000000000[\s\S]*KC-2026-10000[\s\S]*COD[\s\S]*₹1,299.00[\s\S]*0.5 kg/);
    expect(rows[1]).toMatch(/Prepaid[\s\S]*—/);
    expect(document).toContain('PU-88213');
    expect(document).toContain('Total: 3 shipments');
    expect(document).toContain('₹2,600.00');
    for (const box of ['Seller (name, signature)', 'Courier executive', 'Picked up at']) expect(document).toContain(box);
  });
});

describe('commercial invoice template', () => {
  it('splits GST into CGST and SGST within a state, halves adding up to the tax', () => {
    const amounts = invoiceAmounts(
      sampleInvoice({ buyer: { ...sampleInvoice().buyer, state: { code: '29', name: 'Karnataka' } }, lines: [{ description: 'Kurta', hsn: '6204', quantity: 1, unitPricePaise: 10_010, gstRatePercent: 5 }] }),
    );
    // 5% of ₹100.10 = 500.5 paise -> 501 (half away from zero); an odd paisa goes to CGST.
    expect(amounts.interState).toBe(false);
    expect(amounts.lines[0]).toMatchObject({ taxablePaise: 10_010, cgstPaise: 251, sgstPaise: 250, igstPaise: 0, totalPaise: 10_511 });
  });

  it('charges IGST across states and totals in paise', () => {
    const amounts = invoiceAmounts(sampleInvoice());
    expect(amounts.interState).toBe(true);
    expect(amounts.placeOfSupply.code).toBe('27');
    // 10 x ₹899 at 5%; 4 x ₹1,250.50 - ₹100 at 12%
    expect(amounts.lines.map((l) => [l.taxablePaise, l.igstPaise, l.cgstPaise])).toEqual([
      [899_000, 44_950, 0],
      [490_200, 58_824, 0],
    ]);
    expect(amounts.totalPaise).toBe(899_000 + 44_950 + 490_200 + 58_824);
  });

  it('prints both GSTINs, HSN codes and the IGST columns for an inter-state invoice', () => {
    const document = commercialInvoiceHtml(sampleInvoice());
    for (const text of ['TAX INVOICE', 'INV/26-27/4102', '29AAFCC9980M1ZR', '27AAPFU0939F1ZV', '6204', '6214', 'Maharashtra (27)', 'Inter-state supply: IGST', '₹14,929.74']) {
      expect(document).toContain(text);
    }
    expect(document).not.toContain('>CGST<');
  });

  it('prints CGST and SGST columns for an intra-state invoice', () => {
    const document = commercialInvoiceHtml(sampleInvoice({ placeOfSupply: { code: '29', name: 'Karnataka' } }));
    expect(document).toContain('<th class="num">CGST</th><th class="num">SGST</th>');
    expect(document).not.toContain('>IGST<');
  });

  it('says so when a line has no recorded GST rate, computing no tax for it rather than guessing one', () => {
    const view = sampleInvoice({ invoiceDate: undefined, lines: [{ ...sampleInvoice().lines[0], gstRatePercent: null, hsn: undefined }, sampleInvoice().lines[1]] });
    const amounts = invoiceAmounts(view);
    expect(amounts.ratesNotRecorded).toEqual([1]);
    expect(amounts.lines[0]).toMatchObject({ taxablePaise: 899_000, igstPaise: 0, totalPaise: 899_000 });
    expect(amounts.igstPaise).toBe(58_824);
    expect(amounts.totalPaise).toBe(amounts.lines.reduce((sum, l) => sum + l.totalPaise, 0));
    const document = commercialInvoiceHtml(view);
    expect(document).toContain('<td class="num">not recorded</td><td class="num">—</td>');
    expect(document).toContain('GST rate not recorded for line 1: no tax is computed for it');
    expect(document).toMatch(/Invoice date<\/td><td>not recorded/);
  });
});

describe('proof of delivery template', () => {
  it('prints who received it and when, the timeline in time order, and masks the phone', () => {
    const view = sampleProofOfDelivery();
    const document = proofOfDeliveryHtml({ ...view, timeline: [...view.timeline].reverse() });
    for (const text of ['PROOF OF DELIVERY', 'SCA0000000007', '24 Nov 2026, 13:42 IST', 'Ananya Sharma', '(Self)', 'Verified', '₹1,306.00', 'alt="Signature"']) expect(document).toContain(text);
    expect(document).toContain('98******10');
    expect(document).not.toContain('98765');
    const statuses = [...document.matchAll(/<td class="when">[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(statuses).toEqual(['Picked up', 'In transit', 'Out for delivery', 'Delivered']);
  });
});
