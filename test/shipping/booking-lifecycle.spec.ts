import { CommandBus } from '@nestjs/cqrs';
import { sql } from 'drizzle-orm';
import { COURIERS, COURIERS_FACADE, CouriersFacade, CourierCode } from '@shipcrowd/couriers/contracts';
import { newId } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { CourierApiSimulator, CourierSimulatorServer } from '@shipcrowd/simulators';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { courierAdapters } from '../../libs/couriers/src/infrastructure/adapters/registry';
import { courierSimulators } from '../../libs/couriers/src/infrastructure/sandbox/simulators';
import { courierReference } from '../../libs/shipping/src/application/commands/book-shipment/book-shipment.handler';
import { bookingRequestFor } from '../../libs/shipping/src/application/commands/book-shipment/booking-request';
import { ReconcileStaleBookings, ReconcileStaleBookingsResult } from '../../libs/shipping/src/application/commands/reconcile-stale-bookings/reconcile-stale-bookings.command';
import { Shipment } from '../../libs/shipping/src/domain/shipment';
import { ShipmentsStore } from '../../libs/shipping/src/infrastructure/persistence/shipments.store';
import type { Seller } from '../orders/support';
import { placeOrder, seedShipper, shippingTestApp } from './support';

type Scripted = CourierApiSimulator & Required<Pick<CourierApiSimulator, 'advance'>>;

/**
 * The end of a booking's life cycle around the courier: box changes sent to it, and bookings a stopped process left
 * in flight reconciled by the worker. The courier simulators run on a server of the suite's own (COURIER_SIMULATOR_URL),
 * so the suite sees what each courier received and can make it fail.
 */
