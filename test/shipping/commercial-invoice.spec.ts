import { PDFDocument } from 'pdf-lib';
import type { OrderDraft } from '@shipcrowd/orders/contracts';
import type { TestApp } from '@shipcrowd/platform/testing';
import { pdfPageTexts } from '../../libs/shipping/src/infrastructure/documents/testing/pdf-text';
import { BUYER_GSTIN, type Seller, uniquePhone } from '../orders/support';
import { placeOrder, seedShipper, shippingTestApp } from './support';

const SELLER_GSTIN = '29AAFCC9980M1ZR';
const MUMBAI_BUYER_GSTIN = '27AAPFU0939F1ZV';
const BENGALURU = { line1: '18 Residency Road', city: 'Bengaluru', state: 'Karnataka', pincode: '560038' };
const MUMBAI = { line1: 'Unit 5, Kamala Mills Compound', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' };

/** The GST tax invoice of B2B shipments, printed by the system Chromium and read back as text. */
describe('Commercial invoice', () => {
  let t: TestApp;
  let seller: Seller;
  let other: Seller;

  beforeAll(async () => {
    t = await shippingTestApp();
    seller = await seedShipper(t, 'Invoice Traders');
    const gstin = await t.http({ method: 'PATCH', url: `/v1/warehouses/${seller.warehouses['BLR-1']}`, token: seller.token, payload: { gstin: SELLER_GSTIN } });
    expect(gstin.statusCode).toBe(200);
    other = await seedShipper(t, 'No GSTIN Traders');
  });
  afterAll(() => t.close());

  // 3 x ₹4,500 at 18% and 1 x ₹1,000.50 less ₹0.50 at 12%: taxable ₹14,500, tax ₹2,430 + ₹120.
  const b2bOrder = (gstin: string, shippingAddress: OrderDraft['shippingAddress']): Partial<OrderDraft> => ({
    type: 'b2b',
    buyer: { name: 'Meera Iyer', companyName: 'Iyer Stationers', phone: uniquePhone(), gstin },
    shippingAddress,
    items: [
      { sku: 'CHAIR-01', name: 'Ergonomic chair', quantity: 3, unitPricePaise: 450_000, hsnCode: '9401', taxRatePercent: 18 },
      { sku: 'LAMP-02', name: 'Desk lamp', quantity: 1, unitPricePaise: 100_050, discountPaise: 50, hsnCode: '9405', taxRatePercent: 12 },
    ],
    packages: [{ weightGrams: 12_000, lengthCm: 60, breadthCm: 50, heightCm: 40 }],
    b2b: { invoiceNumber: 'IOS/26-27/0042', invoiceValuePaise: 1_705_000, invoiceDate: '2026-11-20', ewaybillNumber: '331000123456' },
  });
  const book = async (who: Seller, over: Partial<OrderDraft>, courier: string) => {
    const order = await placeOrder(t, who, over);
    const res = await t.http({ method: 'POST', url: '/v1/shipments', token: who.token, payload: { orderId: order.id, courier } });
    if (res.statusCode !== 201) throw new Error(`booking failed: ${res.statusCode} ${res.body}`);
    return res.json() as { shipmentId: string; awb: string };
  };
  const invoice = (who: Seller, shipmentId: string) => t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/commercial-invoice`, token: who.token });
  const invoiceText = async (who: Seller, shipmentId: string) => {
    const res = await invoice(who, shipmentId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    return (await pdfPageTexts(res.rawPayload)).join(' ');
  };

  it('splits GST into CGST and SGST when the warehouse and the buyer are in one state', async () => {
    const { shipmentId, awb } = await book(seller, b2bOrder(BUYER_GSTIN, BENGALURU), 'delhivery_b2b');
    const text = await invoiceText(seller, shipmentId);
    for (const expected of ['TAX INVOICE', 'IOS/26-27/0042', '20 Nov 2026', awb, SELLER_GSTIN, BUYER_GSTIN, 'Invoice Traders', 'Iyer Stationers', '9401', '9405', '18%', '12%', 'Karnataka (29)', 'Intra-state supply: CGST + SGST', 'E-way bill: 331000123456']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/CGST ₹1,275\.00 SGST ₹1,275\.00/);
    expect(text).toMatch(/Invoice total ₹17,050\.00/);
    expect(text).not.toContain('IGST');
  });

  it('prints labels of an A4-only freight courier on A4 unless a size is named, and refuses 4x6', async () => {
    const { shipmentId } = await book(seller, b2bOrder(BUYER_GSTIN, BENGALURU), 'delhivery_b2b');
    const label = await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label`, token: seller.token });
    expect(label.statusCode).toBe(200);
    const [page] = (await PDFDocument.load(label.rawPayload)).getPages();
    expect(Math.round(page.getWidth())).toBe(595);
    const thermal = await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label?format=4x6`, token: seller.token });
    expect(thermal.statusCode).toBe(422);
    expect(thermal.json()).toMatchObject({ code: 'label.size_unsupported', limit: ['a4'], actual: '4x6', courier: 'delhivery_b2b' });
  });

  it('charges IGST when the goods go to another state', async () => {
    const { shipmentId } = await book(seller, b2bOrder(MUMBAI_BUYER_GSTIN, MUMBAI), 'delhivery_b2b');
    const text = await invoiceText(seller, shipmentId);
    expect(text).toContain('Maharashtra (27)');
    expect(text).toContain('Inter-state supply: IGST');
    expect(text).toMatch(/IGST ₹2,550\.00/);
    expect(text).toMatch(/Invoice total ₹17,050\.00/);
    expect(text).not.toMatch(/CGST|SGST/);
  });

  it('prints "not recorded" for items booked before GST rates were kept, computing no tax for them', async () => {
    const { shipmentId } = await book(seller, b2bOrder(MUMBAI_BUYER_GSTIN, MUMBAI), 'delhivery_b2b');
    // A booking stored before the snapshot carried rates.
    await t.database.ownerExec(
      `update shipping.shipments set booking = jsonb_set(booking, '{items}', (select jsonb_agg(item - 'taxRatePercent') from jsonb_array_elements(booking->'items') item)) where id = '${shipmentId}'`,
    );
    const text = await invoiceText(seller, shipmentId);
    expect(text).toContain('GST rate not recorded for lines 1, 2: no tax is computed for them');
    expect(text).not.toContain('18%');
    expect(text).toMatch(/Invoice total ₹14,500\.00/);
  });

  it('refuses a B2C shipment, a warehouse without a GSTIN, and another company’s shipment', async () => {
    const b2c = await book(seller, {}, 'delhivery');
    const refused = await invoice(seller, b2c.shipmentId);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('shipment.not_b2b');

    const noGstin = await book(other, b2bOrder(BUYER_GSTIN, BENGALURU), 'delhivery_b2b');
    const missing = await invoice(other, noGstin.shipmentId);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'invoice.seller_gstin_missing', warehouseId: other.warehouses['BLR-1'] });

    expect((await invoice(other, b2c.shipmentId)).statusCode).toBe(404);
    expect((await invoice(seller, 'not-a-uuid')).statusCode).toBe(404);
  });
});
