import { sql } from 'drizzle-orm';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { ScheduleRegistry, SchedulesModule, UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { CourierSimulatorHost, loadSandboxCoverage, sandboxServicesOf } from '@shipcrowd/serviceability';
import { SERVICEABILITY_FACADE, ServiceabilityFacade } from '@shipcrowd/serviceability/contracts';
import { platformAdminToken, seedCompany, Seat } from '../companies/support';
import { fingerprint, rows, serviceabilityTestApp } from './support';

describe('serviceability: delta sync from Delhivery (in-process simulator, sandbox mode)', () => {
  let t: TestApp;
  let seller: Seat;
  let admin: string;
  let host: CourierSimulatorHost;

  beforeAll(async () => {
    t = await serviceabilityTestApp({ SERVICEABILITY_SYNC_CRON: '15 3 * * *' });
    seller = await seedCompany(t, 'Sync Traders');
    admin = await platformAdminToken(t, seller);
    host = t.get(CourierSimulatorHost);
  });
  afterAll(() => t.close());

  const sync = (courier = 'delhivery', token = admin) => t.http({ method: 'POST', url: '/v1/admin/serviceability/syncs', token, payload: { courier } });
  const lanes = () => rows<{ pincode: string; cod: boolean; pickup: boolean; source: string }>(t, sql`select pincode, cod, pickup, source from serviceability.coverage where courier = 'delhivery' and service = 'surface' order by pincode`);

  it('runs the simulator in-process with the same network the sandbox seed stored: a first sync changes nothing', async () => {
    expect(host.inProcess).toBe(true);
    const stored = await lanes();
    expect(host.delhivery!.size).toBeGreaterThan(stored.length);
    const res = await sync();
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ courier: 'delhivery', trigger: 'manual', status: 'completed', fetched: stored.length, added: 0, updated: 0, removed: 0, error: null });
  });

  it('applies only what changed: added, updated and removed lanes; event, revision and run recorded', async () => {
    const stored = await lanes();
    const servedPins = new Set(stored.map((l) => l.pincode));
    const sim = host.delhivery!;
    const unserved = sim.pincodes().find((p) => !servedPins.has(String(p.pin)))!;
    const [toChange, toDrop, toSwitchOff] = [stored[10], stored[20], stored[30]];
    sim.upsertPincode({ ...unserved, pre_paid: 'Y', cod: 'Y', cash: 'Y', pickup: 'N', repl: 'N', is_oda: 'Y', max_weight: 20, max_amount: 25000 });
    sim.upsertPincode({ ...sim.pincode(toChange.pincode)!, cod: toChange.cod ? 'N' : 'Y' });
    sim.removePincode(toDrop.pincode);
    sim.upsertPincode({ ...sim.pincode(toSwitchOff.pincode)!, pre_paid: 'N', cod: 'N', cash: 'N', pickup: 'N', repl: 'N' });
    const revision = await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision();

    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'completed', fetched: stored.length - 1, added: 1, updated: 1, removed: 2 });
    const after = await lanes();
    expect(after).toHaveLength(stored.length - 1);
    const pins = new Set(after.map((l) => l.pincode));
    expect(pins.has(String(unserved.pin))).toBe(true);
    expect(pins.has(toDrop.pincode) || pins.has(toSwitchOff.pincode)).toBe(false);
    expect(after.find((l) => l.pincode === toChange.pincode)).toMatchObject({ cod: !toChange.cod, source: 'sync' });
    const [added] = await rows<Record<string, unknown>>(t, sql`select prepaid, cod, pickup, reverse, oda, max_weight_grams, max_cod_paise::int, source from serviceability.coverage where courier = 'delhivery' and service = 'surface' and pincode = ${String(unserved.pin)}`);
    expect(added).toEqual({ prepaid: true, cod: true, pickup: false, reverse: false, oda: true, max_weight_grams: 20000, max_cod_paise: 2500000, source: 'sync' });
    // Only the surface service follows the B2C list; express keeps its own (uploaded/seeded) lanes.
    expect(await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision()).toBe(revision + 1);
    const events = await rows<{ payload: Record<string, unknown> }>(t, sql`select payload from platform.outbox where type = 'serviceability.coverage_changed' and aggregate_id = ${res.json().id}`);
    expect(events).toEqual([{ payload: expect.objectContaining({ source: 'sync', courier: 'delhivery', added: 1, updated: 1, removed: 2 }) }]);

    const again = await sync();
    expect(again.json()).toMatchObject({ status: 'completed', added: 0, updated: 0, removed: 0 });
    expect(await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision()).toBe(revision + 1);
  });

  it('retries a failing Delhivery (5xx, dropped connection) with back-off', async () => {
    const before = host.server!.requestsTo('delhivery').length;
    host.server!.failNext(1, { status: 503 });
    host.server!.failNext(1, { drop: true });
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'completed', added: 0, updated: 0, removed: 0 });
    expect(host.server!.requestsTo('delhivery').length - before).toBe(3);
  });

  it('a refused token (401) or an API down after retries records a failed run and changes nothing', async () => {
    const stored = await lanes();
    const revision = await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision();
    host.delhivery!.rotateToken('rotated-by-delhivery');
    host.delhivery!.removePincode(stored[0].pincode);
    const before = host.server!.requestsTo('delhivery').length;
    const refused = await sync();
    expect(refused.statusCode).toBe(201);
    expect(refused.json()).toMatchObject({ status: 'failed', error: expect.stringMatching(/refused the API token \(HTTP 401\).*Invalid token/), added: 0, removed: 0 });
    expect(host.server!.requestsTo('delhivery').length - before).toBe(1);
    host.delhivery!.rotateToken('sandbox-delhivery-token');

    host.server!.failNext(4, { status: 502 });
    const down = await sync();
    expect(down.json()).toMatchObject({ status: 'failed', error: expect.stringMatching(/after 4 attempts: HTTP 502/) });
    expect(await lanes()).toEqual(stored);
    expect(await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision()).toBe(revision);
  }, 30_000);

  it('lists runs newest first with paging; refuses couriers without a list, unknown couriers and non-admins', async () => {
    const page = await t.http({ method: 'GET', url: '/v1/admin/serviceability/syncs?limit=2', token: admin });
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((r: { status: string }) => r.status)).toEqual(['failed', 'failed']);
    const rest = await t.http({ method: 'GET', url: `/v1/admin/serviceability/syncs?limit=50&cursor=${page.json().nextCursor}`, token: admin });
    expect(rest.json().items.map((r: { status: string }) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(rest.json().nextCursor).toBeNull();
    const dtdc = await sync('dtdc');
    expect(dtdc.statusCode).toBe(422);
    expect(dtdc.json()).toMatchObject({ code: 'serviceability.sync_unsupported', syncable: ['delhivery'] });
    expect((await sync('fedex')).json().code).toBe('serviceability.unknown_courier');
    expect((await sync('delhivery', seller.token)).statusCode).toBe(403);
    expect((await t.http({ method: 'GET', url: '/v1/admin/serviceability/syncs', token: seller.token })).statusCode).toBe(403);
  });
});

