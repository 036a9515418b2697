import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamUnavailableError } from '@shipcrowd/platform';
import { CourierApiSimulator, CourierSimulatorServer, PDF_BINARY_MARKER } from '@shipcrowd/simulators';
import type { BookingRequest, ShipmentStatus } from '../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, WebhookUnauthenticated } from '../application/ports/courier-provider';
import { bookingFixture } from './booking-fixture';
import { testCourierCall } from './courier-call';

/** What a scripted courier simulator must offer to run the contract suite. */
export type ScriptedCourierSimulator = CourierApiSimulator & Required<Pick<CourierApiSimulator, 'advance' | 'configureWebhook'>>;

export interface CourierContractSubject {
  adapter: CourierProvider;
  /** A fresh simulator accepting `adapter.sandboxCredentials`. */
  simulator(): ScriptedCourierSimulator;
  /** A valid booking for this courier (defaults to bookingFixture with the courier's first service). */
  booking?(over?: Partial<BookingRequest>): BookingRequest;
}

/** Unified journeys every adapter must report, scan for scan, for the simulator's scripted scenarios. */
const JOURNEYS: Record<string, ShipmentStatus[]> = {
  DELIVERED: ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'],
  NDR: ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'out_for_delivery', 'delivered'],
  'NDR-RTO': ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'out_for_delivery', 'ndr', 'rto_initiated', 'rto_in_transit', 'rto_delivered'],
  LOST: ['manifested', 'picked_up', 'in_transit', 'lost'],
};

/**
 * The behaviour every courier adapter shares, proved over HTTP against its simulator: booking, duplicate references,
 * refused credentials, tracking through every scripted journey, signed webhooks, cancel, pickup, NDR action and
 * resilience. Courier-specific wire details are tested next to each adapter.
 */
