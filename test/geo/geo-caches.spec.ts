import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoHttpModule, GeoModule } from '@shipcrowd/geo';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { IdentityModule } from '@shipcrowd/identity';
import { PlatformModule, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { platformAdminToken, seedCompany, Seat } from '../companies/support';

/**
 * The zone hot path keeps the pincode directory and the active zone lists in memory. These tests pin down what the
 * caches may and may not do, with a second application context on the same database standing in for another
 * process (the worker, another API replica).
 */
describe('geo: in-process caches of the zone hot path', () => {
  let t: TestApp;
  let seller: Seat;
  let adminToken: string;
  let second: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoHttpModule] });
    seller = await seedCompany(t, 'Cache Traders');
    adminToken = await platformAdminToken(t, seller);
    @Module({ imports: [PlatformModule.forRoot({ database: t.database, env: { QUEUE_PREFIX: t.queuePrefix } }), AuditModule, GeoModule] })
    class SecondProcess {}
    second = await NestFactory.createApplicationContext(SecondProcess, { logger: false });
    await second.init();
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const publish = (kind: 'metro' | 'special', entries: unknown) => t.http({ method: 'POST', url: '/v1/admin/zone-lists', token: adminToken, payload: { kind, entries } as never });

  it('answers directory lookups from memory once loaded; pincodes it lacks are still looked up in SQL', async () => {
    const facade = t.get<GeoFacade>(GEO_FACADE);
    expect(await facade.pincode('110001')).toMatchObject({ district: 'Central Delhi', gstStateCode: '07' });

    // The directory is immutable reference data: a change behind the application's back is not seen (memory answers).
    await t.database.ownerExec(`update geo.pincodes set district = 'Changed' where pincode = '110001'`);
    expect((await facade.pincode('110001'))?.district).toBe('Central Delhi');
    expect((await facade.zoneBetween('110001', '110002')).origin.district).toBe('Central Delhi');

    // Unknown pincodes are not remembered as unknown: a row that appears later is found.
    expect(await facade.pincode('999998')).toBeNull();
    await t.database.ownerExec(
      `insert into geo.pincodes (pincode, place, places, place_count, district, state, gst_state_code, latitude, longitude, search_text)
       values ('999998', 'Test Post', '{Test Post}', 1, 'Test District', 'Delhi', '07', null, null, 'test post test district delhi')`,
    );
    expect(await facade.pincode('999998')).toMatchObject({ pincode: '999998', district: 'Test District' });
    await t.database.ownerExec(`update geo.pincodes set district = 'Central Delhi' where pincode = '110001'`);
  });

  it('hands out copies: a caller that mutates a pincode does not change what the next caller sees', async () => {
    const facade = t.get<GeoFacade>(GEO_FACADE);
    const first = (await facade.pincode('560001'))!;
    first.district = 'Mutated';
    first.places.push('Nowhere');
    const again = (await facade.pincode('560001'))!;
    expect(again.district).toBe('Bengaluru');
    expect(again.places).not.toContain('Nowhere');
  });

  it('sees a zone list published through another process at its commit, and trusts its cached lists until then', async () => {
    const remote = second.get<GeoFacade>(GEO_FACADE);
    const jaipurToChennai = () => remote.zoneBetween('302001', '600001');
    expect(await jaipurToChennai()).toMatchObject({ zone: 'D', listsVersion: { special: 1 } });

    // Rajasthan (08) becomes special in process one: process two decides E on its very next call.
    expect((await publish('special', ['18', '08'])).statusCode).toBe(201);
    expect(await jaipurToChennai()).toMatchObject({ zone: 'E', listsVersion: { metro: 1, special: 2 } });
    expect(await remote.zoneBetween('302001', '600001', seller.companyId)).toMatchObject({ zone: 'E', listsVersion: { special: 2 } });

    // A write that bypasses the application (same active row, no new version) is not seen: the cached lists are used.
    await t.database.ownerExec(`update geo.zone_lists set entries = '["18"]' where kind = 'special' and active`);
    expect((await jaipurToChennai()).zone).toBe('E');

    // The next published version (a new active row) reloads, in every process.
    expect((await publish('special', ['18'])).statusCode).toBe(201);
    expect(await jaipurToChennai()).toMatchObject({ zone: 'D', listsVersion: { special: 3 } });
    expect(await t.get<GeoFacade>(GEO_FACADE).zoneBetween('302001', '600001', seller.companyId)).toMatchObject({ zone: 'D', listsVersion: { special: 3 } });

    // Metro lists too: Jaipur joins the metros, so Jaipur -> Chennai is metro to metro (C).
    const metros = (await t.http({ method: 'GET', url: '/v1/admin/zone-lists', token: adminToken })).json().items.find((l: { kind: string; active: boolean }) => l.kind === 'metro' && l.active).entries;
    expect((await publish('metro', [...metros, { city: 'Jaipur', districts: ['Jaipur'] }])).statusCode).toBe(201);
    expect(await jaipurToChennai()).toMatchObject({ zone: 'C', listsVersion: { metro: 2, special: 3 } });
  });

  it('decides inside a caller’s unit of work (joins it) as outside one', async () => {
    const facade = t.get<GeoFacade>(GEO_FACADE);
    const inside = await t.get(UnitOfWork).run({ companyId: seller.companyId }, () => facade.zoneBetween('110001', '400001', seller.companyId));
    const outside = await facade.zoneBetween('110001', '400001', seller.companyId);
    expect(inside).toEqual(outside);
    expect(inside).toMatchObject({ zone: 'C', customZone: null });
    await expect(t.get(UnitOfWork).run({ system: true }, () => facade.zoneBetween('110001', '999999'))).rejects.toMatchObject({ code: 'geo.pincode_not_found' });
  });
});
