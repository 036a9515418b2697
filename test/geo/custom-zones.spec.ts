import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoHttpModule, GeoJobsModule, GeoModule } from '@shipcrowd/geo';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { IdentityModule } from '@shipcrowd/identity';
import { newId } from '@shipcrowd/kernel';
import { EventSubscribers, PlatformModule, queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { addMember, companylessUser, multipart, seedCompany, Seat } from '../companies/support';

const csvUpload = (text: string | Buffer) => multipart('file', 'pincodes.csv', 'text/csv', Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
const box = (lat: number, lon: number, d = 0.01) => ({ type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });

describe('geo: company custom zones', () => {
  let t: TestApp;
  let seller: Seat;
  let viewer: Seat;
  let other: Seat;
  let busy: Seat;

  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoHttpModule, GeoJobsModule], env: { RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_MAX: '100000' } });
    seller = await seedCompany(t, 'Zone Traders');
    other = await seedCompany(t, 'Other Traders');
    viewer = await addMember(t, seller, 'viewer', 'Vikram Viewer');
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, token: string, payload?: unknown, headers?: Record<string, string>) =>
    t.http({ method, url, token, payload: payload as never, headers });
  const create = (body: Record<string, unknown>, token = seller.token) => call('POST', '/v1/zones/custom', token, body);
  const zoneOf = (origin: string, destination: string, token = seller.token) => call('GET', `/v1/zones?origin=${origin}&destination=${destination}`, token);
  const upload = (id: string, text: string | Buffer, query = '', token = seller.token, headers: Record<string, string> = {}) => {
    const { payload, headers: h } = csvUpload(text);
    return t.http({ method: 'PUT', url: `/v1/zones/custom/${id}/pincodes${query}`, token, payload, headers: { ...h, ...headers } });
  };
  const audit = (action: string) =>
    t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ company_id: string; target_id: string; actor_type: string; metadata: Record<string, unknown> | null }>(tx, sql`select company_id, target_id, actor_type, metadata from audit.audit_log where action = ${action} order by seq`));
  const pincode = async (p: string) => (await call('GET', `/v1/pincodes/${p}`, seller.token)).json() as { latitude: number; longitude: number };

  describe('CRUD, permissions and versions', () => {
    let id: string;

    it('creates a zone with its first pincodes (rates.manage), with an ETag; viewers read but cannot write; strangers get 401', async () => {
      expect((await call('GET', '/v1/zones/custom', viewer.token)).json()).toEqual({ items: [] });
      expect((await create({ name: 'Nope', zone: 'A', matchScope: 'destination' }, viewer.token)).statusCode).toBe(403);
      expect((await t.http({ method: 'GET', url: '/v1/zones/custom' })).statusCode).toBe(401);

      const res = await create({ name: '  Mumbai   express ', zone: 'B', matchScope: 'destination', priority: 20, pincodes: ['400001', '400002', '400001'] });
      expect(res.statusCode).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      id = res.json().id;
      expect(res.json()).toMatchObject({ name: 'Mumbai express', zone: 'B', matchScope: 'destination', priority: 20, active: true, hasBoundary: false, boundary: null, pincodeCount: 2, version: 1 });
      const listed = (await call('GET', '/v1/zones/custom', viewer.token)).json().items;
      expect(listed).toEqual([expect.objectContaining({ id, name: 'Mumbai express', pincodeCount: 2 })]);
      expect(listed[0]).not.toHaveProperty('boundary');
      expect((await call('GET', `/v1/zones/custom/${id}`, viewer.token)).headers.etag).toBe('"1"');
    });

    it('refuses duplicate names, bad fields, bad boundaries and bad pincodes, creating nothing', async () => {
      const dup = await create({ name: 'MUMBAI EXPRESS', zone: 'A', matchScope: 'destination' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'geo.custom_zone_name_taken', errors: [{ field: 'name' }] });
      const fields = await create({ name: 'x', zone: 'F', matchScope: 'origin', priority: -1 });
      expect(fields.statusCode).toBe(422);
      expect(fields.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['matchScope', 'priority', 'zone']);
      const open = await create({ name: 'Open ring', zone: 'A', matchScope: 'destination', boundary: { type: 'Polygon', coordinates: [[[77.5, 12.9], [77.6, 12.9], [77.6, 13], [77.5, 13]]] } });
      expect(open.statusCode).toBe(422);
      expect(open.json()).toMatchObject({ code: 'geo.invalid_custom_zone', errors: [{ field: 'boundary.coordinates[0]', code: 'geo.boundary_ring_not_closed' }] });
      const pins = await create({ name: 'Bad pins', zone: 'A', matchScope: 'destination', pincodes: ['560001', '12345', '999999'] });
      expect(pins.statusCode).toBe(422);
      expect(pins.json()).toMatchObject({
        code: 'geo.invalid_pincode_list',
        errorCount: 2,
        errors: [
          { field: 'pincodes[1]', row: 2, code: 'geo.invalid_pincode' },
          { field: 'pincodes[2]', row: 3, code: 'geo.pincode_not_found' },
        ],
      });
      expect((await call('GET', '/v1/zones/custom', seller.token)).json().items).toHaveLength(1);
    });

    it('updates with If-Match or expectedVersion (409 when stale), and deletes the same way', async () => {
      const patched = await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { zone: 'C', boundary: box(18.94, 72.83) }, { 'if-match': '"1"' });
      expect(patched.statusCode).toBe(200);
      expect(patched.headers.etag).toBe('"2"');
      expect(patched.json()).toMatchObject({ zone: 'C', hasBoundary: true, version: 2, boundary: { type: 'Polygon' } });
      const stale = await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { zone: 'D' }, { 'if-match': 'W/"1"' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('concurrency.stale_version');
      expect((await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { zone: 'D', expectedVersion: 1 })).statusCode).toBe(409);
      expect((await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { zone: 'D' }, { 'if-match': 'soon' })).statusCode).toBe(422);
      expect((await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { active: null })).statusCode).toBe(422);
      const cleared = await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { boundary: null, expectedVersion: 2 });
      expect(cleared.json()).toMatchObject({ zone: 'C', hasBoundary: false, boundary: null, version: 3 });
      expect((await call('PATCH', `/v1/zones/custom/${id}`, viewer.token, { zone: 'A' })).statusCode).toBe(403);

      expect((await call('DELETE', `/v1/zones/custom/${id}?expectedVersion=2`, seller.token)).statusCode).toBe(409);
      expect((await call('DELETE', `/v1/zones/custom/${id}`, viewer.token)).statusCode).toBe(403);
      expect((await call('DELETE', `/v1/zones/custom/${id}`, seller.token, undefined, { 'if-match': '"3"' })).statusCode).toBe(204);
      expect((await call('GET', `/v1/zones/custom/${id}`, seller.token)).statusCode).toBe(404);
      expect((await call('GET', '/v1/zones/custom/not-a-uuid', seller.token)).json().code).toBe('geo.custom_zone_not_found');
      expect((await call('DELETE', `/v1/zones/custom/${id}`, seller.token)).statusCode).toBe(404);
    });

    it('audits every change in the company chain', async () => {
      const created = await audit('geo.custom_zone_created');
      expect(created).toEqual([expect.objectContaining({ company_id: seller.companyId, target_id: id, actor_type: 'user' })]);
      expect((await audit('geo.custom_zone_updated')).filter((a) => a.target_id === id)).toHaveLength(2);
      expect((await audit('geo.custom_zone_updated'))[0].metadata).toEqual({ changed: ['zone', 'boundary'] });
      expect(await audit('geo.custom_zone_deleted')).toEqual([expect.objectContaining({ target_id: id })]);
    });

    it('allows at most 50 custom zones per company', async () => {
      busy = await seedCompany(t, 'Busy Zones');
      for (let i = 0; i < 50; i++) expect((await create({ name: `Zone ${i}`, zone: 'D', matchScope: 'destination' }, busy.token)).statusCode).toBe(201);
      const over = await create({ name: 'Zone 50', zone: 'D', matchScope: 'destination' }, busy.token);
      expect(over.statusCode).toBe(409);
      expect(over.json()).toMatchObject({ code: 'geo.custom_zone_limit', limit: 50 });
      expect((await call('GET', '/v1/zones/custom', busy.token)).json().items).toHaveLength(50);
    });
  });

  describe('pincode lists: CSV upload, pages and export', () => {
    let id: string;
    const version = async () => (await call('GET', `/v1/zones/custom/${id}`, seller.token)).json().version as number;

    beforeAll(async () => {
      id = (await create({ name: 'Karnataka list', zone: 'B', matchScope: 'destination' })).json().id;
    });
    afterAll(async () => {
      expect((await call('DELETE', `/v1/zones/custom/${id}`, seller.token)).statusCode).toBe(204);
    });

    it('replaces the list from a CSV with a BOM and a header, then appends', async () => {
      const replaced = await upload(id, '\uFEFFpincode,note\r\n560001,HQ\r\n560034,\r\n\r\n560001,again\r\n');
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toEqual({ mode: 'replace', rows: 3, duplicates: 1, added: 2, removed: 0, pincodeCount: 2, version: 2 });
      const appended = await upload(id, '560002\n560034\n', '?mode=append');
      expect(appended.json()).toMatchObject({ mode: 'append', rows: 2, added: 1, removed: 0, pincodeCount: 3, version: 3 });
      const swapped = await upload(id, 'pincode\n560034\n560095\n');
      expect(swapped.json()).toMatchObject({ mode: 'replace', added: 1, removed: 2, pincodeCount: 2, version: 4 });
      const audited = (await audit('geo.custom_zone_pincodes_set')).filter((a) => a.target_id === id).map((a) => a.metadata);
      expect(audited).toEqual([
        { mode: 'replace', rows: 3, added: 2, removed: 0 },
        { mode: 'append', rows: 2, added: 1, removed: 0 },
        { mode: 'replace', rows: 2, added: 1, removed: 2 },
      ]);
    });

    it('rejects a file with bad rows with row-numbered errors and changes nothing', async () => {
      const before = await version();
      const bad = await upload(id, 'pincode\n560001\n56000A\n560034\n999999\n060001\n');
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({
        code: 'geo.invalid_pincode_list',
        errorCount: 3,
        errors: [
          { field: 'file', row: 3, code: 'geo.invalid_pincode', message: expect.stringContaining('row 3') },
          { field: 'file', row: 5, code: 'geo.pincode_not_found', message: 'row 5: 999999 is not in the pincode directory' },
          { field: 'file', row: 6, code: 'geo.invalid_pincode' },
        ],
      });
      const tooMany = await upload(id, `pincode\n${'560001\n'.repeat(50_001)}`);
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json()).toMatchObject({ code: 'geo.csv_too_many_rows', limit: 50_000 });
      expect((await upload(id, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('pincode\n560001\n', 'utf16le')]))).json().code).toBe('geo.csv_encoding');
      expect((await upload(id, 'pincode\n"560001\n')).json().code).toBe('geo.csv_malformed');
      expect((await upload(id, 'pincode\n560001\n', '?mode=merge')).statusCode).toBe(422);
      expect((await upload(id, 'pincode\n560001\n', '', seller.token, { 'if-match': '"1"' })).statusCode).toBe(409);
      expect((await upload(id, 'pincode\n560001\n', '', viewer.token)).statusCode).toBe(403);
      expect((await call('PUT', `/v1/zones/custom/${id}/pincodes`, seller.token, { pincodes: ['560001'] })).statusCode).toBe(415);
      expect(await version()).toBe(before);
      const list = (await call('GET', `/v1/zones/custom/${id}/pincodes`, seller.token)).json().items.map((p: { pincode: string }) => p.pincode);
      expect(list).toEqual(['560034', '560095']);
    });

    it('takes a large list in one upload, pages it with a cursor and streams it back as CSV', async () => {
      const all = await t.get<GeoFacade>(GEO_FACADE).allPincodes();
      const karnataka = all.filter((p) => p.gstStateCode === '29').map((p) => p.pincode);
      expect(karnataka.length).toBeGreaterThan(1000);
      const started = Date.now();
      const res = await upload(id, `pincode\n${karnataka.join('\n')}\n`);
      expect(res.json()).toMatchObject({ rows: karnataka.length, pincodeCount: karnataka.length });
      expect(Date.now() - started).toBeLessThan(10_000);

      const first = (await call('GET', `/v1/zones/custom/${id}/pincodes?limit=2`, viewer.token)).json();
      expect(first.items).toEqual([expect.objectContaining({ pincode: karnataka[0], state: 'Karnataka', district: expect.any(String), place: expect.any(String) }), expect.objectContaining({ pincode: karnataka[1] })]);
      const second = (await call('GET', `/v1/zones/custom/${id}/pincodes?limit=2&cursor=${first.nextCursor}`, viewer.token)).json();
      expect(second.items.map((p: { pincode: string }) => p.pincode)).toEqual(karnataka.slice(2, 4));
      expect((await call('GET', `/v1/zones/custom/${id}/pincodes?cursor=bogus`, viewer.token)).statusCode).toBe(422);

      const csv = await call('GET', `/v1/zones/custom/${id}/pincodes.csv`, viewer.token);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('attachment');
      expect(csv.body).toBe(`pincode\r\n${[...karnataka].sort().join('\r\n')}\r\n`);
      // The export is a valid upload: round trip.
      expect((await upload(id, csv.body)).json()).toMatchObject({ added: 0, removed: 0, pincodeCount: karnataka.length });
    });
  });

  describe('precedence over the engine', () => {
    let mumbaiId: string;
    let cityId: string;

    it('a destination zone on a pincode list overrides the engine and says so', async () => {
      expect((await zoneOf('110001', '400001')).json()).toMatchObject({ zone: 'C', customZone: null });
      mumbaiId = (await create({ name: 'Mumbai premium', zone: 'E', matchScope: 'destination', priority: 10, pincodes: ['400001'] })).json().id;
      const res = await zoneOf('110001', '400001');
      expect(res.json()).toMatchObject({
        zone: 'E',
        customZone: { id: mumbaiId, name: 'Mumbai premium', matchedBy: { origin: null, destination: 'pincode_list' } },
        reason: 'Custom zone "Mumbai premium" (priority 10) sets zone E: destination 400001 is on its pincode list',
        listsVersion: { metro: 1, special: 1 },
      });
      // Only as a destination.
      expect((await zoneOf('400001', '110001')).json()).toMatchObject({ zone: 'C', customZone: null });
    });

    it("a 'both' zone with a boundary applies only when both ends are inside it", async () => {
      const [a, b] = [await pincode('560001'), await pincode('560034')];
      const around = box((a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2, Math.max(Math.abs(a.latitude - b.latitude), Math.abs(a.longitude - b.longitude)) + 0.01);
      expect((await zoneOf('560001', '560034')).json().zone).toBe('A');
      cityId = (await create({ name: 'Central Bengaluru', zone: 'C', matchScope: 'both', boundary: around })).json().id;
      const inside = (await zoneOf('560001', '560034')).json();
      expect(inside).toMatchObject({ zone: 'C', customZone: { id: cityId, matchedBy: { origin: 'boundary', destination: 'boundary' } } });
      expect(inside.reason).toBe('Custom zone "Central Bengaluru" (priority 100) sets zone C: origin 560001 is inside its boundary and destination 560034 is inside its boundary');
      expect((await zoneOf('110001', '560034')).json()).toMatchObject({ customZone: null });
    });

    it('follows priority and the active flag; the facade applies a company only when asked', async () => {
      const first = await create({ name: 'Bengaluru first', zone: 'D', matchScope: 'destination', priority: 1, pincodes: ['560034'] });
      expect((await zoneOf('560001', '560034')).json()).toMatchObject({ zone: 'D', customZone: { name: 'Bengaluru first' } });
      await call('PATCH', `/v1/zones/custom/${first.json().id}`, seller.token, { active: false });
      expect((await zoneOf('560001', '560034')).json()).toMatchObject({ zone: 'C', customZone: { name: 'Central Bengaluru' } });

      const facade = t.get<GeoFacade>(GEO_FACADE);
      expect(await facade.zoneBetween('110001', '400001', seller.companyId)).toMatchObject({ zone: 'E', customZone: { id: mumbaiId } });
      expect(await facade.zoneBetween('110001', '400001')).toMatchObject({ zone: 'C', customZone: null });
      await expect(facade.zoneBetween('110001', '40000', seller.companyId)).rejects.toMatchObject({ code: 'geo.invalid_pincode' });
      const companyless = await companylessUser(t, seller, 'Freelancer');
      expect((await zoneOf('110001', '400001', companyless.token)).json()).toMatchObject({ zone: 'C', customZone: null });
    });

    it('another company never sees nor is affected by these zones (RLS)', async () => {
      expect((await zoneOf('110001', '400001', other.token)).json()).toMatchObject({ zone: 'C', customZone: null });
      expect((await zoneOf('560001', '560034', other.token)).json()).toMatchObject({ zone: 'A', customZone: null });
      expect((await call('GET', '/v1/zones/custom', other.token)).json()).toEqual({ items: [] });
      expect((await call('GET', `/v1/zones/custom/${mumbaiId}`, other.token)).statusCode).toBe(404);
      expect((await call('GET', `/v1/zones/custom/${mumbaiId}/pincodes`, other.token)).statusCode).toBe(404);
      expect((await call('GET', `/v1/zones/custom/${mumbaiId}/pincodes.csv`, other.token)).statusCode).toBe(404);
      expect((await call('PATCH', `/v1/zones/custom/${mumbaiId}`, other.token, { zone: 'A' })).statusCode).toBe(404);
      expect((await upload(mumbaiId, '560001\n', '', other.token)).statusCode).toBe(404);
      expect((await call('DELETE', `/v1/zones/custom/${mumbaiId}`, other.token)).statusCode).toBe(404);
      // Same name in another company is fine.
      expect((await create({ name: 'Mumbai premium', zone: 'A', matchScope: 'destination' }, other.token)).statusCode).toBe(201);

      const counts = (scope: { companyId: string } | { system: true }) =>
        t.get(UnitOfWork).run(scope, (tx) =>
          queryRows<{ zones: number; pins: number; revisions: number }>(
            tx,
            sql`select (select count(*)::int from geo.custom_zones) as zones, (select count(*)::int from geo.custom_zone_pincodes) as pins, (select count(*)::int from geo.custom_zone_revisions) as revisions`,
          ),
        );
      const [theirs] = await counts({ companyId: other.companyId });
      expect(theirs).toEqual({ zones: 1, pins: 0, revisions: 1 });
      const [all] = await counts({ system: true });
      expect(all.zones).toBeGreaterThan(50);
      const smuggled = await t
        .get(UnitOfWork)
        .run({ companyId: other.companyId }, (tx) => tx.execute(sql`insert into geo.custom_zone_pincodes (company_id, zone_id, pincode) values (${seller.companyId}, ${mumbaiId}, '560001')`))
        .catch((error: Error & { cause?: Error }) => error.cause?.message ?? error.message);
      expect(smuggled).toMatch(/row-level security/);
    });
  });

  it("erases a purged company's custom zones when companies.company_purged arrives (once)", async () => {
    const purged = { eventId: newId(), type: 'companies.company_purged', aggregateId: busy.companyId, companyId: busy.companyId, occurredAt: new Date().toISOString(), payload: {} };
    const zonesOf = (companyId: string) => t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from geo.custom_zones where company_id = ${companyId}`));
    expect(await zonesOf(busy.companyId)).toEqual([{ n: 50 }]);
    await t.get(EventSubscribers).dispatch(purged);
    expect(await zonesOf(busy.companyId)).toEqual([{ n: 0 }]);
    expect((await zonesOf(seller.companyId))[0].n).toBeGreaterThan(0);
    expect(await t.get(EventSubscribers).handleOnce(purged, 'geo.erase-custom-zones', async () => undefined)).toBe(false);
  });

  describe('cache across processes', () => {
    let second: INestApplicationContext;

    beforeAll(async () => {
      @Module({ imports: [PlatformModule.forRoot({ database: t.database, env: { QUEUE_PREFIX: t.queuePrefix } }), AuditModule, GeoModule] })
      class SecondProcess {}
      second = await NestFactory.createApplicationContext(SecondProcess, { logger: false });
      await second.init();
    });
    afterAll(() => second?.close());

    it('sees a change made through another process as soon as it commits, and trusts its cache until then', async () => {
      const remote = second.get<GeoFacade>(GEO_FACADE);
      const id = (await create({ name: 'Kolkata', zone: 'B', matchScope: 'destination', pincodes: ['700001'] })).json().id;
      expect(await remote.zoneBetween('110001', '700001', seller.companyId)).toMatchObject({ zone: 'B', customZone: { id } });

      // A write that bypasses the application (no revision bump) is not seen: the cached rules are used.
      await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update geo.custom_zones set zone = 'D' where id = ${id}`));
      expect((await remote.zoneBetween('110001', '700001', seller.companyId)).zone).toBe('B');

      // A change through the API bumps the company's revision in its transaction: the other process reloads.
      await call('PATCH', `/v1/zones/custom/${id}`, seller.token, { zone: 'E', name: 'Kolkata special' });
      expect(await remote.zoneBetween('110001', '700001', seller.companyId)).toMatchObject({ zone: 'E', customZone: { name: 'Kolkata special' } });
      await upload(id, 'pincode\n700002\n');
      expect(await remote.zoneBetween('110001', '700001', seller.companyId)).toMatchObject({ zone: 'C', customZone: null });
      expect(await remote.zoneBetween('110001', '700002', seller.companyId)).toMatchObject({ zone: 'E' });
      await call('DELETE', `/v1/zones/custom/${id}`, seller.token);
      expect(await remote.zoneBetween('110001', '700002', seller.companyId)).toMatchObject({ zone: 'C', customZone: null });
    });
  });
});
