import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { PRICING_FACADE, PricingFacade } from '@shipcrowd/pricing/contracts';
import { addMember, platformAdminToken, seedCompany, Seat } from '../companies/support';
import { activeCard, handTerms, pricingTestApp, sqlRows } from './support';

interface Line {
  code: string;
  amountPaise: number;
}
interface Option {
  courier: string;
  service: string;
  rateCardScope: string;
  zone: string;
  totalPaise: number;
  lines: Line[];
  chargeableWeightGrams: number;
  volumetricWeightGrams: number;
  rtoChargePaise: number;
  subtotalPaise: number;
  gstPaise: number;
  expectedDeliveryDays: number | null;
  score: number;
}

const DELHI = '110001';
const MUMBAI = '400001';
const BENGALURU = '560001';

describe('pricing: quotes', () => {
  let t: TestApp;
  let seller: Seat;
  let maker: string;
  let checker: string;
  let redis: Redis;

  beforeAll(async () => {
    t = await pricingTestApp();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    seller = await seedCompany(t, 'Quote Traders');
    maker = await platformAdminToken(t, seller);
    checker = await platformAdminToken(t, seller);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  const quote = (payload: Record<string, unknown>, token = seller.token) => t.http({ method: 'POST', url: '/v1/rates/quote', token, payload });
  const lane = (over: Record<string, unknown> = {}) => ({ originPincode: DELHI, destinationPincode: MUMBAI, paymentMode: 'prepaid', weightGrams: 1200, declaredValuePaise: 150000, ...over });
  const option = (body: { options: Option[] }, courier: string, service = 'surface') => body.options.find((o) => o.courier === courier && o.service === service);
  const lines = (o: Option | undefined) => o?.lines.map((l) => [l.code, l.amountPaise]);

  it('works out of the box: every catalogue courier is quoted from the sandbox platform cards', async () => {
    const base = (await t.http({ method: 'GET', url: '/v1/admin/rate-cards?scope=base', token: maker })).json().items as { courier: string; activeVersion: number }[];
    const b2b = (await t.http({ method: 'GET', url: '/v1/admin/rate-cards?scope=b2b', token: maker })).json().items as { courier: string; service: string }[];
    expect(base).toHaveLength(20);
    expect(base.every((c) => c.activeVersion === 1)).toBe(true);
    expect(b2b.map((c) => `${c.courier}/${c.service}`).sort()).toEqual(['delhivery_b2b/ptl', 'om_logistics/ftl', 'om_logistics/ptl']);

    const res = await quote(lane({ paymentMode: 'cod', codAmountPaise: 150000, dimensionsCm: { length: 30, breadth: 20, height: 10 } }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ zone: 'C', zoneReason: expect.stringMatching(/metro/i), weights: { cost: 0.7, speed: 0.3, performance: 0 } });
    expect(new Set(body.options.map((o: Option) => o.courier)).size).toBe(11);
    for (const o of body.options as Option[]) {
      expect(o.totalPaise).toBe(o.lines.reduce((n, l) => n + l.amountPaise, 0));
      expect(o.totalPaise).toBe(o.subtotalPaise + o.gstPaise);
      expect(o.score).toBeGreaterThan(0);
      expect(o.score).toBeLessThanOrEqual(1);
    }
    // surface 500 g in zone C from the sandbox base cards: Rs 40-50
    const surface = (body.options as Option[]).filter((o) => o.service === 'surface').map((o) => o.lines.find((l) => l.code === 'freight')!.amountPaise);
    expect(Math.min(...surface)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...surface)).toBeLessThanOrEqual(5000);
    expect(body.recommended).toMatchObject({ courier: expect.any(String), service: expect.any(String), reason: expect.stringMatching(/score \d\.\d\d with weights cost 0\.7, speed 0\.3$/) });
    // options come cheapest first
    const totals = body.options.map((o: Option) => o.totalPaise);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => a - b));
  });

  it('prices one lane exactly as worked out by hand (company override card, IGST)', async () => {
    await activeCard(t, maker, checker, { scope: 'company', companyId: seller.companyId, courier: 'delhivery', service: 'surface', name: 'Hand-checked', terms: handTerms() });
    const res = await quote(lane({ paymentMode: 'cod', codAmountPaise: 150000, dimensionsCm: { length: 30, breadth: 20, height: 10 }, couriers: ['delhivery'] }));
    expect(res.statusCode).toBe(200);
    const o = option(res.json(), 'delhivery')!;
    // 1.2 kg dead, 30x20x10/5000 = 1.2 kg volumetric -> 1.5 kg = 3 slabs. Zone C: Rs 40 + 2 x Rs 38 = Rs 116.
    // COD: max(Rs 35, 1.5% of Rs 1500 = Rs 22.50) = Rs 35. Fuel 12% of Rs 116 = Rs 13.92. Subtotal Rs 164.92.
    // Seller in Delhi (07), Shipcrowd in Karnataka (29): IGST 18% = Rs 29.6856 -> Rs 29.69. Total Rs 194.61.
    expect(o).toMatchObject({ rateCardScope: 'company', zone: 'C', chargeableWeightGrams: 1500, volumetricWeightGrams: 1200, subtotalPaise: 16492, gstPaise: 2969, totalPaise: 19461 });
    expect(lines(o)).toEqual([
      ['freight', 4000],
      ['additional_weight', 7600],
      ['cod_fee', 3500],
      ['fuel_surcharge', 1392],
      ['igst', 2969],
    ]);
    // RTO: 100% of forward freight (116 + 13.92) + 18% GST (23.3856 -> 23.39) = Rs 153.31
    expect(o.rtoChargePaise).toBe(15331);
    expect(res.json().gst).toEqual({ treatment: 'inter_state', supplierStateCode: '29', recipientStateCode: '07', recipientSource: 'origin_pincode' });
    expect(res.json().options.every((x: Option) => x.courier === 'delhivery')).toBe(true);
  });

  it("splits GST into CGST + SGST when the seller's state is Shipcrowd's, IGST when billing says otherwise", async () => {
    const intra = await quote(lane({ originPincode: BENGALURU, paymentMode: 'cod', codAmountPaise: 150000, dimensionsCm: { length: 30, breadth: 20, height: 10 }, couriers: ['delhivery'] }));
    const o = option(intra.json(), 'delhivery')!;
    expect(o.zone).toBe('C');
    // Same subtotal Rs 164.92, GST Rs 29.69 split with the odd paisa on CGST.
    expect(lines(o)!.slice(-2)).toEqual([
      ['cgst', 1485],
      ['sgst', 1484],
    ]);
    expect(o.totalPaise).toBe(19461);
    expect(intra.json().gst).toMatchObject({ treatment: 'intra_state', recipientStateCode: '29', recipientSource: 'origin_pincode' });

    // The company registers in Maharashtra: its billing state (27) is the recipient now, even shipping from Bengaluru.
    const billing = await t.http({
      method: 'PUT',
      url: '/v1/companies/current/billing',
      token: seller.token,
      payload: { legalName: 'Quote Traders Pvt Ltd', gstin: '27AAPFU0939F1ZV', pan: 'AAPFU0939F', addressLine1: '1 Marine Drive', city: 'Mumbai', pincode: '400001', stateCode: '27' },
    });
    expect(billing.statusCode).toBe(200);
    const inter = await quote(lane({ originPincode: BENGALURU, paymentMode: 'cod', codAmountPaise: 150001, dimensionsCm: { length: 30, breadth: 20, height: 10 }, couriers: ['delhivery'] }));
    expect(lines(option(inter.json(), 'delhivery'))!.slice(-1)).toEqual([['igst', 2969]]);
    expect(inter.json().gst).toMatchObject({ treatment: 'inter_state', recipientStateCode: '27', recipientSource: 'billing' });
  });

  it('charges the larger of the fixed and percent COD fee, none when prepaid', async () => {
    const fee = async (codAmountPaise: number) => option((await quote(lane({ paymentMode: 'cod', codAmountPaise, couriers: ['delhivery'] }))).json(), 'delhivery')!.lines.find((l) => l.code === 'cod_fee')?.amountPaise;
    expect(await fee(100000)).toBe(3500); // 1.5% = Rs 15 < Rs 35
    expect(await fee(500000)).toBe(7500); // 1.5% = Rs 75 > Rs 35
    expect(option((await quote(lane({ couriers: ['delhivery'] }))).json(), 'delhivery')!.lines.some((l) => l.code === 'cod_fee')).toBe(false);
  });

  it('charges volumetric weight when it beats dead weight (per-service divisor)', async () => {
    const res = await quote(lane({ weightGrams: 500, dimensionsCm: { length: 40, breadth: 30, height: 20 } }));
    const o = option(res.json(), 'delhivery')!;
    // 24,000 cm3 / 5000 = 4.8 kg > 0.5 kg -> 5 kg = 10 slabs: Rs 40 + 9 x Rs 38
    expect(o).toMatchObject({ volumetricWeightGrams: 4800, chargeableWeightGrams: 5000 });
    expect(lines(o)!.slice(0, 2)).toEqual([
      ['freight', 4000],
      ['additional_weight', 34200],
    ]);
    // Freight services divide by 4500 (courier catalogue) and use their own slab
    const ptl = option(res.json(), 'delhivery_b2b', 'ptl')!;
    expect(ptl.volumetricWeightGrams).toBe(5334);
    expect(ptl.chargeableWeightGrams).toBe(6000);
  });

  it('picks company override > vip tier > b2b > base', async () => {
    const other = await seedCompany(t, 'Standard Co');
    const scopeOf = async (token: string, courier: string, service = 'surface', b2b = false) => option((await quote(lane({ b2b }), token)).json(), courier, service)?.rateCardScope;
    expect(await scopeOf(seller.token, 'delhivery')).toBe('company');
    expect(await scopeOf(other.token, 'delhivery')).toBe('base');

    await activeCard(t, maker, checker, { scope: 'vip', courier: 'xpressbees', service: 'surface', terms: handTerms({ zones: { ...handTerms().zones, C: { firstSlabPaise: 2500, additionalSlabPaise: 2000 } } }) });
    expect(await scopeOf(seller.token, 'xpressbees')).toBe('base');
    expect((await t.http({ method: 'PUT', url: `/v1/admin/companies/${seller.companyId}/pricing-tier`, token: maker, payload: { tier: 'vip' } })).json()).toEqual({ companyId: seller.companyId, tier: 'vip' });
    expect(await scopeOf(seller.token, 'xpressbees')).toBe('vip');
    expect(await scopeOf(other.token, 'xpressbees')).toBe('base');
    expect((await t.http({ method: 'PUT', url: `/v1/admin/companies/${seller.companyId}/pricing-tier`, token: maker, payload: { tier: 'gold' } })).statusCode).toBe(422);

    await activeCard(t, maker, checker, { scope: 'b2b', courier: 'dtdc', service: 'surface', terms: handTerms() });
    expect(await scopeOf(other.token, 'dtdc', 'surface', true)).toBe('b2b');
    expect(await scopeOf(other.token, 'dtdc', 'surface', false)).toBe('base');
    // freight services use their B2B cards even without the flag
    expect(await scopeOf(other.token, 'om_logistics', 'ptl')).toBe('b2b');

    // sellers see which card applies to them and why
    const cards = (await t.http({ method: 'GET', url: '/v1/rate-cards', token: seller.token })).json();
    expect(cards.tier).toBe('vip');
    expect(cards.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ courier: 'delhivery', service: 'surface', b2b: false, scope: 'company', reason: "company's own card" }),
      expect.objectContaining({ courier: 'xpressbees', service: 'surface', b2b: false, scope: 'vip', reason: expect.stringMatching(/VIP/) }),
      expect.objectContaining({ courier: 'dtdc', service: 'surface', b2b: true, scope: 'b2b' }),
    ]));
    const theirs = (await t.http({ method: 'GET', url: '/v1/rate-cards', token: other.token })).json();
    expect(theirs.items.find((c: { courier: string; service: string; b2b: boolean }) => c.courier === 'delhivery' && c.service === 'surface' && !c.b2b).scope).toBe('base');
  });

  it('caches answers in Redis and drops them when a card changes or coverage changes', async () => {
    const request = lane({ weightGrams: 777, couriers: ['delhivery', 'dtdc'] });
    const keys = async () => (await redis.keys(`${t.queuePrefix}:pricing:quote:*`)).length;
    const before = await keys();
    const first = await quote(request);
    expect(await keys()).toBe(before + 1);
    const second = await quote(request);
    expect(second.json()).toEqual(first.json());
    expect(await keys()).toBe(before + 1);
    const revision = Number(await redis.get(`${t.queuePrefix}:pricing:revision`));

    // A new version of the seller's card (zone C first slab Rs 40 -> Rs 45) goes live: the next quote is repriced.
    const card = (await t.http({ method: 'GET', url: `/v1/admin/rate-cards?scope=company&companyId=${seller.companyId}`, token: maker })).json().items.find((c: { courier: string }) => c.courier === 'delhivery');
    const terms = handTerms({ zones: { ...handTerms().zones, C: { firstSlabPaise: 4500, additionalSlabPaise: 3800 } } });
    expect((await t.http({ method: 'POST', url: `/v1/admin/rate-cards/${card.id}/versions`, token: maker, payload: { terms } })).statusCode).toBe(201);
    await t.http({ method: 'POST', url: `/v1/admin/rate-cards/${card.id}/versions/2/submit`, token: maker });
    expect((await t.http({ method: 'POST', url: `/v1/admin/rate-cards/${card.id}/versions/2/approve`, token: checker })).json().activeVersion).toBe(2);
    expect(Number(await redis.get(`${t.queuePrefix}:pricing:revision`))).toBeGreaterThan(revision);
    const repriced = option((await quote(request)).json(), 'delhivery')!;
    expect(repriced.lines[0]).toEqual({ code: 'freight', label: expect.any(String), amountPaise: 4500 });
    expect(repriced.totalPaise).toBeGreaterThan(option(first.json(), 'delhivery')!.totalPaise);

    // Coverage changes (the seller blocks Mumbai for Delhivery): the cached answer is not served.
    const blocked = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: [{ pincode: MUMBAI, courier: 'delhivery', reason: 'RTO too high' }] } });
    expect(blocked.statusCode).toBe(201);
    const after = (await quote(request)).json();
    expect(option(after, 'delhivery')).toBeUndefined();
    expect(after.unserviceable).toEqual(expect.arrayContaining([expect.objectContaining({ courier: 'delhivery', code: 'blocked_by_company' })]));
    expect(option(after, 'dtdc')).toBeDefined();
    await t.http({ method: 'DELETE', url: '/v1/serviceability/blocklist', token: seller.token, payload: { pincodes: [MUMBAI] } });
    expect(option((await quote(request)).json(), 'delhivery')).toBeDefined();
  });

  it('keeps an answer in the process only once it is asked for again: a stream of distinct quotes is not held', async () => {
    const request = lane({ weightGrams: 1111, couriers: ['dtdc'] });
    const stored = async () => new Set(await redis.keys(`${t.queuePrefix}:pricing:quote:*`));
    const before = await stored();
    const first = await quote(request);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const [key] = [...(await stored())].filter((k) => !before.has(k));
    expect(key).toBeDefined();

    // Priced once, not held in-process: with Redis's copy gone, the next request prices it again and stores it again.
    await redis.del(key);
    expect((await quote(request)).json()).toEqual(first.json());
    expect(await redis.exists(key)).toBe(1);

    // Asked for again: read back from Redis and now held in-process, so it is answered without Redis.
    expect((await quote(request)).json()).toEqual(first.json());
    await redis.del(key);
    expect((await quote(request)).json()).toEqual(first.json());
    expect(await redis.exists(key)).toBe(0);
  });

  it("drops cached answers when the company's custom zones change", async () => {
    const request = lane({ weightGrams: 888, couriers: ['delhivery'] });
    const first = (await quote(request)).json();
    expect(first.zone).toBe('C');
    const created = await t.http({ method: 'POST', url: '/v1/zones/custom', token: seller.token, payload: { name: 'Mumbai as regional', zone: 'B', matchScope: 'destination', pincodes: [MUMBAI] } });
    expect(created.statusCode).toBe(201);
    const rezoned = (await quote(request)).json();
    expect(rezoned.zone).toBe('B');
    expect(rezoned.zoneReason).toContain('Mumbai as regional');
    expect(option(rezoned, 'delhivery')!.totalPaise).toBeLessThan(option(first, 'delhivery')!.totalPaise);
    const removed = await t.http({ method: 'DELETE', url: `/v1/zones/custom/${created.json().id}`, token: seller.token, headers: { 'if-match': `"${created.json().version}"` } });
    expect(removed.statusCode).toBe(204);
    expect((await quote(request)).json().zone).toBe('C');
  });

  it('recommends under the company weights and explains why; courier performance feeds it', async () => {
    const prefs = await t.http({ method: 'GET', url: '/v1/rates/preferences', token: seller.token });
    expect(prefs.json()).toEqual({ cost: 0.7, speed: 0.3, performance: 0, isDefault: true });

    const cheapest = await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: seller.token, payload: { cost: 1, speed: 0, performance: 0 } });
    expect(cheapest.json()).toEqual({ cost: 1, speed: 0, performance: 0, isDefault: false });
    const byCost = (await quote(lane({ weightGrams: 900 }))).json();
    expect(byCost.recommended).toMatchObject({ courier: byCost.options[0].courier, service: byCost.options[0].service, reason: expect.stringMatching(/^(cheapest by Rs \d+\.\d\d|joint cheapest).*; score 1\.00 with weights cost 1, speed 0$/) });

    await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: seller.token, payload: { cost: 0, speed: 1, performance: 0 } });
    const bySpeed = (await quote(lane({ weightGrams: 900 }))).json();
    const fastest = Math.min(...bySpeed.options.map((o: Option) => o.expectedDeliveryDays ?? 99));
    expect(option(bySpeed, bySpeed.recommended.courier, bySpeed.recommended.service)!.expectedDeliveryDays).toBe(fastest);

    // Performance: an admin scores Maruti 1.0 and everyone else stays at the neutral 0.8
    expect((await t.http({ method: 'PUT', url: '/v1/admin/courier-performance/maruti', token: seller.token, payload: { score: 1 } })).statusCode).toBe(403);
    const set = await t.http({ method: 'PUT', url: '/v1/admin/courier-performance/maruti', token: maker, payload: { score: 1 } });
    expect(set.json()).toMatchObject({ courier: 'maruti', score: 1, measured: true });
    expect((await t.http({ method: 'PUT', url: '/v1/admin/courier-performance/nobody', token: maker, payload: { score: 1 } })).statusCode).toBe(404);
    expect((await t.http({ method: 'PUT', url: '/v1/admin/courier-performance/maruti', token: maker, payload: { score: 1.5 } })).statusCode).toBe(422);
    const list = (await t.http({ method: 'GET', url: '/v1/admin/courier-performance', token: maker })).json().items;
    expect(list).toHaveLength(11);
    expect(list.find((p: { courier: string }) => p.courier === 'dtdc')).toMatchObject({ score: 0.8, measured: false });
    await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: seller.token, payload: { cost: 0, speed: 0, performance: 1 } });
    expect((await quote(lane({ weightGrams: 900 }))).json().recommended.courier).toBe('maruti');

    const bad = await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: seller.token, payload: { cost: 0.7, speed: 0.7, performance: 0 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ code: 'pricing.invalid_weights' });
    const viewer = await addMember(t, seller, 'viewer', 'Vee Viewer');
    expect((await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: viewer.token, payload: { cost: 0.7, speed: 0.3, performance: 0 } })).statusCode).toBe(403);
    expect((await quote(lane({ weightGrams: 900 }), viewer.token)).statusCode).toBe(200);
    await t.http({ method: 'PUT', url: '/v1/rates/preferences', token: seller.token, payload: { cost: 0.7, speed: 0.3, performance: 0 } });

    const audit = await sqlRows<{ action: string }>(t, sql`select action from audit.audit_log where action in ('pricing.preferences_set', 'pricing.courier_performance_set', 'pricing.tier_set')`);
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['pricing.preferences_set', 'pricing.courier_performance_set', 'pricing.tier_set']));
  });

  it('rejects bad requests with 422 problems naming the fields; unknown pincodes are 404; needs rates.read', async () => {
    const bad = await quote({ originPincode: '11000', destinationPincode: MUMBAI, paymentMode: 'cash', weightGrams: 0, dimensionsCm: { length: -1, breadth: 10, height: 10 }, surprise: 1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['originPincode', 'paymentMode', 'weightGrams', 'dimensionsCm.length', 'surprise']));
    const noCod = await quote(lane({ paymentMode: 'cod' }));
    expect(noCod.statusCode).toBe(422);
    expect(noCod.json().errors).toEqual([expect.objectContaining({ field: 'codAmountPaise' })]);
    const unknown = await quote(lane({ destinationPincode: '999999' }));
    expect(unknown.statusCode).toBe(404);
    expect((await quote(lane(), '')).statusCode).toBe(401);
    expect((await t.http({ method: 'GET', url: '/v1/admin/rate-cards', token: seller.token })).statusCode).toBe(403);
  });

  it('serves the facade to other contexts (same answer as HTTP)', async () => {
    const facade = t.get<PricingFacade>(PRICING_FACADE);
    const viaFacade = await facade.quote({ companyId: seller.companyId, originPincode: DELHI, destinationPincode: MUMBAI, paymentMode: 'prepaid', weightGrams: 1300, couriers: ['delhivery'] });
    const viaHttp = (await quote(lane({ weightGrams: 1300, couriers: ['delhivery'] }))).json();
    expect(option(viaFacade as never, 'delhivery')!.totalPaise).toBe(option(viaHttp, 'delhivery')!.totalPaise);
  });

  it("prices inside a caller's unit of work (zone, lanes and billing state in its one transaction) as outside one", async () => {
    const facade = t.get<PricingFacade>(PRICING_FACADE);
    // Different weights: two cache misses, both computed. The billing state (27, set above) is read in the same scope.
    const ask = (weightGrams: number) => facade.quote({ companyId: seller.companyId, originPincode: BENGALURU, destinationPincode: MUMBAI, paymentMode: 'prepaid', weightGrams, couriers: ['delhivery'] });
    const inside = await t.get(UnitOfWork).run({ companyId: seller.companyId }, () => ask(1401));
    const outside = await ask(1402);
    for (const q of [inside, outside]) {
      expect(q.gst).toMatchObject({ treatment: 'inter_state', recipientStateCode: '27', recipientSource: 'billing' });
      expect(q.zone).toBe(outside.zone);
    }
    expect(option(inside as never, 'delhivery')!.totalPaise).toBe(option(outside as never, 'delhivery')!.totalPaise);
  });
});
