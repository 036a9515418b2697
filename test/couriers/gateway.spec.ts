import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { Counter, Histogram } from 'prom-client';
import { AuditModule } from '@shipcrowd/audit';
import { CouriersModule } from '@shipcrowd/couriers';
import { COURIERS, COURIERS_FACADE, CouriersFacade } from '@shipcrowd/couriers/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { Metrics } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { CourierSimulatorServer } from '@shipcrowd/simulators';
import { SetCourierCredentials } from '../../libs/couriers/src/application/credentials/courier-credentials.commands';
import { bookingFixture } from '../../libs/couriers/src/testing/booking-fixture';
import { SANDBOX_KEY, signedWebhook, TestCourierAdapter, TestCourierApi } from './support';

const PLATFORM_KEY = 'platform-key-1111111111';
const COMPANY_KEY = 'company-key-2222222222';

/** The DomainError a promise (or a throwing function) ends with. */
async function failure(work: Promise<unknown> | (() => unknown)): Promise<DomainError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

function setCredentials(t: TestApp, owner: string | null, apiKey: string): Promise<unknown> {
  return t.get(CommandBus).execute(new SetCourierCredentials({ userId: randomUUID(), owner, via: 'jwt' }, 'maruti', { apiKey, webhookSecret: `${apiKey}-webhook` }));
}