describe('serviceability: the nightly sync schedule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await serviceabilityTestApp({ SERVICEABILITY_SYNC_CRON: '0 45 1 * * *' }, [SchedulesModule]);
  });
  afterAll(() => t.close());

  it('is registered with SERVICEABILITY_SYNC_CRON and syncs every courier that publishes a list', async () => {
    const registry = t.get(ScheduleRegistry);
    const definition = registry.get('serviceability.sync-courier-coverage');
    expect(definition?.cron).toBe('0 45 1 * * *');
    expect(await definition!.handler(new Date())).toEqual([{ courier: 'delhivery', status: 'completed', added: 0, updated: 0, removed: 0 }]);
    const runs = await rows<{ trigger: string }>(t, sql`select trigger from serviceability.sync_runs`);
    expect(runs).toEqual([{ trigger: 'schedule' }]);
  });

  it('the start-up seed fills an empty install deterministically, and only once', async () => {
    const before = await fingerprint(t);
    const uow = t.get(UnitOfWork);
    await uow.run({ system: true }, async (tx) => {
      await tx.execute(sql`delete from serviceability.coverage`);
      await tx.execute(sql`delete from serviceability.transit_times`);
    });
    const pincodes = await t.get<GeoFacade>(GEO_FACADE).allPincodes();
    const seeded = await uow.run({ system: true }, (tx) => loadSandboxCoverage(tx, { services: sandboxServicesOf(COURIERS), pincodes }));
    expect(seeded).toEqual({ lanesInserted: before.n, transitTimesInserted: 100 });
    expect(await fingerprint(t)).toEqual(before);
    expect(await uow.run({ system: true }, (tx) => loadSandboxCoverage(tx, { services: sandboxServicesOf(COURIERS), pincodes }))).toEqual({ lanesInserted: 0, transitTimesInserted: 0 });
  });
});