export function describeCourierContract(subject: CourierContractSubject): void {
  const { adapter } = subject;
  const caps = adapter.capabilities;
  const makeBooking = (over: Partial<BookingRequest> = {}) =>
    subject.booking ? subject.booking(over) : bookingFixture({ service: serviceOf(adapter), ...over });

  describe(`${adapter.code} courier contract`, () => {
    const server = new CourierSimulatorServer();
    let sim: ScriptedCourierSimulator;
    let call: CourierCall;
    const received: { headers: IncomingHttpHeaders; rawBody: Buffer }[] = [];
    let receiver: Server;
    let receiverUrl: string;

    beforeAll(async () => {
      sim = server.register(subject.simulator());
      await server.start();
      call = testCourierCall(server.urlOf(sim.prefix), adapter.sandboxCredentials, adapter.code);
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    afterAll(async () => {
      call.http.shutdown();
      call.httpNoRetry.shutdown();
      await server.stop();
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    });
    beforeEach(() => {
      server.clearFaults();
      sim.configureWebhook(null, null);
      received.length = 0;
    });

    it('books a parcel and gets an AWB', async () => {
      const result = await adapter.book(call, makeBooking());
      expect(result.awb).toMatch(/^[A-Z0-9]{6,20}$/);
      expect(result.childAwbs).toEqual([]);
    });

    if (caps.cod) {
      it('books cash on delivery', async () => {
        const result = await adapter.book(call, makeBooking({ paymentMode: 'cod', codAmountPaise: 149_900 }));
        expect(result.awb).toBeTruthy();
      });
    }

    if (caps.multiPiece) {
      it('books a multi-piece shipment with one child AWB per extra box', async () => {
        const box = { weightGrams: 900, lengthCm: 20, breadthCm: 20, heightCm: 20 };
        const result = await adapter.book(call, makeBooking({ packages: [box, box, box] }));
        expect(result.childAwbs).toHaveLength(2);
        expect(new Set([result.awb, ...result.childAwbs]).size).toBe(3);
      });
    }

    it('never gives one reference two live AWBs', async () => {
      const booking = makeBooking();
      const first = await adapter.book(call, booking);
      const second: unknown = await adapter.book(call, booking).catch((error: unknown) => error);
      if (second instanceof Error) expect(second).toBeInstanceOf(CourierRejected);
      else expect((second as { awb: string }).awb).toBe(first.awb);
    });

    it('refuses a booking the courier cannot accept with the courier’s reason', async () => {
      const bad = makeBooking({ consignee: { ...makeBooking().consignee, pincode: '000000' } });
      await expect(adapter.book(call, bad)).rejects.toBeInstanceOf(CourierRejected);
    });

    it('reports refused credentials as CourierAuthFailed', async () => {
      const wrong = testCourierCall(call.baseUrl, Object.fromEntries(Object.keys(adapter.sandboxCredentials).map((k) => [k, 'wrong-value'])), `${adapter.code}-wrong`);
      await expect(adapter.track(wrong, ['UNKNOWN1'])).rejects.toBeInstanceOf(CourierAuthFailed);
      wrong.http.shutdown();
      wrong.httpNoRetry.shutdown();
    });

    for (const [marker, journey] of Object.entries(JOURNEYS)) {
      it(`tracks the ${marker} journey in the unified taxonomy, raw codes kept`, async () => {
        const { awb } = await adapter.book(call, makeBooking({ reference: `SC-${marker}-${Math.random().toString(36).slice(2, 8).toUpperCase()}` }));
        await sim.advance(awb, 50);
        const events = (await adapter.track(call, [awb])).get(awb) ?? [];
        const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
        expect(ordered.map((e) => e.status).filter((s) => s !== 'booked' && s !== 'pickup_scheduled')).toEqual(journey);
        for (const event of events) {
          expect(event.awb).toBe(awb);
          expect(event.rawCode).toBeTruthy();
          expect(event.occurredAt.getTime()).not.toBeNaN();
        }
        if (journey.includes('ndr')) expect(events.find((e) => e.status === 'ndr')?.ndrReason).toBeTruthy();
      });
    }

    if (caps.webhookPush) {
      it('parses its own signed webhooks and refuses tampered or unsigned ones', async () => {
        const secret = adapter.sandboxCredentials.webhookSecret ?? 'sandbox-webhook-secret';
        sim.configureWebhook(receiverUrl, secret);
        const { awb } = await adapter.book(call, makeBooking());
        await sim.advance(awb, 2);
        expect(received.length).toBeGreaterThanOrEqual(2);
        const statuses = received.flatMap((r) => adapter.parseWebhook({ headers: r.headers, rawBody: r.rawBody, credentials: adapter.sandboxCredentials }).map((e) => e.status));
        expect(statuses).toEqual(['manifested', 'picked_up']);
        const tampered = Buffer.from(received[0].rawBody.toString('utf8').replace(awb, `${awb}9`));
        expect(() => adapter.parseWebhook({ headers: received[0].headers, rawBody: tampered, credentials: adapter.sandboxCredentials })).toThrow(WebhookUnauthenticated);
        expect(() => adapter.parseWebhook({ headers: {}, rawBody: received[0].rawBody, credentials: adapter.sandboxCredentials })).toThrow(WebhookUnauthenticated);
      });
    }

    if (caps.cancel) {
      it('cancels before pickup and is refused after', async () => {
        const { awb } = await adapter.book(call, makeBooking());
        expect((await adapter.cancel!(call, awb)).cancelled).toBe(true);
        const late = await adapter.book(call, makeBooking());
        await sim.advance(late.awb, 2);
        const outcome: unknown = await adapter.cancel!(call, late.awb).catch((error: unknown) => error);
        if (outcome instanceof Error) expect(outcome).toBeInstanceOf(CourierRejected);
        else expect((outcome as { cancelled: boolean }).cancelled).toBe(false);
      });
    }

    if (caps.pickupApi) {
      it('requests a pickup for booked AWBs', async () => {
        const { awb } = await adapter.book(call, makeBooking());
        const b = makeBooking();
        const pickup = await adapter.requestPickup!(call, { warehouse: b.pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [awb] });
        expect(pickup.pickupId).toBeTruthy();
        expect(Number.isNaN(new Date(pickup.scheduledFor).getTime())).toBe(false);
      });
    }

    if (caps.ndrActions.includes('re_attempt')) {
      it('takes an NDR re-attempt on a parcel in NDR', async () => {
        const { awb } = await adapter.book(call, makeBooking({ reference: `SC-NDR-${Math.random().toString(36).slice(2, 8).toUpperCase()}` }));
        await sim.advance(awb, 5);
        const result = await adapter.ndrAction!(call, { awb, action: 're_attempt', date: '2026-11-24' });
        expect(result.accepted).toBe(true);
      });
    }

    if (caps.serviceabilityApi) {
      it('answers serviceability for a lane it serves and says no (with a reason) for one it does not', async () => {
        const b = makeBooking();
        const query = { originPincode: b.pickup.pincode, destinationPincode: b.consignee.pincode, paymentMode: 'prepaid' as const, weightGrams: 500, codAmountPaise: 0 };
        const yes = await adapter.serviceability!(call, query);
        expect(yes).toMatchObject({ serviceable: true, prepaid: true });
        expect(yes.services.length).toBeGreaterThan(0);
        const no = await adapter.serviceability!(call, { ...query, destinationPincode: '000000' });
        expect(no.serviceable).toBe(false);
      });
    } else {
      it('declares no serviceability API and implements none', () => expect(adapter.serviceability).toBeUndefined());
    }

    if (caps.rateApi) {
      it('quotes its own prices in whole paise, COD costing more than prepaid', async () => {
        const b = makeBooking();
        const query = { originPincode: b.pickup.pincode, destinationPincode: b.consignee.pincode, paymentMode: 'prepaid' as const, weightGrams: 1200, codAmountPaise: 0, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 99_900 };
        const prepaid = await adapter.rates!(call, query);
        expect(prepaid.length).toBeGreaterThan(0);
        for (const rate of prepaid) {
          expect(Number.isInteger(rate.totalPaise)).toBe(true);
          expect(rate.totalPaise).toBeGreaterThan(0);
          expect(rate.service).toBeTruthy();
        }
        if (caps.cod) {
          const cod = await adapter.rates!(call, { ...query, paymentMode: 'cod', codAmountPaise: 99_900 });
          const service = prepaid[0].service;
          expect(cod.find((r) => r.service === service)!.totalPaise).toBeGreaterThan(prepaid[0].totalPaise);
        }
      });
    } else {
      it('declares no rate API and implements none', () => expect(adapter.rates).toBeUndefined());
    }

    if (caps.packageUpdateApi) {
      it('takes changed boxes before pickup and refuses them after', async () => {
        const { awb } = await adapter.book(call, makeBooking());
        const box = { weightGrams: 1400, lengthCm: 25, breadthCm: 20, heightCm: 12 };
        await expect(adapter.updatePackages!(call, awb, { packages: [box] })).resolves.toBeUndefined();
        const late = await adapter.book(call, makeBooking());
        await sim.advance(late.awb, 2);
        await expect(adapter.updatePackages!(call, late.awb, { packages: [box] })).rejects.toBeInstanceOf(CourierRejected);
      });
    } else {
      it('declares no box-change API and implements none', () => expect(adapter.updatePackages).toBeUndefined());
    }

    if (caps.courierLabel) {
      it('fetches its own label as a PDF for a booked AWB', async () => {
        const { awb } = await adapter.book(call, makeBooking());
        const pdf = await adapter.courierLabel!(call, awb);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        // Byte for byte: a binary PDF read as text would lose these.
        expect(pdf.includes(PDF_BINARY_MARKER)).toBe(true);
        await expect(adapter.courierLabel!(call, 'NOSUCHAWB1')).rejects.toBeInstanceOf(CourierRejected);
      });
    } else {
      it('declares no courier-rendered label and implements none', () => expect(adapter.courierLabel).toBeUndefined());
    }

    it('retries tracking through 5xx and reports a courier that stays down as unavailable', async () => {
      const { awb } = await adapter.book(call, makeBooking());
      const before = server.requestsTo(sim.prefix).length;
      server.failNext(1, { status: 503 });
      expect(await adapter.track(call, [awb])).toBeInstanceOf(Map);
      expect(server.requestsTo(sim.prefix).length - before).toBeGreaterThanOrEqual(2);
      server.failNext(3, { status: 502 });
      await expect(adapter.track(call, [awb])).rejects.toBeInstanceOf(UpstreamUnavailableError);
    });

    it('does not retry a booking (not safe to repeat)', async () => {
      const before = server.requestsTo(sim.prefix).length;
      server.failNext(1, { status: 500 });
      await expect(adapter.book(call, makeBooking())).rejects.toBeInstanceOf(UpstreamUnavailableError);
      const bookingCalls = server.requestsTo(sim.prefix).slice(before).filter((r) => r.method === 'POST' || r.method === 'PUT');
      expect(bookingCalls.length).toBeLessThanOrEqual(2);
    });
  });
}

function serviceOf(adapter: CourierProvider): string {
  return adapter.code === 'delhivery_b2b' || adapter.code === 'om_logistics' ? 'ptl' : 'surface';
}
