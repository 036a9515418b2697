import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CourierProviders, CourierSandboxHost } from '@shipcrowd/couriers';
import type { TestApp } from '@shipcrowd/platform/testing';
import type { CourierApiSimulator } from '@shipcrowd/simulators';
import { seedCompany } from '../companies/support';
import type { Seller } from '../orders/support';
import { eventually, placeOrder, seedShipper, shippingTestApp } from './support';

type Scripted = CourierApiSimulator & Required<Pick<CourierApiSimulator, 'advance' | 'configureWebhook'>>;

/** Captures what a courier simulator pushes, so the test can deliver it to the API (which listens on no port). */
class WebhookCapture {
  readonly received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  take(): { headers: IncomingHttpHeaders; body: Buffer }[] {
    return this.received.splice(0, this.received.length);
  }
}

describe('Shipments (sandbox couriers over HTTP)', () => {
  let t: TestApp;
  let seller: Seller;
  const capture = new WebhookCapture();
  let delhivery: Scripted;

  beforeAll(async () => {
    t = await shippingTestApp();
    seller = await seedShipper(t, 'Shipper One');
    await capture.start();
    delhivery = t.get(CourierSandboxHost).simulatorOf<Scripted>('delhivery')!;
    delhivery.configureWebhook(capture.url, t.get(CourierProviders).get('delhivery').sandboxCredentials.webhookSecret ?? null);
  });
  afterAll(async () => {
    await capture.stop();
    await t.close();
  });

  const book = (payload: Record<string, unknown>, headers: Record<string, string> = {}) => t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload, headers });
  const deliver = async (courier: string) => {
    const pushes = capture.take();
    for (const push of pushes) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(push.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const res = await t.http({ method: 'POST', url: `/v1/courier-webhooks/${courier}`, headers, payload: push.body });
      expect(res.statusCode).toBe(202);
    }
    return pushes.length;
  };

  it('books an order with the recommended courier, moves the order to ready_to_ship and never books it twice', async () => {
    const order = await placeOrder(t, seller);
    const res = await book({ orderId: order.id });
    expect(res.statusCode).toBe(201);
    const booked = res.json();
    expect(booked).toMatchObject({ awb: expect.any(String), courier: expect.any(String), service: expect.any(String) });
    expect(booked.reason).toMatch(/^recommended: /);

    const shipment = (await t.http({ method: 'GET', url: `/v1/shipments/${booked.shipmentId}`, token: seller.token })).json();
    expect(shipment).toMatchObject({ status: 'booked', awb: booked.awb, orderId: order.id, paymentMode: 'prepaid' });
    expect(shipment.reference).toMatch(new RegExp(`^${order.orderNumber}-[0-9A-F]{6}$`));
    expect(shipment.charges.totalPaise).toBeGreaterThan(0);
    expect(shipment.chargeableWeightGrams).toBeGreaterThanOrEqual(500);
    expect(shipment.expectedDeliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const orderNow = (await t.http({ method: 'GET', url: `/v1/orders/${order.id}`, token: seller.token })).json();
    expect(orderNow.status).toBe('ready_to_ship');
    expect(orderNow.awb).toBe(booked.awb);

    const again = await book({ orderId: order.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'shipment.already_booked', awb: booked.awb });
  });

  it('honours Idempotency-Key: a repeated request answers the first booking', async () => {
    const order = await placeOrder(t, seller);
    const first = await book({ orderId: order.id, courier: 'delhivery' }, { 'idempotency-key': `book-${order.id}` });
    const second = await book({ orderId: order.id, courier: 'delhivery' }, { 'idempotency-key': `book-${order.id}` });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().awb).toBe(first.json().awb);
    const list = (await t.http({ method: 'GET', url: `/v1/shipments?orderId=${order.id}`, token: seller.token })).json();
    expect(list.items).toHaveLength(1);
  });

  it('refuses what the courier cannot carry, naming the rule, and changes nothing', async () => {
    const order = await placeOrder(t, seller, { packages: [{ weightGrams: 500, lengthCm: 400, breadthCm: 20, heightCm: 5 }] });
    const res = await book({ orderId: order.id, courier: 'delhivery' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toMatch(/^(courier\.(limit_exceeded|capability_unsupported)|shipment\.not_serviceable)$/);
    const orderNow = (await t.http({ method: 'GET', url: `/v1/orders/${order.id}`, token: seller.token })).json();
    expect(orderNow.status).toBe('new');
  });

  it('validates the request with field details', async () => {
    const res = await book({ orderId: 'nope', courier: 'fedex' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['courier', 'orderId']);
    const missing = await book({ orderId: '0190b5a0-0000-7000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
  });

  it('follows signed webhooks through delivery, ignores a replay and an older scan arriving late', async () => {
    const order = await placeOrder(t, seller);
    const { shipmentId, awb } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    capture.take();
    await delhivery.advance(awb, 3); // manifested, picked up, in transit
    const first = capture.take();
    expect(first.length).toBe(3);
    // Deliver the newest scan first, then the older ones: the status must not move back.
    capture.received.push(first[2], first[0], first[1], first[2]);
    expect(await deliver('delhivery')).toBe(4);
    const tracking = await eventually(async () => {
      const r = (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/tracking`, token: seller.token })).json();
      return r.timeline.length === 3 ? r : undefined;
    });
    expect(tracking.status).toBe('in_transit');
    expect(tracking.timeline.map((e: { status: string }) => e.status)).toEqual(['manifested', 'picked_up', 'in_transit']);
    expect(tracking.timeline.every((e: { rawCode: string; source: string }) => e.rawCode && e.source === 'webhook')).toBe(true);

    await delhivery.advance(awb, 10);
    await deliver('delhivery');
    const done = await eventually(async () => {
      const r = (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json();
      return r.status === 'delivered' ? r : undefined;
    });
    expect(done.timeline.at(-1).status).toBe('delivered');
    const orderNow = (await t.http({ method: 'GET', url: `/v1/orders/${order.id}`, token: seller.token })).json();
    expect(orderNow.status).toBe('delivered');
  });

  it('refuses an unsigned or tampered webhook before storing anything', async () => {
    const order = await placeOrder(t, seller);
    const { awb } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    capture.take();
    await delhivery.advance(awb, 1);
    const [push] = capture.take();
    const unsigned = await t.http({ method: 'POST', url: '/v1/courier-webhooks/delhivery', headers: { 'content-type': 'application/json' }, payload: push.body });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('courier.webhook_unauthenticated');
    const unknown = await t.http({ method: 'POST', url: '/v1/courier-webhooks/fedex', headers: { 'content-type': 'application/json' }, payload: push.body });
    expect(unknown.statusCode).toBe(404);
  });

  it('cancels before pickup (order back to new, bookable again) and refuses after pickup', async () => {
    const order = await placeOrder(t, seller);
    const first = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    const cancelled = await t.http({ method: 'POST', url: `/v1/shipments/${first.shipmentId}/cancel`, token: seller.token, payload: { reason: 'Buyer changed the address' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await t.http({ method: 'GET', url: `/v1/orders/${order.id}`, token: seller.token })).json().status).toBe('new');

    const second = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    expect(second.awb).not.toBe(first.awb);
    const shipment = (await t.http({ method: 'GET', url: `/v1/shipments/${second.shipmentId}`, token: seller.token })).json();
    expect(shipment.reference).toMatch(new RegExp(`^${order.orderNumber}-[0-9A-F]{6}-R2$`));

    capture.take();
    await delhivery.advance(second.awb, 2);
    await deliver('delhivery');
    await eventually(async () => (await t.http({ method: 'GET', url: `/v1/shipments/${second.shipmentId}`, token: seller.token })).json().status === 'picked_up');
    const late = await t.http({ method: 'POST', url: `/v1/shipments/${second.shipmentId}/cancel`, token: seller.token, payload: { reason: 'too late' } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'shipment.not_cancellable', shipmentStatus: 'picked_up' });
  });

  it('changes the boxes before pickup, re-checked against the courier and re-priced, and not after', async () => {
    const order = await placeOrder(t, seller);
    const { shipmentId, awb } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    const before = (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json();
    const patch = (packages: unknown) => t.http({ method: 'PATCH', url: `/v1/shipments/${shipmentId}/packages`, token: seller.token, payload: { packages } });

    const heavier = await patch([{ weightGrams: 2400, lengthCm: 30, breadthCm: 20, heightCm: 10 }]);
    expect(heavier.statusCode).toBe(200);
    expect(heavier.json()).toMatchObject({ deadWeightGrams: 2400, service: before.service, courier: 'delhivery', awb });
    expect(heavier.json().chargeableWeightGrams).toBeGreaterThanOrEqual(2400);
    expect(heavier.json().charges.totalPaise).toBeGreaterThan(before.charges.totalPaise);

    const tooLong = await patch([{ weightGrams: 500, lengthCm: 400, breadthCm: 20, heightCm: 5 }]);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().code).toBe('courier.limit_exceeded');
    expect((await patch([{ weightGrams: 0, lengthCm: 10, breadthCm: 10, heightCm: 10 }])).statusCode).toBe(422);
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json().deadWeightGrams).toBe(2400);

    capture.take();
    await delhivery.advance(awb, 2);
    await deliver('delhivery');
    await eventually(async () => (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json().status === 'picked_up');
    const locked = await patch([{ weightGrams: 900, lengthCm: 30, breadthCm: 20, heightCm: 10 }]);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('shipment.packages_locked');
  });

  it('requests a pickup for waiting shipments and marks them pickup_scheduled', async () => {
    const order = await placeOrder(t, seller);
    const { shipmentId } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    const res = await t.http({ method: 'POST', url: '/v1/pickups', token: seller.token, payload: { warehouseId: seller.warehouses['BLR-1'], courier: 'delhivery', shipmentIds: [shipmentId] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ courier: 'delhivery', shipmentIds: [shipmentId], courierPickupId: expect.any(String), pickupDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: seller.token })).json().status).toBe('pickup_scheduled');
    const again = await t.http({ method: 'POST', url: '/v1/pickups', token: seller.token, payload: { warehouseId: seller.warehouses['BLR-1'], courier: 'delhivery', shipmentIds: [shipmentId] } });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('pickup.shipments_not_waiting');
  });

  it('tracks publicly by AWB with no personal data, and lists with filters', async () => {
    const order = await placeOrder(t, seller);
    const { awb } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    const pub = await t.http({ method: 'GET', url: `/v1/tracking/${awb}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ awb, courierName: 'Delhivery', status: 'booked', destinationCity: 'Mumbai' });
    expect(pub.body).not.toContain('Asha');
    expect(pub.body).not.toContain('Marine Drive');
    expect((await t.http({ method: 'GET', url: '/v1/tracking/NOPE000000' })).statusCode).toBe(404);

    const byAwb = (await t.http({ method: 'GET', url: `/v1/shipments?q=${awb}`, token: seller.token })).json();
    expect(byAwb.items.map((s: { awb: string }) => s.awb)).toEqual([awb]);
    const page = (await t.http({ method: 'GET', url: '/v1/shipments?limit=2&courier=delhivery', token: seller.token })).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = (await t.http({ method: 'GET', url: `/v1/shipments?limit=2&courier=delhivery&cursor=${page.nextCursor}`, token: seller.token })).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
  });

  it('never shows one company another company’s shipments', async () => {
    const order = await placeOrder(t, seller);
    const { shipmentId } = (await book({ orderId: order.id, courier: 'delhivery' })).json();
    const other = await seedCompany(t, 'Other Co');
    expect((await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}`, token: other.token })).statusCode).toBe(404);
    expect((await t.http({ method: 'GET', url: '/v1/shipments', token: other.token })).json().items).toEqual([]);
    const stolen = await t.http({ method: 'POST', url: '/v1/shipments', token: other.token, payload: { orderId: order.id } });
    expect(stolen.statusCode).toBe(404);
  });
});
