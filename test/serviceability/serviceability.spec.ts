import { sql } from 'drizzle-orm';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { SERVICEABILITY_FACADE, ServiceabilityFacade } from '@shipcrowd/serviceability/contracts';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { addMember, platformAdminToken, seedCompany, Seat } from '../companies/support';
import { rows, serviceabilityTestApp } from './support';

const ALL_SERVICES = COURIERS.reduce((n, c) => n + c.services.length, 0);
const B2B_SERVICES = COURIERS.reduce((n, c) => n + c.services.filter((s) => s.b2b).length, 0);

describe('serviceability: answers, blocklists, transit times, report', () => {
  let t: TestApp;
  let seller: Seat;
  let other: Seat;
  let viewer: Seat;
  let admin: string;

  beforeAll(async () => {
    t = await serviceabilityTestApp();
    seller = await seedCompany(t, 'Pincode Traders');
    other = await seedCompany(t, 'Other Traders');
    viewer = await addMember(t, seller, 'viewer', 'Vikram Viewer');
    admin = await platformAdminToken(t, other);
  });
  afterAll(() => t.close());

  const check = (qs: string, token = seller.token) => t.http({ method: 'GET', url: `/v1/serviceability?${qs}`, token });

  it('has the sandbox seed in the template: every catalogue service has coverage and a full transit row', async () => {
    const lanes = await rows<{ courier: string; service: string; n: number }>(t, sql`select courier, service, count(*)::int as n from serviceability.coverage group by 1, 2`);
    expect(lanes).toHaveLength(ALL_SERVICES);
    expect(Math.min(...lanes.map((l) => l.n))).toBeGreaterThan(400);
    const [{ n }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.transit_times`);
    expect(n).toBe(ALL_SERVICES * 5);
  });

  it('metro to metro: every courier and service can carry it, with zone, transit days and limits', async () => {
    const res = await check('origin=110001&destination=400001&paymentMode=cod&weightGrams=1000&codAmountPaise=150000');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.zone).toBe('C');
    expect(body.zoneReason).toEqual(expect.any(String));
    expect(body.unserviceable).toEqual([]);
    expect(body.options).toHaveLength(ALL_SERVICES);
    expect(body.options[0]).toEqual({ courier: 'delhivery', service: 'surface', oda: false, zone: 'C', transitDays: expect.any(Number), maxWeightGrams: 30000, maxCodPaise: 10000000 });
    const b2b = await check('origin=110001&destination=400001&paymentMode=prepaid&b2b=true');
    expect(b2b.json().options).toHaveLength(B2B_SERVICES);
    const parcels = await check('origin=110001&destination=400001&paymentMode=prepaid&b2b=false');
    expect(parcels.json().options).toHaveLength(ALL_SERVICES - B2B_SERVICES);
  });

  it('explains every refusal with a stable code, consistent with the stored coverage', async () => {
    // A small town in Manipur (special region): thinner networks, no B2B.
    const [town] = await rows<{ pincode: string }>(t, sql`select pincode from geo.pincodes where gst_state_code = '14' and district not ilike '%imphal%' order by pincode limit 1`);
    const res = await check(`origin=110001&destination=${town.pincode}&paymentMode=cod`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.zone).toBe('E');
    expect(body.options.length + body.unserviceable.length).toBe(ALL_SERVICES);
    const b2b = body.unserviceable.filter((u: { courier: string }) => ['delhivery_b2b', 'om_logistics'].includes(u.courier));
    expect(b2b.map((u: { code: string }) => u.code)).toEqual(['destination_not_covered', 'destination_not_covered', 'destination_not_covered']);
    const stored = await rows<{ courier: string; service: string; cod: boolean }>(t, sql`select courier, service, cod from serviceability.coverage where pincode = ${town.pincode}`);
    for (const u of body.unserviceable) {
      const lane = stored.find((s) => s.courier === u.courier && s.service === u.service);
      expect(u.code).toBe(lane ? 'cod_unavailable' : 'destination_not_covered');
      expect(u.reason).toEqual(expect.any(String));
    }
    for (const o of body.options) expect(stored.find((s) => s.courier === o.courier && s.service === o.service)?.cod).toBe(true);
  });

  it('checks max weight and max COD per lane', async () => {
    const heavy = (await check('origin=110001&destination=400001&paymentMode=prepaid&weightGrams=35000')).json();
    expect(heavy.unserviceable.filter((u: { code: string }) => u.code === 'over_max_weight').length).toBe(ALL_SERVICES - B2B_SERVICES);
    const cod = (await check('origin=110001&destination=400001&paymentMode=cod&codAmountPaise=6000000')).json();
    expect(cod.unserviceable.map((u: { courier: string }) => u.courier).sort()).toEqual(
      cod.unserviceable.filter((u: { code: string }) => u.code === 'over_max_cod').map((u: { courier: string }) => u.courier).sort(),
    );
    expect(cod.options.map((o: { courier: string }) => o.courier)).toEqual(expect.arrayContaining(['delhivery', 'dtdc', 'delhivery_b2b', 'om_logistics']));
    expect(cod.unserviceable.length).toBeGreaterThan(5);
  });

  it('rejects bad input: malformed pincode 422, unknown pincode 404, bad payment mode 422, no token 401', async () => {
    const bad = await check('origin=11000&destination=400001&paymentMode=prepaid');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'geo.invalid_pincode', errors: [{ field: 'origin' }] });
    const unknown = await check('origin=110001&destination=999999&paymentMode=prepaid');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('geo.pincode_not_found');
    const mode = await check('origin=110001&destination=400001&paymentMode=upi');
    expect(mode.statusCode).toBe(422);
    expect(mode.json().errors.map((e: { field: string }) => e.field)).toContain('paymentMode');
    expect((await check('origin=110001&destination=400001&paymentMode=prepaid&weightGrams=-4')).statusCode).toBe(422);
    expect((await t.http({ method: 'GET', url: '/v1/serviceability?origin=110001&destination=400001&paymentMode=prepaid' })).statusCode).toBe(401);
  });

  it('blocklists: rates.manage adds and removes (audited), the viewer only reads, other companies never see them', async () => {
    const facade = t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE);
    const before = await facade.revision();
    const add = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: [{ pincode: '400001', reason: 'High RTO' }, { pincode: '560001', courier: 'delhivery' }] } });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ added: [{ pincode: '400001', courier: null, reason: 'High RTO' }, { pincode: '560001', courier: 'delhivery' }], alreadyBlocked: 0 });
    expect(await facade.revision()).toBeGreaterThan(before);
    const again = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: [{ pincode: '400001' }] } });
    expect(again.json()).toMatchObject({ added: [], alreadyBlocked: 1 });

    const blocked = (await check('origin=110001&destination=400001&paymentMode=prepaid')).json();
    expect(blocked.options).toEqual([]);
    expect(new Set(blocked.unserviceable.map((u: { code: string }) => u.code))).toEqual(new Set(['blocked_by_company']));
    const oneCourier = (await check('origin=110001&destination=560001&paymentMode=prepaid')).json();
    expect(oneCourier.unserviceable.map((u: { courier: string; code: string }) => `${u.courier}:${u.code}`)).toEqual(['delhivery:blocked_by_company', 'delhivery:blocked_by_company']);
    // Another company's answers and list are untouched (RLS).
    expect((await check('origin=110001&destination=400001&paymentMode=prepaid', other.token)).json().options).toHaveLength(ALL_SERVICES);
    expect((await t.http({ method: 'GET', url: '/v1/serviceability/blocklist', token: other.token })).json().items).toEqual([]);
    const stored = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.blocklist where company_id = ${seller.companyId}`);
    expect(stored[0].n).toBe(2);
    // Row-level security: inside another company's scope the table is empty, even without a where clause.
    const uow = t.get(UnitOfWork);
    expect(await uow.run({ companyId: other.companyId }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from serviceability.blocklist`))).toEqual([{ n: 0 }]);
    expect(await uow.run({ companyId: seller.companyId }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from serviceability.blocklist`))).toEqual([{ n: 2 }]);
    await expect(uow.run({ companyId: other.companyId }, (tx) => tx.execute(sql`insert into serviceability.blocklist (id, company_id, pincode) values (gen_random_uuid(), ${seller.companyId}, '110001')`))).rejects.toThrow();

    const list = await t.http({ method: 'GET', url: '/v1/serviceability/blocklist?limit=1', token: viewer.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: { pincode: string }) => b.pincode)).toEqual(['400001']);
    const next = await t.http({ method: 'GET', url: `/v1/serviceability/blocklist?limit=1&cursor=${list.json().nextCursor}`, token: viewer.token });
    expect(next.json()).toMatchObject({ items: [{ pincode: '560001' }], nextCursor: null });
    expect((await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: viewer.token, payload: { entries: [{ pincode: '110002' }] } })).statusCode).toBe(403);

    const invalid = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: [{ pincode: '0123' }, { pincode: '110001', courier: 'fedex' }] } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(['entries[0].pincode', 'entries[1].courier']);
    const tooMany = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: Array.from({ length: 1001 }, (_, i) => ({ pincode: String(110001 + i) })) } });
    expect(tooMany.statusCode).toBe(422);
    const bulk = await t.http({ method: 'POST', url: '/v1/serviceability/blocklist', token: seller.token, payload: { entries: Array.from({ length: 1000 }, (_, i) => ({ pincode: String(700001 + i) })) } });
    expect(bulk.json().added).toHaveLength(1000);

    const removed = await t.http({ method: 'DELETE', url: '/v1/serviceability/blocklist', token: seller.token, payload: { pincodes: ['400001', '560001'] } });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ removed: 2 });
    expect((await check('origin=110001&destination=400001&paymentMode=prepaid')).json().options).toHaveLength(ALL_SERVICES);
    const audit = await rows<{ action: string }>(t, sql`select action from audit.audit_log where company_id = ${seller.companyId} and action like 'serviceability.%' order by created_at`);
    expect(audit.map((a) => a.action)).toEqual(['serviceability.blocklist_added', 'serviceability.blocklist_added', 'serviceability.blocklist_removed']);
  });

  it('transit-time matrix: readable by sellers, editable by platform admins only (audited, revision moves)', async () => {
    const matrix = await t.http({ method: 'GET', url: '/v1/serviceability/transit-times', token: viewer.token });
    expect(matrix.statusCode).toBe(200);
    expect(matrix.json().items).toHaveLength(ALL_SERVICES);
    expect(matrix.json().items[0]).toMatchObject({ courier: 'delhivery', service: 'surface', days: { A: expect.any(Number), E: expect.any(Number) } });
    const facade = t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE);
    const before = await facade.revision();
    const put = await t.http({ method: 'PUT', url: '/v1/admin/serviceability/transit-times', token: admin, payload: { entries: [{ courier: 'delhivery', service: 'surface', zone: 'C', days: 9 }] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().items[0].days.C).toBe(9);
    expect(await facade.revision()).toBe(before + 1);
    const answer = (await check('origin=110001&destination=400001&paymentMode=prepaid')).json();
    expect(answer.options[0]).toMatchObject({ courier: 'delhivery', service: 'surface', transitDays: 9 });
    expect((await t.http({ method: 'PUT', url: '/v1/admin/serviceability/transit-times', token: seller.token, payload: { entries: [{ courier: 'delhivery', service: 'surface', zone: 'C', days: 1 }] } })).statusCode).toBe(403);
    const bad = await t.http({ method: 'PUT', url: '/v1/admin/serviceability/transit-times', token: admin, payload: { entries: [{ courier: 'delhivery', service: 'rocket', zone: 'C', days: 2 }, { courier: 'dtdc', service: 'surface', zone: 'Z', days: 99 }] } });
    expect(bad.statusCode).toBe(422);
    const audit = await rows<{ action: string; before: unknown; after: unknown }>(t, sql`select action, before, after from audit.audit_log where action = 'serviceability.transit_times_updated'`);
    expect(audit).toEqual([{ action: 'serviceability.transit_times_updated', before: [expect.objectContaining({ zone: 'C', days: expect.any(Number) })], after: [{ courier: 'delhivery', service: 'surface', zone: 'C', days: 9 }] }]);
  });

  it('coverage report: per courier shares of all directory pincodes, overall and by state, as JSON and CSV', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/admin/serviceability/coverage-report', token: admin });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const [{ n: directory }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from geo.pincodes`);
    expect(report.directoryPincodes).toBe(directory);
    expect(report.couriers).toHaveLength(COURIERS.length);
    const [expected] = await rows<{ prepaid: number; cod: number; pickup: number }>(
      t,
      sql`select count(*) filter (where p)::int as prepaid, count(*) filter (where c)::int as cod, count(*) filter (where k)::int as pickup
          from (select pincode, bool_or(prepaid) p, bool_or(cod) c, bool_or(pickup) k from serviceability.coverage where courier = 'dtdc' group by pincode) x`,
    );
    const dtdc = report.couriers.find((c: { courier: string }) => c.courier === 'dtdc');
    expect(dtdc.overall).toMatchObject({ pincodes: directory, ...expected, prepaidShare: Math.round((expected.prepaid / directory) * 10000) / 10000 });
    expect(dtdc.overall.prepaidShare).toBeGreaterThan(0.7);
    expect(dtdc.overall.codShare).toBeLessThan(dtdc.overall.prepaidShare);
    expect(dtdc.states.reduce((n: number, s: { prepaid: number }) => n + s.prepaid, 0)).toBe(expected.prepaid);
    const delhi = dtdc.states.find((s: { gstStateCode: string }) => s.gstStateCode === '07');
    expect(delhi.prepaidShare).toBe(1);
    const manipur = dtdc.states.find((s: { gstStateCode: string }) => s.gstStateCode === '14');
    expect(manipur.prepaidShare).toBeLessThan(0.8);
    expect(report.couriers.find((c: { courier: string }) => c.courier === 'om_logistics').overall.prepaidShare).toBeLessThan(0.3);

    const csv = await t.http({ method: 'GET', url: '/v1/admin/serviceability/coverage-report?format=csv', token: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('courier,name,gst_state_code,pincodes,prepaid,prepaid_share,cod,cod_share,pickup,pickup_share');
    expect(lines).toContain(`dtdc,DTDC,overall,${directory},${expected.prepaid},${dtdc.overall.prepaidShare},${expected.cod},${dtdc.overall.codShare},${expected.pickup},${dtdc.overall.pickupShare}`);
    expect((await t.http({ method: 'GET', url: '/v1/admin/serviceability/coverage-report', token: seller.token })).statusCode).toBe(403);
  });

  it('the facade: check() for pricing (zone given skips the lookup) and revision() from Redis', async () => {
    const facade = t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE);
    const answer = await facade.check({ companyId: other.companyId, originPincode: '110001', destinationPincode: '400001', paymentMode: 'prepaid', zone: 'D' });
    expect(answer).toMatchObject({ zone: 'D', zoneReason: 'Zone decided by the caller' });
    expect(answer.options.every((o) => o.zone === 'D')).toBe(true);
    await expect(facade.check({ companyId: other.companyId, originPincode: 'abc', destinationPincode: '400001', paymentMode: 'prepaid', zone: 'D' })).rejects.toMatchObject({ code: 'geo.invalid_pincode' });
    expect(typeof (await facade.revision())).toBe('number');
  });
});
