import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { sql } from 'drizzle-orm';
import { CourierSandboxHost } from '@shipcrowd/couriers';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { PollTracking } from '../../libs/shipping/src/application/commands/poll-tracking/poll-tracking.command';
import { WeightDiscrepancySchedules } from '../../libs/shipping/src/interface/jobs/weight-discrepancy.schedules';
import type { DelhiverySimulator } from '../../libs/simulators/src/couriers/delhivery.simulator';
import { platformAdminToken, pngImage, seedCompany } from '../companies/support';
import type { Seller } from '../orders/support';
import { placeOrder, seedShipper, shippingTestApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body of text fields and files. */
function form(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shipcrowd${randomUUID().replace(/-/g, '')}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: ${p.contentType}` : ''}\r\n\r\n`),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const photo = (name = 'scale.png', bytes = pngImage(64, 48)): Part => ({ name: 'photos', value: bytes, filename: name, contentType: 'image/png' });
const measures = (over: Record<string, string> = {}): Part[] => Object.entries({ lengthCm: '30', breadthCm: '20', heightCm: '5', weightGrams: '520', note: 'Weighed on a calibrated scale', ...over }).map(([name, value]) => ({ name, value }));

describe('shipping: weight discrepancies', () => {
  const dir = `.data/test/files-${randomUUID()}`;
  let t: TestApp;
  let courier: DelhiverySimulator;
  let seller: Seller;
  let admin: string;
  /** The app's clock runs this far ahead of the real one (polls become due, deadlines pass). */
  let aheadMs = 0;

  beforeAll(async () => {
    t = await shippingTestApp({ STORAGE_LOCAL_DIR: dir, WEIGHT_DISPUTE_WINDOW_DAYS: '7' });
    courier = t.get(CourierSandboxHost).simulatorOf<DelhiverySimulator>('delhivery')!;
    const clock = t.get<Clock>(CLOCK);
    const now = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(now().getTime() + aheadMs));
    seller = await seedShipper(t, 'Weighty Traders');
    admin = await platformAdminToken(t, seller);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });
  const post = (url: string, payload?: object, token = seller.token) => t.http({ method: 'POST', url, token, payload });
  const dispute = (id: string, parts: Part[], token = seller.token) => t.http({ method: 'POST', url: `/v1/weight-discrepancies/${id}/dispute`, token, ...form(parts) });
  const outbox = (aggregateId: string) =>
    t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ type: string; payload: Record<string, unknown> }>(tx, sql`select type, payload from platform.outbox where aggregate_id = ${aggregateId} order by sequence`));

  interface Booked {
    shipmentId: string;
    awb: string;
    chargeableWeightGrams: number;
    charges: { lines: { code: string; amountPaise: number }[] };
  }

  /** An order booked with Delhivery over HTTP (the simulator behind the real adapter). */
  async function bookedShipment(): Promise<Booked> {
    const order = await placeOrder(t, seller);
    const booked = await post('/v1/shipments', { orderId: order.id, courier: 'delhivery' });
    expect(booked.statusCode).toBe(201);
    const shipment = (await get(`/v1/shipments/${booked.json().shipmentId}`)).json();
    return { shipmentId: shipment.id, awb: shipment.awb, chargeableWeightGrams: shipment.chargeableWeightGrams, charges: shipment.charges };
  }

  /** The courier's hub weighs the parcel and scans it on; the next tracking poll (due hours later) brings the reading in. */
  async function courierWeighs(shipments: { awb: string; grams: number }[]): Promise<void> {
    for (const { awb, grams } of shipments) {
      courier.parcels.reportWeight(awb, grams);
      await courier.advance(awb, 1);
    }
    aheadMs += 5 * HOUR;
    const polled = await t.get(CommandBus).execute(new PollTracking(500));
    expect(polled.failedBatches).toBe(0);
  }

  async function discrepancyOf(shipmentId: string) {
    const items = (await get('/v1/weight-discrepancies?limit=100')).json().items as { id: string; shipmentId: string; status: string }[];
    return items.find((d) => d.shipmentId === shipmentId);
  }

  /** What one more 500 g slab costs on this booking: the additional-weight line per booked extra slab, else the first slab's freight. */
  function perSlabPaise(b: Booked): number {
    const additional = b.charges.lines.find((l) => l.code === 'additional_weight');
    const extraBooked = Math.ceil(b.chargeableWeightGrams / 500) - 1;
    return additional && extraBooked > 0 ? additional.amountPaise / extraBooked : b.charges.lines.find((l) => l.code === 'freight')!.amountPaise;
  }

  let accepted: Booked;
  let disputed: Booked;
  let lapsing: Booked;

  it('opens a discrepancy when a scan reports a weight beyond the tolerance, with both figures and the extra charge', async () => {
    [accepted, disputed, lapsing] = [await bookedShipment(), await bookedShipment(), await bookedShipment()];
    const withinTolerance = await bookedShipment();
    await courierWeighs([
      { awb: accepted.awb, grams: accepted.chargeableWeightGrams + 1_000 },
      { awb: disputed.awb, grams: disputed.chargeableWeightGrams + 600 },
      { awb: lapsing.awb, grams: lapsing.chargeableWeightGrams + 700 },
      { awb: withinTolerance.awb, grams: withinTolerance.chargeableWeightGrams + 40 },
    ]);

    expect(await discrepancyOf(withinTolerance.shipmentId)).toBeUndefined();
    const found = await discrepancyOf(accepted.shipmentId);
    const res = await get(`/v1/weight-discrepancies/${found!.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      shipmentId: accepted.shipmentId,
      courier: 'delhivery',
      awb: accepted.awb,
      status: 'open',
      declared: { chargeableWeightGrams: accepted.chargeableWeightGrams },
      courierReported: { chargedWeightGrams: accepted.chargeableWeightGrams + 1_000 },
      extraSlabs: 2,
      extraChargePaise: Math.round(perSlabPaise(accepted) * 2),
      dispute: null,
      resolution: null,
    });
    expect(body.declared.deadWeightGrams).toBe(500);
    expect(Date.parse(body.deadlineAt) - Date.parse(body.openedAt)).toBe(7 * DAY);
    expect(await outbox(body.id)).toEqual([{ type: 'shipping.weight_discrepancy_opened', payload: expect.objectContaining({ shipmentId: accepted.shipmentId, extraSlabs: 2, status: 'open' }) }]);
  });

  it('lists the company’s cases newest first with status and courier filters and keyset pages; other companies see none', async () => {
    const page1 = (await get('/v1/weight-discrepancies?status=open&courier=delhivery&limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(`/v1/weight-discrepancies?status=open&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items].map((d: { shipmentId: string }) => d.shipmentId);
    expect(all).toEqual([lapsing.shipmentId, disputed.shipmentId, accepted.shipmentId]);
    expect((await get('/v1/weight-discrepancies?status=disputed')).json().items).toEqual([]);
    expect((await get('/v1/weight-discrepancies?status=lost')).statusCode).toBe(422);
    expect((await get('/v1/weight-discrepancies?cursor=bm9wZQ')).statusCode).toBe(422);

    const other = await seedCompany(t, 'Other Traders');
    const id = (await discrepancyOf(accepted.shipmentId))!.id;
    expect((await get('/v1/weight-discrepancies', other.token)).json().items).toEqual([]);
    expect((await get(`/v1/weight-discrepancies/${id}`, other.token)).json().code).toBe('weight_discrepancy.not_found');
    expect((await post(`/v1/weight-discrepancies/${id}/accept`, undefined, other.token)).statusCode).toBe(404);
  });

  it('updates the courier’s figure from a later scan while the case is open', async () => {
    const before = await discrepancyOf(lapsing.shipmentId);
    await courierWeighs([{ awb: lapsing.awb, grams: lapsing.chargeableWeightGrams + 1_600 }]);
    const after = (await get(`/v1/weight-discrepancies/${before!.id}`)).json();
    expect(after).toMatchObject({ status: 'open', courierReported: { chargedWeightGrams: lapsing.chargeableWeightGrams + 1_600 }, extraSlabs: 4, deadlineAt: (before as { deadlineAt?: string }).deadlineAt });
  });

  it('lets the seller accept the courier’s weight once', async () => {
    const id = (await discrepancyOf(accepted.shipmentId))!.id;
    const res = await post(`/v1/weight-discrepancies/${id}/accept`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    const again = await post(`/v1/weight-discrepancies/${id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'weight_discrepancy.not_open', discrepancyStatus: 'accepted' });
    expect((await outbox(id)).map((e) => [e.type, e.payload.auto])).toEqual([
      ['shipping.weight_discrepancy_opened', undefined],
      ['shipping.weight_discrepancy_accepted', false],
    ]);
    expect((await dispute(id, [photo(), ...measures()])).json().code).toBe('weight_discrepancy.not_open');
  });

  it('refuses a dispute without photos, with a non-image, too many or too large photos, or bad measures, storing nothing', async () => {
    const id = (await discrepancyOf(disputed.shipmentId))!.id;
    const noPhoto = await dispute(id, measures());
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json()).toMatchObject({ code: 'weight_discrepancy.photo_count', errors: [{ field: 'photos', code: 'required' }] });
    const fake = await dispute(id, [photo(), { name: 'photos', value: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), filename: 'x.png', contentType: 'image/png' }, ...measures()]);
    expect(fake.statusCode).toBe(422);
    expect(fake.json()).toMatchObject({ code: 'weight_discrepancy.invalid_photo', errors: [{ field: 'photos[1]', code: 'unsupported_type' }] });
    const six = await dispute(id, [...Array.from({ length: 6 }, (_, i) => photo(`p${i}.png`)), ...measures()]);
    expect(six.statusCode).toBe(422);
    expect(six.json().code).toBe('weight_discrepancy.photo_count');
    const huge = await dispute(id, [photo('big.png', Buffer.concat([pngImage(10, 10), Buffer.alloc(5 * 1_048_576)])), ...measures()]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('weight_discrepancy.photo_too_large');
    const badMeasures = await dispute(id, [photo(), ...measures({ weightGrams: 'heavy', lengthCm: '0' })]);
    expect(badMeasures.statusCode).toBe(422);
    expect([...new Set(badMeasures.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(['lengthCm', 'weightGrams']);
    const notForm = await post(`/v1/weight-discrepancies/${id}/dispute`, { weightGrams: 500 });
    expect(notForm.statusCode).toBe(415);
    expect((await get(`/v1/weight-discrepancies/${id}`)).json()).toMatchObject({ status: 'open', dispute: null });
    expect(existsSync(`${dir}/companies/${seller.companyId}/weight-discrepancies/${id}`)).toBe(false);
  });

  it('takes a dispute with photos and measures, served back through signed links', async () => {
    const id = (await discrepancyOf(disputed.shipmentId))!.id;
    const res = await dispute(id, [photo('scale.png'), photo('tape.png', pngImage(80, 60)), ...measures()]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'disputed', dispute: { lengthCm: 30, breadthCm: 20, heightCm: 5, weightGrams: 520, note: 'Weighed on a calibrated scale', photos: [{ contentType: 'image/png' }, { contentType: 'image/png' }] } });
    const link = new URL(body.dispute.photos[1].url);
    expect(link.pathname).toMatch(new RegExp(`^/v1/files/companies/${seller.companyId}/weight-discrepancies/${id}/`));
    expect(link.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
    const file = await t.http({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(pngImage(80, 60))).toBe(true);
    const forged = await t.http({ method: 'GET', url: `${link.pathname}?expires=${link.searchParams.get('expires')}&sig=${'0'.repeat(64)}` });
    expect(forged.statusCode).toBe(403);
    expect((await dispute(id, [photo(), ...measures()])).json().code).toBe('weight_discrepancy.not_open');
    expect((await outbox(id)).map((e) => e.type).at(-1)).toBe('shipping.weight_discrepancy_disputed');
  });

  it('lets a platform admin list disputed cases and resolve them, once, with an audited note', async () => {
    const id = (await discrepancyOf(disputed.shipmentId))!.id;
    expect((await get('/v1/admin/weight-discrepancies?status=disputed')).statusCode).toBe(403);
    const listed = await get('/v1/admin/weight-discrepancies?status=disputed', admin);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((d: { id: string; companyId: string }) => [d.id, d.companyId])).toEqual([[id, seller.companyId]]);
    expect(listed.json().items[0].dispute.photos).toHaveLength(2);

    expect((await post(`/v1/admin/weight-discrepancies/${id}/resolve`, { outcome: 'seller', note: 'ok' })).statusCode).toBe(403);
    expect((await post(`/v1/admin/weight-discrepancies/${id}/resolve`, { outcome: 'maybe', note: 'x' }, admin)).statusCode).toBe(422);
    const openOne = (await discrepancyOf(lapsing.shipmentId))!.id;
    expect((await post(`/v1/admin/weight-discrepancies/${openOne}/resolve`, { outcome: 'seller', note: 'x' }, admin)).json().code).toBe('weight_discrepancy.not_disputed');

    const resolved = await post(`/v1/admin/weight-discrepancies/${id}/resolve`, { outcome: 'seller', note: 'The scale photo shows 520 g.' }, admin);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved_for_seller', resolution: { outcome: 'seller', note: 'The scale photo shows 520 g.' } });
    expect((await post(`/v1/admin/weight-discrepancies/${id}/resolve`, { outcome: 'courier', note: 'again' }, admin)).statusCode).toBe(409);
    expect((await get(`/v1/weight-discrepancies/${id}`)).json().status).toBe('resolved_for_seller');
    expect((await outbox(id)).at(-1)).toMatchObject({ type: 'shipping.weight_discrepancy_resolved', payload: { outcome: 'seller', status: 'resolved_for_seller' } });
    const audit = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ action: string; company_id: string }>(tx, sql`select action, company_id from audit.audit_log where target_id = ${id}`));
    expect(audit).toEqual([{ action: 'shipping.weight_discrepancy_resolved', company_id: seller.companyId }]);
  });

  it('refuses answers after the deadline and auto-accepts the open cases on the next schedule run', async () => {
    const id = (await discrepancyOf(lapsing.shipmentId))!.id;
    aheadMs += 7 * DAY;
    const late = await post(`/v1/weight-discrepancies/${id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('weight_discrepancy.deadline_passed');
    expect((await dispute(id, [photo(), ...measures()])).json().code).toBe('weight_discrepancy.deadline_passed');

    const schedule = t.get(WeightDiscrepancySchedules);
    await expect(schedule.autoAccept(new Date(Date.now() + aheadMs))).resolves.toEqual({ autoAccepted: 1 });
    expect((await get(`/v1/weight-discrepancies/${id}`)).json()).toMatchObject({ status: 'auto_accepted', acceptedAt: expect.any(String) });
    expect((await outbox(id)).at(-1)).toMatchObject({ type: 'shipping.weight_discrepancy_accepted', payload: { auto: true, status: 'auto_accepted' } });
    await expect(schedule.autoAccept(new Date(Date.now() + aheadMs))).resolves.toEqual({ autoAccepted: 0 });
  });
});