describe('couriers gateway in sandbox mode (simulators at COURIER_SIMULATOR_URL)', () => {
  const server = new CourierSimulatorServer();
  const maruti = server.register(new TestCourierApi('maruti', [SANDBOX_KEY, PLATFORM_KEY, COMPANY_KEY]));
  const smartship = server.register(new TestCourierApi('smartship', [SANDBOX_KEY]));
  const omLogistics = server.register(new TestCourierApi('om-logistics', [SANDBOX_KEY]));
  const limited = new TestCourierAdapter('smartship', undefined, {
    cod: false,
    reverse: false,
    multiPiece: false,
    b2b: false,
    pickupApi: false,
    insurance: false,
    ndrActions: ['re_attempt'],
    refusedHandling: ['dangerous_goods'],
    limits: { maxWeightGrams: 10_000, maxLengthCm: 100, maxGirthCm: 300, maxCodPaise: 2_500_000, maxPieces: 1 },
  });
  let t: TestApp;
  let couriers: CouriersFacade;
  const companyA = randomUUID();
  const companyB = randomUUID();

  beforeAll(async () => {
    await server.start();
    t = await createTestApp({
      imports: [AuditModule, CouriersModule.withAdapters([new TestCourierAdapter('maruti'), limited, new TestCourierAdapter('om_logistics')])],
      env: { COURIER_MODE: 'sandbox', COURIER_SIMULATOR_URL: `${server.baseUrl}/`, COURIER_HTTP_RETRIES: '1', COURIER_HTTP_TIMEOUT_MS: '2000' },
    });
    couriers = t.get<CouriersFacade>(COURIERS_FACADE);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });
  beforeEach(() => server.clearFaults());

  describe('capabilities are checked before any call, and a refusal names the rule', () => {
    const refusal = async (over: Parameters<typeof bookingFixture>[0]): Promise<Record<string, unknown>> => {
      const before = smartship.keysUsed.length;
      const error = await failure(couriers.book(companyA, 'smartship', bookingFixture(over)));
      expect(smartship.keysUsed.length).toBe(before);
      return { code: error.code, ...error.details };
    };

    it('refuses what the courier does not offer', async () => {
      expect(await refusal({ paymentMode: 'cod', codAmountPaise: 100_000 })).toMatchObject({ code: 'courier.capability_unsupported', courier: 'smartship', rule: 'cod', limit: false, actual: true });
      expect(await refusal({ reverse: true })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'reverse' });
      expect(await refusal({ insured: true })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'insurance' });
      expect(await refusal({ b2b: { invoiceNumber: 'INV-1', invoiceValuePaise: 100_000 } })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'b2b' });
      expect(await refusal({ handling: ['fragile', 'dangerous_goods'] })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'refusedHandling', limit: ['dangerous_goods'], actual: ['dangerous_goods'] });
      const box = { weightGrams: 500, lengthCm: 10, breadthCm: 10, heightCm: 10 };
      expect(await refusal({ packages: [box, box] })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'multiPiece', actual: 2 });
      expect(await refusal({ service: 'overnight' })).toMatchObject({ code: 'courier.capability_unsupported', rule: 'service', actual: 'overnight' });
    });

    it('refuses what exceeds the published limits, with the limit and the actual value', async () => {
      expect(await refusal({ packages: [{ weightGrams: 12_000, lengthCm: 20, breadthCm: 20, heightCm: 20 }] })).toMatchObject({ code: 'courier.limit_exceeded', rule: 'limits.maxWeightGrams', limit: 10_000, actual: 12_000 });
      expect(await refusal({ packages: [{ weightGrams: 1_000, lengthCm: 30, breadthCm: 120, heightCm: 10 }] })).toMatchObject({ code: 'courier.limit_exceeded', rule: 'limits.maxLengthCm', limit: 100, actual: 120 });
      expect(await refusal({ packages: [{ weightGrams: 1_000, lengthCm: 90, breadthCm: 80, heightCm: 70 }] })).toMatchObject({ code: 'courier.limit_exceeded', rule: 'limits.maxGirthCm', limit: 300, actual: 390 });
      const both = await refusal({ packages: [{ weightGrams: 12_000, lengthCm: 120, breadthCm: 10, heightCm: 10 }] });
      expect(both.violations).toEqual([expect.objectContaining({ rule: 'limits.maxWeightGrams' }), expect.objectContaining({ rule: 'limits.maxLengthCm' })]);
    });

    it('caps cash on delivery where the courier takes it', async () => {
      const error = await failure(couriers.book(companyA, 'maruti', bookingFixture({ paymentMode: 'cod', codAmountPaise: 6_000_000 })));
      expect({ code: error.code, ...error.details }).toMatchObject({ code: 'courier.limit_exceeded', rule: 'limits.maxCodPaise', limit: 5_000_000, actual: 6_000_000 });
    });

    it('refuses operations the courier has no API for', async () => {
      const pickup = await failure(couriers.requestPickup(companyA, 'smartship', { warehouse: bookingFixture().pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: ['X'] }));
      expect({ code: pickup.code, rule: pickup.details.rule }).toEqual({ code: 'courier.capability_unsupported', rule: 'pickupApi' });
      const ndr = await failure(couriers.ndrAction(companyA, 'smartship', { awb: 'X', action: 'rto' }));
      expect({ code: ndr.code, ...ndr.details }).toMatchObject({ code: 'courier.capability_unsupported', rule: 'ndrActions', limit: ['re_attempt'], actual: 'rto' });
      const label = await failure(couriers.labelData(companyA, 'maruti', 'X'));
      expect({ code: label.code, rule: label.details.rule }).toEqual({ code: 'courier.capability_unsupported', rule: 'labelData' });
      expect(smartship.keysUsed).toEqual([]);
    });

    it('knows only integrated couriers', async () => {
      expect((await failure(() => couriers.capabilities('dtdc'))).code).toBe('courier.unknown');
      const unknown = await failure(couriers.book(companyA, 'nowhere' as never, bookingFixture()));
      expect({ code: unknown.code, kind: unknown.kind }).toEqual({ code: 'courier.unknown', kind: 'not_found' });
      expect(couriers.capabilities('smartship').limits.maxWeightGrams).toBe(10_000);
    });
  });

  it("uses the company's own credentials, else the platform's, else the sandbox's", async () => {
    const bookAs = async (companyId: string) => {
      await couriers.book(companyId, 'maruti', bookingFixture());
      return maruti.keysUsed.at(-1);
    };
    expect(await bookAs(companyA)).toBe(SANDBOX_KEY);
    await setCredentials(t, null, PLATFORM_KEY);
    expect(await bookAs(companyA)).toBe(PLATFORM_KEY);
    await setCredentials(t, companyA, COMPANY_KEY);
    expect(await bookAs(companyA)).toBe(COMPANY_KEY);
    expect(await bookAs(companyB)).toBe(PLATFORM_KEY);
    // The booking went to COURIER_SIMULATOR_URL/<prefix> in kilograms and rupees.
    expect(maruti.bookings.at(-1)).toMatchObject({ weight_kg: 0.8, cod_amount: 0, boxes: 1 });
  });

  it('books, tracks, cancels, requests pickups and NDR actions through the adapter', async () => {
    const box = { weightGrams: 900, lengthCm: 20, breadthCm: 20, heightCm: 20 };
    const booked = await couriers.book(companyB, 'maruti', bookingFixture({ packages: [box, box], paymentMode: 'cod', codAmountPaise: 149_900 }));
    expect(booked.childAwbs).toEqual([`${booked.awb}C1`]);
    expect(maruti.bookings.at(-1)).toMatchObject({ weight_kg: 1.8, cod_amount: 1499, boxes: 2 });
    const scans = await couriers.track(companyB, 'maruti', [booked.awb]);
    expect(scans.get(booked.awb)?.map((e) => e.status)).toEqual(['booked', 'delivered']);
    expect(await couriers.track(companyB, 'maruti', [])).toEqual(new Map());
    expect(await couriers.cancel(companyB, 'maruti', booked.awb)).toEqual({ cancelled: true, message: null });
    expect(await couriers.requestPickup(companyB, 'maruti', { warehouse: bookingFixture().pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [booked.awb] })).toEqual({ pickupId: 'PK-1', scheduledFor: '2026-11-23T14:00:00+05:30' });
    expect(await couriers.ndrAction(companyB, 'maruti', { awb: booked.awb, action: 're_attempt' })).toEqual({ accepted: true, requestId: `NDR-${booked.awb}`, message: null });
  });

  describe('maps adapter errors to stable codes', () => {
    it('courier.rejected keeps the courier’s words', async () => {
      const error = await failure(couriers.book(companyB, 'maruti', bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '000000' } })));
      expect({ code: error.code, kind: error.kind, ...error.details }).toMatchObject({ code: 'courier.rejected', kind: 'rule', courier: 'maruti', courierMessage: 'Pincode 000000 is not serviceable', courierCode: '422' });
    });

    it('courier.auth_failed when the courier refuses stored credentials', async () => {
      const stranger = randomUUID();
      await setCredentials(t, stranger, 'revoked-key-3333333333');
      const error = await failure(couriers.track(stranger, 'maruti', ['TX1']));
      expect({ code: error.code, kind: error.kind, courierMessage: error.details.courierMessage }).toEqual({ code: 'courier.auth_failed', kind: 'rule', courierMessage: 'Invalid API key' });
    });

    it('courier.unavailable after the retries, as a retry-later error', async () => {
      server.failNext(2, { status: 503 });
      const error = await failure(couriers.track(companyB, 'maruti', ['TX1']));
      expect({ code: error.code, kind: error.kind, ...error.details }).toMatchObject({ code: 'courier.unavailable', kind: 'unavailable', reason: 'server_error', status: 503 });
      server.failNext(1, { status: 503 });
      expect((await couriers.track(companyB, 'maruti', ['TX1'])).size).toBe(1);
    });

    it('webhooks: unauthenticated and malformed are told apart; authentic ones parse', async () => {
      // Platform credentials are set for maruti (earlier test): webhooks verify with the platform's secret.
      const scan = { awb: 'TX00000001', code: 'PU', text: 'Picked up', at: '2026-11-21 12:00:00' };
      const good = signedWebhook(scan, `${PLATFORM_KEY}-webhook`);
      expect(couriers.parseWebhook('maruti', good).map((e) => [e.status, e.rawCode])).toEqual([['picked_up', 'PU']]);
      const sandboxSigned = await failure(() => couriers.parseWebhook('maruti', signedWebhook(scan)));
      expect({ code: sandboxSigned.code, kind: sandboxSigned.kind }).toEqual({ code: 'courier.webhook_unauthenticated', kind: 'unauthorized' });
      const malformed = await failure(() => couriers.parseWebhook('maruti', signedWebhook({ text: 'no awb' }, `${PLATFORM_KEY}-webhook`)));
      expect({ code: malformed.code, kind: malformed.kind }).toEqual({ code: 'courier.webhook_malformed', kind: 'validation' });
      // Without platform credentials, sandbox mode verifies with the sandbox secret.
      expect(couriers.parseWebhook('smartship', signedWebhook(scan)).map((e) => e.status)).toEqual(['picked_up']);
    });
  });

  it('counts and keeps raw status codes no mapping knows', async () => {
    const { awb } = await couriers.book(companyB, 'maruti', bookingFixture({ reference: 'SC-ODD-1' }));
    const events = (await couriers.track(companyB, 'maruti', [awb])).get(awb)!;
    expect(events.find((e) => e.rawCode === 'ZZ9')).toMatchObject({ status: 'exception', rawStatus: 'Held by customs' });
    const counter = t.get(Metrics).registry.getSingleMetric('shipcrowd_courier_unknown_status_total') as Counter;
    const values = (await counter.get()).values;
    expect(values).toEqual([{ labels: { courier: 'maruti', code: 'ZZ9' }, value: 1 }]);
    couriers.parseWebhook('smartship', signedWebhook({ awb, code: 'QQ1', text: 'Odd', at: '2026-11-22 09:00:00' }));
    expect((await counter.get()).values).toContainEqual({ labels: { courier: 'smartship', code: 'QQ1' }, value: 1 });
  });

  it('health reflects a breaker opened by failures; metrics record latency by outcome', async () => {
    server.failNext(100, { status: 502 });
    let error: DomainError | undefined;
    for (let attempt = 0; attempt < 10 && error?.details.reason !== 'circuit_open'; attempt++) error = await failure(couriers.track(companyB, 'om_logistics', ['TX1']));
    expect({ code: error?.code, reason: error?.details.reason }).toEqual({ code: 'courier.unavailable', reason: 'circuit_open' });
    server.clearFaults();

    const health = await couriers.health();
    expect(health.map((h) => h.courier)).toEqual(COURIERS.map((c) => c.code));
    const om = health.find((h) => h.courier === 'om_logistics')!;
    expect(om).toMatchObject({ circuit: 'open', mode: 'sandbox', credentials: 'sandbox', lastFailureAt: expect.any(String), lastFailure: expect.stringContaining('track') });
    expect(om.failures).toBeGreaterThanOrEqual(5);
    expect(om.calls).toBe(om.failures);
    const marutiHealth = health.find((h) => h.courier === 'maruti')!;
    expect(marutiHealth).toMatchObject({ circuit: 'closed', credentials: 'platform' });
    expect(marutiHealth.latencyMs.p50).toBeGreaterThan(0);
    expect(marutiHealth.latencyMs.p95).toBeGreaterThanOrEqual(marutiHealth.latencyMs.p50!);
    expect(health.find((h) => h.courier === 'dtdc')).toMatchObject({ circuit: 'closed', calls: 0, credentials: 'missing', latencyMs: { p50: null, p95: null } });
    expect(omLogistics.keysUsed.length).toBe(0); // every attempt met an injected fault before the courier's own handler

    const registry = t.get(Metrics).registry;
    const gauge = await registry.getSingleMetric('shipcrowd_courier_circuit_state')!.get();
    expect(gauge.values.find((v) => v.labels.courier === 'om_logistics')?.value).toBe(2);
    expect(gauge.values.find((v) => v.labels.courier === 'maruti')?.value).toBe(0);
    const histogram = (await (registry.getSingleMetric('shipcrowd_courier_call_duration_seconds') as Histogram).get()).values;
    const count = (labels: Record<string, string>) => histogram.find((v) => v.metricName?.endsWith('_count') && Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
    expect(count({ courier: 'maruti', operation: 'book', outcome: 'ok' })).toBeGreaterThan(0);
    expect(count({ courier: 'maruti', operation: 'book', outcome: 'rejected' })).toBe(1);
    expect(count({ courier: 'om_logistics', operation: 'track', outcome: 'unavailable' })).toBe(om.failures);
  });
});

