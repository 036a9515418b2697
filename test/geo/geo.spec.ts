import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { GeoHttpModule } from '@shipcrowd/geo';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { IdentityModule } from '@shipcrowd/identity';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { platformAdminToken, seedCompany, Seat } from '../companies/support';

describe('geo: pincode directory, zones, zone lists', () => {
  let t: TestApp;
  let seller: Seat;
  let adminToken: string;
  let startMs: number;

  beforeAll(async () => {
    const started = Date.now();
    t = await createTestApp({ imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoHttpModule] });
    startMs = Date.now() - started;
    seller = await seedCompany(t, 'Geo Traders');
    adminToken = await platformAdminToken(t, seller);
  });
  afterAll(() => t.close());

  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });

  it('has the directory pre-loaded (the template holds it; start-up only checks)', async () => {
    const [{ n }] = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from geo.pincodes`));
    expect(n).toBe(19238);
    expect(startMs).toBeLessThan(15000);
  });

  it('looks up pincodes with district, state and GST state code', async () => {
    const delhi = await get('/v1/pincodes/110001');
    expect(delhi.statusCode).toBe(200);
    expect(delhi.json()).toMatchObject({ pincode: '110001', place: 'New Delhi G.P.O.', district: 'Central Delhi', state: 'Delhi', gstStateCode: '07', latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(delhi.json().places).toContain('Connaught Place');
    expect((await get('/v1/pincodes/400001')).json()).toMatchObject({ district: 'Mumbai', state: 'Maharashtra', gstStateCode: '27' });
    expect((await get('/v1/pincodes/560001')).json()).toMatchObject({ district: 'Bengaluru', state: 'Karnataka', gstStateCode: '29' });
  });

  it('rejects malformed pincodes (422) and reports unknown ones (404); needs a signed-in caller', async () => {
    for (const bad of ['11000', '011001', '11000a', '1100011']) {
      const res = await get(`/v1/pincodes/${bad}`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'geo.invalid_pincode', errors: [{ field: 'pincode', code: 'geo.invalid_pincode' }] });
    }
    const unknown = await get('/v1/pincodes/999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('geo.pincode_not_found');
    expect((await t.http({ method: 'GET', url: '/v1/pincodes/110001' })).statusCode).toBe(401);
  });

  it('searches fuzzily by place: "Bangalor" finds Bengaluru pincodes', async () => {
    const res = await get('/v1/pincodes?q=Bangalor&limit=5');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { pincode: string; district: string; score: number }[];
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.pincode.startsWith('56'))).toBe(true);
    expect(items.some((i) => i.district === 'Bengaluru')).toBe(true);
    expect(items[0].score).toBeGreaterThanOrEqual(items[4].score);
    expect((await get('/v1/pincodes?q=B')).statusCode).toBe(422);
    expect((await get('/v1/pincodes?q=Delhi&limit=21')).statusCode).toBe(422);
    expect((await get('/v1/pincodes?q=Delhi')).json().items.length).toBeLessThanOrEqual(10);
  });

  it.each([
    ['110001', '110002', 'A'],
    ['400001', '411001', 'B'],
    ['110001', '400001', 'C'],
    ['110001', '781001', 'E'],
    ['302001', '600001', 'D'],
  ])('zone %s → %s is %s', async (origin, destination, zone) => {
    const res = await get(`/v1/zones?origin=${origin}&destination=${destination}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ zone, reason: expect.any(String), origin: { pincode: origin }, destination: { pincode: destination }, listsVersion: { metro: 1, special: 1 } });
  });

  it('explains zones and rejects bad or unknown pincodes', async () => {
    expect((await get('/v1/zones?origin=400001&destination=411001')).json().reason).toMatch(/Same state.*precedence over metro/);
    const bad = await get('/v1/zones?origin=400001&destination=41100');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('destination');
    expect((await get('/v1/zones?origin=999999&destination=400001')).statusCode).toBe(404);
    expect((await get('/v1/zones?origin=400001')).statusCode).toBe(422);
  });

  it('serves the facade to other contexts', async () => {
    const facade = t.get<GeoFacade>(GEO_FACADE);
    expect(await facade.pincode('0123')).toBeNull();
    expect(await facade.pincode('999999')).toBeNull();
    expect((await facade.pincode('560001'))?.gstStateCode).toBe('29');
    expect((await facade.zoneBetween('110001', '400001')).zone).toBe('C');
  });

  it('versions the zone lists: admins publish (audited), the new version applies, others get 403', async () => {
    expect((await get('/v1/admin/zone-lists')).statusCode).toBe(403);
    expect((await t.http({ method: 'POST', url: '/v1/admin/zone-lists', token: seller.token, payload: { kind: 'special', entries: ['08'] } })).statusCode).toBe(403);

    const initial = await get('/v1/admin/zone-lists', adminToken);
    expect(initial.statusCode).toBe(200);
    expect(initial.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'metro', version: 1, active: true }), expect.objectContaining({ kind: 'special', version: 1, active: true })]));

    const badCode = await t.http({ method: 'POST', url: '/v1/admin/zone-lists', token: adminToken, payload: { kind: 'special', entries: ['18', '99'] } });
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().errors[0]).toMatchObject({ field: 'entries[1]', code: 'geo.unknown_state_code' });
    expect((await t.http({ method: 'POST', url: '/v1/admin/zone-lists', token: adminToken, payload: { kind: 'metro', entries: ['Jaipur'] } })).statusCode).toBe(422);

    // Rajasthan becomes special: Jaipur → Chennai turns from D to E.
    const published = await t.http({ method: 'POST', url: '/v1/admin/zone-lists', token: adminToken, payload: { kind: 'special', entries: ['18', '08', '08'] } });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ kind: 'special', version: 2, active: true, entries: ['18', '08'] });
    const zone = (await get('/v1/zones?origin=302001&destination=600001')).json();
    expect(zone).toMatchObject({ zone: 'E', listsVersion: { metro: 1, special: 2 } });

    const after = (await get('/v1/admin/zone-lists', adminToken)).json().items as { kind: string; version: number; active: boolean }[];
    expect(after.filter((l) => l.kind === 'special').map((l) => [l.version, l.active])).toEqual([[2, true], [1, false]]);

    const audit = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ action: string; actor_type: string; after: { version: number } }>(tx, sql`select action, actor_type, after from audit.audit_log where action = 'geo.zone_list_published'`));
    expect(audit).toEqual([expect.objectContaining({ actor_type: 'platform_admin', after: expect.objectContaining({ version: 2 }) })]);
  });
});
