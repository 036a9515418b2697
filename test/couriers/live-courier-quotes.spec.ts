import { JwtService } from '@nestjs/jwt';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { CourierProviders, CouriersHttpModule, CouriersModule, simulatorPrefixOf } from '@shipcrowd/couriers';
import { COURIERS, CourierCode } from '@shipcrowd/couriers/contracts';
import { IdentityModule } from '@shipcrowd/identity';
import { AccessTokenClaims, buildOpenApiDocument, StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { CourierSimulatorServer } from '@shipcrowd/simulators';
import { courierAdapters } from '../../libs/couriers/src/infrastructure/adapters/registry';
import { courierSimulators } from '../../libs/couriers/src/infrastructure/sandbox/simulators';
import { seedCompany, Seat } from '../companies/support';

/** Bengaluru to Mumbai, a 1.2 kg box. */
const PARCEL = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid', weightGrams: 1200, lengthCm: 30, breadthCm: 20, heightCm: 10, declaredValuePaise: 149900 };
const LANE = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid', weightGrams: 1200 };

interface RateAnswer {
  courier: string;
  status: 'ok' | 'error' | 'unsupported';
  rates?: { service: string; totalPaise: number }[];
  error?: { code: string; detail: string };
}

/**
 * The couriers' own live answers over HTTP: the real adapters talk to the courier simulators (one server at
 * COURIER_SIMULATOR_URL, so the test can inject faults and see what each courier received). Couriers are picked by
 * what their integration declares, so the suite follows the adapters as they gain these APIs.
 */
describe('live courier serviceability checks and rate quotes', () => {
  const adapters = courierAdapters();
  const server = new CourierSimulatorServer();
  for (const simulator of courierSimulators(adapters)) server.register(simulator);
  const offering = (operation: 'serviceability' | 'rates', capability: 'serviceabilityApi' | 'rateApi') =>
    COURIERS.map((c) => adapters.find((a) => a.code === c.code)!).filter((a) => a.capabilities[capability] && typeof a[operation] === 'function').map((a) => a.code);
  const checking = offering('serviceability', 'serviceabilityApi');
  const pricing = offering('rates', 'rateApi');
  // Delhivery checks and prices through its API; it is the first choice when several do.
  const checker: CourierCode = checking[0] ?? 'delhivery';
  const pricer: CourierCode = pricing[0] ?? 'delhivery';
  const notPricing = COURIERS.map((c) => c.code).find((code) => !pricing.includes(code) && code !== pricer)!;
  const notChecking = COURIERS.map((c) => c.code).find((code) => !checking.includes(code) && code !== checker)!;

  let t: TestApp;
  let seller: Seat;

  beforeAll(async () => {
    await server.start();
    t = await createTestApp({
      imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, CouriersModule, CouriersHttpModule],
      env: { RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_MAX: '100000', COURIER_MODE: 'sandbox', COURIER_SIMULATOR_URL: `${server.baseUrl}/`, COURIER_HTTP_RETRIES: '0' },
    });
    seller = await seedCompany(t, 'Quote Traders');
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });
  afterEach(() => server.clearFaults());

  const ask = (url: string, payload: unknown, token = seller.token) => t.http({ method: 'POST', url, token, payload: payload as Record<string, unknown> });
  const requestsTo = (courier: string) => server.requestsTo(simulatorPrefixOf(courier)).length;
  /** The seller's access token re-signed with other permissions (same session). */
  const tokenWith = (perms: string[]) => {
    const jwt = t.get(JwtService);
    const { exp: _exp, iat: _iat, ...claims } = jwt.decode<AccessTokenClaims & { exp: number; iat: number }>(seller.token);
    return jwt.sign({ ...claims, perms }, { expiresIn: 900 });
  };

  describe('POST /v1/couriers/{courier}/serviceability-checks', () => {
    it("answers with the courier's own live check of the pincode pair", async () => {
      const before = requestsTo(checker);
      const res = await ask(`/v1/couriers/${checker}/serviceability-checks`, { ...LANE, paymentMode: 'cod', codAmountPaise: 149900 });
      expect(res.statusCode).toBe(200);
      const answer = res.json();
      expect(Object.keys(answer).sort()).toEqual(['cod', 'expectedTransitDays', 'oda', 'pickup', 'prepaid', 'reason', 'reverse', 'serviceable', 'services']);
      expect(answer).toMatchObject({ serviceable: true, prepaid: true, cod: true, pickup: true, services: expect.arrayContaining([expect.any(String)]) });
      expect(answer.expectedTransitDays === null || Number.isInteger(answer.expectedTransitDays)).toBe(true);
      expect(requestsTo(checker)).toBeGreaterThan(before);
    });

    it('refuses a courier without the API before calling it, and an unknown courier', async () => {
      const before = requestsTo(notChecking);
      const unsupported = await ask(`/v1/couriers/${notChecking}/serviceability-checks`, LANE);
      expect(unsupported.statusCode).toBe(422);
      expect(unsupported.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unsupported.json()).toMatchObject({ code: 'courier.capability_unsupported', courier: notChecking, rule: 'serviceabilityApi' });
      expect(requestsTo(notChecking)).toBe(before);
      const unknown = await ask('/v1/couriers/fedex/serviceability-checks', LANE);
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'courier.unknown']);
    });

    it('validates the query, naming every field', async () => {
      const res = await ask(`/v1/couriers/${checker}/serviceability-checks`, { originPincode: '056005', destinationPincode: '4000', paymentMode: 'upi', weightGrams: 0, reverse: 'yes', colour: 'red' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'destinationPincode', 'originPincode', 'paymentMode', 'reverse', 'weightGrams']);
      const cod = await ask(`/v1/couriers/${checker}/serviceability-checks`, { ...LANE, paymentMode: 'cod' });
      expect(cod.json().errors).toEqual([{ field: 'codAmountPaise', code: 'codAmountFitsPaymentMode', message: expect.stringContaining('cash on delivery') }]);
      const prepaid = await ask(`/v1/couriers/${checker}/serviceability-checks`, { ...LANE, codAmountPaise: 100 });
      expect(prepaid.json().errors).toEqual([{ field: 'codAmountPaise', code: 'codAmountFitsPaymentMode', message: 'must be 0 or absent for a prepaid shipment' }]);
    });

    it('needs rates.read', async () => {
      expect((await t.http({ method: 'POST', url: `/v1/couriers/${checker}/serviceability-checks`, payload: LANE })).statusCode).toBe(401);
      const denied = await ask(`/v1/couriers/${checker}/serviceability-checks`, LANE, tokenWith(['shipments.read']));
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ code: 'auth.permission_denied', missingPermissions: ['rates.read'] });
    });
  });

  describe('POST /v1/couriers/{courier}/rate-quotes', () => {
    it("answers with the courier's own prices in integer paise, one per service it offers on the lane", async () => {
      const res = await ask(`/v1/couriers/${pricer}/rate-quotes`, PARCEL);
      expect(res.statusCode).toBe(200);
      const { courier, rates } = res.json<{ courier: string; rates: { service: string; totalPaise: number; freightPaise: number | null }[] }>();
      expect(courier).toBe(pricer);
      expect(rates.length).toBeGreaterThan(0);
      const services = COURIERS.find((c) => c.code === pricer)!.services.map((s) => s.code);
      for (const rate of rates) {
        expect(services).toContain(rate.service);
        expect(Number.isInteger(rate.totalPaise) && rate.totalPaise > 0).toBe(true);
      }
      const [first] = rates;
      const one = await ask(`/v1/couriers/${pricer}/rate-quotes`, { ...PARCEL, service: first.service });
      expect(one.json().rates.map((r: { service: string }) => r.service)).toEqual([first.service]);
    });

    it('refuses a courier that prices through no API, and validates the parcel', async () => {
      const unsupported = await ask(`/v1/couriers/${notPricing}/rate-quotes`, PARCEL);
      expect(unsupported.statusCode).toBe(422);
      expect(unsupported.json()).toMatchObject({ code: 'courier.capability_unsupported', courier: notPricing, rule: 'rateApi' });
      const { lengthCm: _l, ...noLength } = PARCEL;
      const invalid = await ask(`/v1/couriers/${pricer}/rate-quotes`, { ...noLength, heightCm: 0, declaredValuePaise: 1.5, service: 'teleport' });
      expect(invalid.statusCode).toBe(422);
      expect([...new Set(invalid.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(['declaredValuePaise', 'heightCm', 'lengthCm', 'service']);
    });
  });

  describe('POST /v1/courier-rate-quotes', () => {
    it('asks every courier that prices through its API and lists them cheapest first', async () => {
      const res = await ask('/v1/courier-rate-quotes', PARCEL);
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: RateAnswer[] }>().items;
      expect(items.map((i) => i.courier).sort()).toEqual([...pricing].sort());
      expect(items.filter((i) => i.status !== 'ok')).toEqual([]);
      const cheapest = items.map((i) => i.rates![0]?.totalPaise ?? Infinity);
      expect(cheapest).toEqual([...cheapest].sort((a, b) => a - b));
      for (const { rates } of items) expect(rates!.map((r) => r.totalPaise)).toEqual(rates!.map((r) => r.totalPaise).sort((a, b) => a - b));
    });

    it("asks with the company's own courier account: bad credentials fail that courier only", async () => {
      const adapter = t.get(CourierProviders).get(pricer);
      const wrong = Object.fromEntries(adapter.credentialFields.map((field) => [field, `wrong-${field}-0000000000`]));
      expect((await t.http({ method: 'PUT', url: `/v1/courier-credentials/${pricer}`, token: seller.token, payload: { credentials: wrong } })).statusCode).toBe(200);
      try {
        const items = (await ask('/v1/courier-rate-quotes', { ...PARCEL, couriers: pricing })).json<{ items: RateAnswer[] }>().items;
        expect(items.find((i) => i.courier === pricer)).toMatchObject({ status: 'error', error: { code: expect.stringMatching(/^courier\.(auth_failed|rejected)$/) } });
        expect(items.at(-1)!.courier).toBe(pricer); // failures after every price
        expect(items.filter((i) => i.courier !== pricer).every((i) => i.status === 'ok')).toBe(true);
      } finally {
        await t.http({ method: 'DELETE', url: `/v1/courier-credentials/${pricer}`, token: seller.token });
      }
    });

    it('validates the courier list and the parcel', async () => {
      const res = await ask('/v1/courier-rate-quotes', { ...PARCEL, paymentMode: 'cod', couriers: ['delhivery', 'fedex', 'delhivery'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual(['codAmountPaise:codAmountFitsPaymentMode', 'couriers:arrayUnique', 'couriers:isIn']);
      expect((await ask('/v1/courier-rate-quotes', { ...PARCEL, couriers: [] })).json().errors.map((e: { code: string }) => e.code)).toEqual(['arrayMinSize']);
    });

    it('is documented with its answers and problems', () => {
      const paths = buildOpenApiDocument(t.app).paths as Record<string, Record<string, { operationId: string; tags: string[]; responses: Record<string, unknown> }>>;
      const routes = [
        ['/v1/couriers/{courier}/serviceability-checks', 'courierQuotes_serviceability', ['200', '401', '403', '404', '422', '503']],
        ['/v1/couriers/{courier}/rate-quotes', 'courierQuotes_rates', ['200', '401', '403', '404', '422', '503']],
        ['/v1/courier-rate-quotes', 'courierQuotes_compare', ['200', '401', '403', '422']],
      ] as const;
      for (const [path, operationId, statuses] of routes) {
        const operation = paths[path].post;
        expect({ path, operationId: operation.operationId, tags: operation.tags, statuses: Object.keys(operation.responses) }).toEqual({ path, operationId, tags: ['couriers'], statuses: expect.arrayContaining([...statuses]) });
      }
    });
  });

  // Last: the failures may open the courier's circuit breaker for the rest of the run.
  describe('when a courier does not answer', () => {
    it('a single-courier route answers 503 courier.unavailable', async () => {
      server.failNext(10, { status: 503 });
      const res = await ask(`/v1/couriers/${pricer}/rate-quotes`, PARCEL);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'courier.unavailable', courier: pricer });
    });

    it('the comparison answers each listed courier, one that cannot price as unsupported and one that fails as an error, never failing the whole', async () => {
      server.failNext(10, { status: 503 });
      const res = await ask('/v1/courier-rate-quotes', { ...PARCEL, couriers: [notPricing, pricer] });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        { courier: pricer, status: 'error', error: { code: 'courier.unavailable', detail: expect.any(String) } },
        { courier: notPricing, status: 'unsupported', error: { code: 'courier.capability_unsupported', detail: expect.any(String) } },
      ]);
    });
  });
});