describe('Shipments: box changes at the courier and bookings left in flight', () => {
  const server = new CourierSimulatorServer();
  for (const simulator of courierSimulators(courierAdapters())) server.register(simulator);
  let t: TestApp;
  let seller: Seller;

  beforeAll(async () => {
    await server.start();
    t = await shippingTestApp({ COURIER_SIMULATOR_URL: `${server.baseUrl}/` });
    seller = await seedShipper(t, 'Lifecycle Traders');
  });
  afterEach(() => server.clearFaults());
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  const shipment = async (id: string) => (await t.http({ method: 'GET', url: `/v1/shipments/${id}`, token: seller.token })).json();
  const order = async (id: string) => (await t.http({ method: 'GET', url: `/v1/orders/${id}`, token: seller.token })).json();
  const book = async (courier: string) => {
    const { id: orderId } = await placeOrder(t, seller);
    const res = await t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload: { orderId, courier } });
    return { status: res.statusCode, orderId, ...(res.json() as { shipmentId: string; awb: string }) };
  };
  const outbox = (aggregateId: string) =>
    t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ type: string; payload: Record<string, unknown> }>(tx, sql`select type, payload from platform.outbox where aggregate_id = ${aggregateId} order by sequence`));

  describe('PATCH /v1/shipments/{id}/packages', () => {
    const patch = (id: string, packages: unknown) => t.http({ method: 'PATCH', url: `/v1/shipments/${id}/packages`, token: seller.token, payload: { packages } });

    it('sends the new box to a courier that takes box changes (Delhivery) before saving it', async () => {
      expect(t.get<CouriersFacade>(COURIERS_FACADE).capabilities('delhivery').packageUpdateApi).toBe(true);
      const { shipmentId, awb } = await book('delhivery');
      const seen = server.requestsTo('delhivery').length;

      const res = await patch(shipmentId, [{ weightGrams: 2345, lengthCm: 37, breadthCm: 23, heightCm: 11 }]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ courierUpdated: true, courierUpdateReason: null, deadWeightGrams: 2345, awb });
      const edits = server.requestsTo('delhivery').slice(seen).filter((r) => r.method === 'POST' && r.path === '/api/p/edit');
      expect(edits.map((r) => r.json)).toEqual([expect.objectContaining({ waybill: awb, weight: 2345, shipment_length: 37, shipment_width: 23, shipment_height: 11 })]);
      expect((await outbox(shipmentId)).filter((e) => e.type === 'shipping.shipment_packages_updated').map((e) => e.payload)).toEqual([
        expect.objectContaining({ deadWeightGrams: 2345, courierUpdated: true }),
      ]);
    });

    it('changes nothing when the courier refuses (it already picked the parcel up), and says why', async () => {
      const { shipmentId, awb } = await book('delhivery');
      const before = await shipment(shipmentId);
      // The courier's hub scanned the parcel; no scan has reached Shipcrowd yet, so only the courier can refuse.
      await server.api<Scripted>('delhivery').advance(awb, 2);

      const res = await patch(shipmentId, [{ weightGrams: 2600, lengthCm: 30, breadthCm: 20, heightCm: 10 }]);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'courier.rejected', courier: 'delhivery', courierMessage: expect.stringMatching(/cannot be edited/i) });
      const after = await shipment(shipmentId);
      expect({ dead: after.deadWeightGrams, booking: after.booking.packages, charges: after.charges, version: after.version }).toEqual({
        dead: before.deadWeightGrams,
        booking: before.booking.packages,
        charges: before.charges,
        version: before.version,
      });
      expect((await outbox(shipmentId)).map((e) => e.type)).not.toContain('shipping.shipment_packages_updated');
    });

    it('keeps a change to itself for a courier without a box-change API and says the courier was not updated', async () => {
      const facade = t.get<CouriersFacade>(COURIERS_FACADE);
      const candidates = COURIERS.filter((c) => !c.services.some((s) => s.b2b) && !facade.capabilities(c.code).packageUpdateApi).map((c) => c.code);
      let booked: Awaited<ReturnType<typeof book>> | undefined;
      let courier: CourierCode | undefined;
      for (const code of candidates) {
        const attempt = await book(code);
        if (attempt.status === 201) [booked, courier] = [attempt, code];
        if (booked) break;
      }
      expect(courier).toBeDefined();
      const seen = server.requestsTo(courier!.replace(/_/g, '-')).length;

      const res = await patch(booked!.shipmentId, [{ weightGrams: 1800, lengthCm: 30, breadthCm: 20, heightCm: 10 }]);
      expect(res.statusCode).toBe(200);
      const name = COURIERS.find((c) => c.code === courier)!.name;
      expect(res.json()).toMatchObject({ courierUpdated: false, courierUpdateReason: expect.stringContaining(`${name} takes no box changes through its API`), deadWeightGrams: 1800 });
      expect(server.requestsTo(courier!.replace(/_/g, '-')).slice(seen)).toEqual([]);
      expect((await outbox(booked!.shipmentId)).filter((e) => e.type === 'shipping.shipment_packages_updated').map((e) => e.payload.courierUpdated)).toEqual([false]);
    });
  });

  describe('bookings left in flight (the process stopped between the courier and saving its answer)', () => {
    const reconcile = (at = new Date()) => t.get(CommandBus).execute<ReconcileStaleBookings, ReconcileStaleBookingsResult>(new ReconcileStaleBookings(at));
    const bookingsAt = (prefix: string, reference: string) => server.requestsTo(prefix).filter((r) => r.method === 'POST' && r.rawBody.includes(reference));

    /**
     * What a crash leaves: the `booking` row the booking command writes first (ten minutes old), and — when the courier
     * was reached — the courier's own booking under the same reference, made with the same request.
     */
    async function leftInFlight(courier: CourierCode, { reachedCourier }: { reachedCourier: boolean }) {
      const { id: orderId, orderNumber } = await placeOrder(t, seller);
      const view = (await t.get<OrdersFacade>(ORDERS_FACADE).shippingView(seller.companyId, orderId))!;
      const warehouse = (await t.get<WarehousesFacade>(WAREHOUSES_FACADE).get(seller.companyId, view.warehouseId))!;
      const reference = courierReference(orderNumber, seller.companyId, 1);
      const request = bookingRequestFor(view, warehouse, 'surface', reference);
      const courierAwb = reachedCourier ? (await t.get<CouriersFacade>(COURIERS_FACADE).book(seller.companyId, courier, request)).awb : null;
      const startedAt = new Date(Date.now() - 10 * 60_000);
      const grams = view.packages.reduce((sum, p) => sum + p.weightGrams, 0);
      const row = Shipment.startBooking({
        id: newId(),
        companyId: seller.companyId,
        orderId,
        orderNumber,
        warehouseId: warehouse.id,
        reference,
        courier,
        service: 'surface',
        paymentMode: view.paymentMode,
        codAmountPaise: view.paymentMode === 'cod' ? view.codAmountPaise : 0,
        declaredValuePaise: view.declaredValuePaise,
        deadWeightGrams: grams,
        volumetricWeightGrams: grams,
        chargeableWeightGrams: grams,
        booking: { ...request },
        charges: null,
        expectedDeliveryDate: null,
        expectedTransitDays: 3,
        createdBy: null,
        createdAt: startedAt,
      });
      await t.get(UnitOfWork).run({ companyId: seller.companyId }, (tx) => t.get(ShipmentsStore).insert(tx, row));
      return { shipmentId: row.id, orderId, reference, courierAwb };
    }

    it('finishes a booking the courier made: the same AWB, the order ready to ship, ShipmentBooked announced', async () => {
      const crashed = await leftInFlight('shiprocket', { reachedCourier: true });
      expect(crashed.courierAwb).toEqual(expect.any(String));
      expect((await shipment(crashed.shipmentId)).status).toBe('booking');
      // A booking younger than STALE_BOOKING_AFTER_SECONDS may still be waiting for its courier: left alone.
      expect(await reconcile(new Date(Date.now() - 8 * 60_000))).toMatchObject({ checked: 0 });
      expect((await shipment(crashed.shipmentId)).status).toBe('booking');

      expect(await reconcile()).toMatchObject({ checked: 1, booked: 1 });
      const done = await shipment(crashed.shipmentId);
      expect(done).toMatchObject({ status: 'booked', awb: crashed.courierAwb, expectedDeliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(await order(crashed.orderId)).toMatchObject({ status: 'ready_to_ship' });
      expect((await outbox(crashed.shipmentId)).map((e) => [e.type, e.payload.awb])).toEqual([['shipping.shipment_booked', crashed.courierAwb]]);
      expect(await reconcile()).toMatchObject({ checked: 0 });
    });

    it('books one whose request never reached the courier', async () => {
      const crashed = await leftInFlight('delhivery', { reachedCourier: false });
      expect(await reconcile()).toMatchObject({ checked: 1, booked: 1 });
      const done = await shipment(crashed.shipmentId);
      expect(done).toMatchObject({ status: 'booked', awb: expect.stringMatching(/^\d+$/), reference: crashed.reference });
      expect(bookingsAt('delhivery', crashed.reference)).toHaveLength(1);
      expect(await order(crashed.orderId)).toMatchObject({ status: 'ready_to_ship', awb: done.awb });
    });

    it('ends one the courier refuses as a duplicate, announced, so the order can be booked again under a new reference', async () => {
      const crashed = await leftInFlight('delhivery', { reachedCourier: true });
      expect(await reconcile()).toMatchObject({ checked: 1, failed: 1 });
      const ended = await shipment(crashed.shipmentId);
      expect(ended).toMatchObject({ status: 'booking_failed', awb: null, failure: { code: 'shipment.booking_unconfirmed', message: expect.stringContaining('Duplicate order id') } });
      expect(ended.failure.message).toContain(crashed.reference);
      expect(await outbox(crashed.shipmentId)).toEqual([
        { type: 'shipping.shipment_booking_failed', payload: expect.objectContaining({ shipmentId: crashed.shipmentId, orderId: crashed.orderId, reference: crashed.reference, status: 'booking_failed', failure: ended.failure }) },
      ]);

      const again = await t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload: { orderId: crashed.orderId, courier: 'delhivery' } });
      expect(again.statusCode).toBe(201);
      expect((await shipment(again.json().shipmentId)).reference).toBe(`${crashed.reference}-R2`);
    });

    it('never lets two workers check the same booking at once', async () => {
      const crashed = await leftInFlight('delhivery', { reachedCourier: false });
      const runs = await Promise.all([reconcile(), reconcile()]);
      expect(runs.map((r) => r.checked).sort()).toEqual([0, 1]);
      expect(bookingsAt('delhivery', crashed.reference)).toHaveLength(1);
      expect((await shipment(crashed.shipmentId)).status).toBe('booked');
    });

    it('leaves one for a later run while the courier is unavailable, backing off', async () => {
      const crashed = await leftInFlight('delhivery', { reachedCourier: false });
      const now = new Date();
      server.failNext(1, { status: 503 });
      expect(await reconcile(now)).toMatchObject({ checked: 1, deferred: 1 });
      expect(await shipment(crashed.shipmentId)).toMatchObject({ status: 'booking', failure: null });
      expect(await order(crashed.orderId)).toMatchObject({ status: 'new' });

      // Not asked again before the back-off is over.
      expect(await reconcile(new Date(now.getTime() + 4 * 60_000))).toMatchObject({ checked: 0 });
      expect(await reconcile(new Date(now.getTime() + 6 * 60_000))).toMatchObject({ checked: 1, booked: 1 });
      expect(await shipment(crashed.shipmentId)).toMatchObject({ status: 'booked', awb: expect.any(String) });
      expect(bookingsAt('delhivery', crashed.reference)).toHaveLength(2);
    });
  });
});
