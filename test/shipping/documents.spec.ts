import { CommandBus } from '@nestjs/cqrs';
import { PDFDocument } from 'pdf-lib';
import { COURIERS_FACADE, type CouriersFacade, type ShipmentStatus } from '@shipcrowd/couriers/contracts';
import { RecordTracking } from '../../libs/shipping/src/application/commands/record-tracking/record-tracking.command';
import type { TestApp } from '@shipcrowd/platform/testing';
import type { Seller } from '../orders/support';
import { placeOrder, seedShipper, shippingTestApp } from './support';

/** Labels and manifests printed by the system Chromium, checked as real PDFs. */
describe('Shipping documents', () => {
  let t: TestApp;
  let seller: Seller;

  beforeAll(async () => {
    t = await shippingTestApp();
    seller = await seedShipper(t, 'Documents Co');
  });
  afterAll(() => t.close());

  const bookWith = async (courier: string, over: Parameters<typeof placeOrder>[2] = {}) => {
    const order = await placeOrder(t, seller, over);
    const res = await t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload: { orderId: order.id, courier } });
    if (res.statusCode !== 201) throw new Error(`booking failed: ${res.statusCode} ${res.body}`);
    return res.json() as { shipmentId: string; awb: string };
  };
  const pages = async (body: Buffer) => (await PDFDocument.load(body)).getPages().map((p) => p.getSize());

  it('prints a 4x6 label and an A4 sheet for a shipment', async () => {
    const { shipmentId } = await bookWith('delhivery', { paymentMode: 'cod' });
    const label = await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label`, token: seller.token });
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    const [size] = await pages(label.rawPayload);
    expect(Math.round(size.width)).toBe(288);
    expect(Math.round(size.height)).toBe(432);

    const a4 = await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label?format=a4`, token: seller.token });
    const [sheet] = await pages(a4.rawPayload);
    expect(Math.round(sheet.width)).toBe(595);
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label?format=letter`, token: seller.token })).statusCode).toBe(422);
  });

  it('merges labels of several shipments, one per box, and refuses shipments without a label', async () => {
    const one = await bookWith('delhivery');
    const two = await bookWith('delhivery');
    const res = await t.http({ method: 'POST', url: '/v1/labels', token: seller.token, payload: { shipmentIds: [one.shipmentId, two.shipmentId] } });
    expect(res.statusCode).toBe(200);
    expect(await pages(res.rawPayload)).toHaveLength(2);

    await t.http({ method: 'POST', url: `/v1/shipments/${two.shipmentId}/cancel`, token: seller.token, payload: { reason: 'test' } });
    const refused = await t.http({ method: 'POST', url: '/v1/labels', token: seller.token, payload: { shipmentIds: [one.shipmentId, two.shipmentId] } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('label.not_printable');
    expect((await t.http({ method: 'POST', url: '/v1/labels', token: seller.token, payload: { shipmentIds: [] } })).statusCode).toBe(422);
  });

  it('creates a manifest PDF behind a signed link and marks the shipments manifested', async () => {
    const { shipmentId, awb } = await bookWith('xpressbees', { paymentMode: 'cod', codAmountPaise: 99_800 });
    const res = await t.http({ method: 'POST', url: '/v1/manifests', token: seller.token, payload: { courier: 'xpressbees', warehouseId: seller.warehouses['BLR-1'] } });
    expect(res.statusCode).toBe(201);
    const manifest = res.json();
    expect(manifest).toMatchObject({ courier: 'xpressbees', shipmentCount: 1, shipmentIds: [shipmentId], codTotalPaise: 99_800, manifestNumber: expect.stringMatching(/^MF-\d{6}-[0-9A-F]{6}$/) });
    const shipment = (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json();
    expect(shipment.status).toBe('manifested');
    expect(shipment.awb).toBe(awb);

    const link = new URL(manifest.documentUrl);
    const pdf = await t.http({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const forged = await t.http({ method: 'GET', url: `${link.pathname}${link.search.replace(/sig=[^&]+/, 'sig=00')}` });
    expect(forged.statusCode).toBeGreaterThanOrEqual(400);

    const again = await t.http({ method: 'POST', url: '/v1/manifests', token: seller.token, payload: { courier: 'xpressbees', warehouseId: seller.warehouses['BLR-1'] } });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('manifest.nothing_to_list');
    const listed = (await t.http({ method: 'GET', url: '/v1/manifests', token: seller.token })).json();
    expect(listed.items.map((m: { id: string }) => m.id)).toContain(manifest.id);
  });

  it('refuses a label size the courier does not accept, naming every shipment it would affect', async () => {
    expect(t.get<CouriersFacade>(COURIERS_FACADE).capabilities('intargos').labelSizes).toEqual(['4x6']);
    const thermalOnly = await bookWith('intargos');
    const either = await bookWith('delhivery');

    const single = await t.http({ method: 'GET', url: `/v1/shipments/${thermalOnly.shipmentId}/label?format=a4`, token: seller.token });
    expect(single.statusCode).toBe(422);
    expect(single.json()).toMatchObject({ code: 'label.size_unsupported', rule: 'labelSizes', limit: ['4x6'], actual: 'a4', courier: 'intargos' });

    const bulk = await t.http({ method: 'POST', url: '/v1/labels', token: seller.token, payload: { shipmentIds: [either.shipmentId, thermalOnly.shipmentId], format: 'a4' } });
    expect(bulk.statusCode).toBe(422);
    expect(bulk.json()).toMatchObject({ code: 'label.size_unsupported', rule: 'labelSizes', actual: 'a4', courier: 'intargos' });
    expect(bulk.json().shipments).toEqual([{ shipmentId: thermalOnly.shipmentId, courier: 'intargos', limit: ['4x6'] }]);

    // Without a size, one every courier takes.
    const fitting = await t.http({ method: 'POST', url: '/v1/labels', token: seller.token, payload: { shipmentIds: [either.shipmentId, thermalOnly.shipmentId] } });
    expect(fitting.statusCode).toBe(200);
    expect((await pages(fitting.rawPayload)).map((p) => Math.round(p.width))).toEqual([288, 288]);
  });

  it("serves the courier's own label, fetched from the courier once and then from storage", async () => {
    const couriers = t.get<CouriersFacade>(COURIERS_FACADE);
    expect(couriers.capabilities('delhivery').courierLabel).toBe(true);
    const { shipmentId, awb } = await bookWith('delhivery');
    const delhiveryCalls = async () => (await couriers.health()).find((h) => h.courier === 'delhivery')!.calls;
    const url = `/v1/shipments/${shipmentId}/label?source=courier`;

    const before = await delhiveryCalls();
    const first = await t.http({ method: 'GET', url, token: seller.token });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.rawPayload.toString('latin1')).toContain(awb);
    const afterFirst = await delhiveryCalls();
    expect(afterFirst).toBeGreaterThan(before);

    const second = await t.http({ method: 'GET', url, token: seller.token });
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(await delhiveryCalls()).toBe(afterFirst);

    const none = await bookWith('intargos');
    const refused = await t.http({ method: 'GET', url: `/v1/shipments/${none.shipmentId}/label?source=courier`, token: seller.token });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'courier.capability_unsupported', courier: 'intargos', rule: 'courierLabel' });
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/label?source=fax`, token: seller.token })).statusCode).toBe(422);
  });

  const scans = (awb: string, statuses: ShipmentStatus[]) =>
    t.get(CommandBus).execute(
      new RecordTracking(
        'delhivery',
        statuses.map((status, i) => ({ awb, status, rawCode: `RAW-${status}`, rawStatus: status.replace(/_/g, ' '), location: 'Mumbai Hub', occurredAt: new Date(Date.now() - (statuses.length - i) * 60_000), remarks: null, ndrReason: null, chargedWeightGrams: null })),
        'webhook',
      ),
    );

  it('prints a proof of delivery once delivered, and a return label once the parcel is coming back', async () => {
    const delivered = await bookWith('delhivery', { paymentMode: 'cod' });
    const early = await t.http({ method: 'GET', url: `/v1/shipments/${delivered.shipmentId}/proof-of-delivery`, token: seller.token });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('shipment.not_delivered');
    await scans(delivered.awb, ['picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
    const pod = await t.http({ method: 'GET', url: `/v1/shipments/${delivered.shipmentId}/proof-of-delivery`, token: seller.token });
    expect(pod.statusCode).toBe(200);
    expect(pod.headers['content-type']).toBe('application/pdf');
    expect(await pages(pod.rawPayload)).not.toHaveLength(0);

    const returning = await bookWith('delhivery');
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${returning.shipmentId}/return-label`, token: seller.token })).statusCode).toBe(409);
    await scans(returning.awb, ['picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'rto_initiated']);
    const label = await t.http({ method: 'GET', url: `/v1/shipments/${returning.shipmentId}/return-label`, token: seller.token });
    expect(label.statusCode).toBe(200);
    const [size] = await pages(label.rawPayload);
    expect(Math.round(size.height)).toBe(432);
  });
});