describe('couriers gateway in live mode', () => {
  const server = new CourierSimulatorServer();
  const maruti = server.register(new TestCourierApi('maruti-live', [PLATFORM_KEY]));
  const intargos = server.register(new TestCourierApi('intargos-production', [PLATFORM_KEY]));
  let t: TestApp;
  let couriers: CouriersFacade;

  beforeAll(async () => {
    await server.start();
    t = await createTestApp({
      imports: [AuditModule, CouriersModule.withAdapters([new TestCourierAdapter('maruti'), new TestCourierAdapter('intargos', `${server.baseUrl}/intargos-production`)])],
      env: { COURIER_MODE: 'live', COURIER_BASE_URLS: JSON.stringify({ maruti: `${server.baseUrl}/maruti-live/` }) },
    });
    couriers = t.get<CouriersFacade>(COURIERS_FACADE);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('refuses to call a courier without credentials (no sandbox fallback), and never reaches it', async () => {
    const error = await failure(couriers.book(randomUUID(), 'maruti', bookingFixture()));
    expect({ code: error.code, kind: error.kind, courier: error.details.courier }).toEqual({ code: 'courier.not_configured', kind: 'rule', courier: 'maruti' });
    expect((await failure(() => couriers.parseWebhook('maruti', signedWebhook({ awb: 'A', code: 'PU' })))).code).toBe('courier.not_configured');
    expect(maruti.keysUsed).toEqual([]);
    expect((await couriers.health()).find((h) => h.courier === 'maruti')).toMatchObject({ mode: 'live', credentials: 'missing' });
  });

  it("calls the COURIER_BASE_URLS host, else the adapter's production host", async () => {
    await setCredentials(t, null, PLATFORM_KEY);
    await t.get(CommandBus).execute(new SetCourierCredentials({ userId: randomUUID(), owner: null, via: 'jwt' }, 'intargos', { apiKey: PLATFORM_KEY, webhookSecret: 'w' }));
    await couriers.book(randomUUID(), 'maruti', bookingFixture());
    await couriers.book(randomUUID(), 'intargos', bookingFixture());
    expect([maruti.bookings.length, intargos.bookings.length]).toEqual([1, 1]);
    expect((await couriers.health()).find((h) => h.courier === 'maruti')).toMatchObject({ mode: 'live', credentials: 'platform', calls: 1, failures: 0 });
  });
});
