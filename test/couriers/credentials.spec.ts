import { randomUUID, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { CouriersHttpModule, CouriersModule } from '@shipcrowd/couriers';
import { IdentityModule } from '@shipcrowd/identity';
import { buildOpenApiDocument, queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { addMember, platformAdminToken, seedCompany, Seat } from '../companies/support';
import { SANDBOX_KEY, TestCourierAdapter } from './support';

const TOKEN = 'acme-live-token-8f2a91c3d4';
const SECRET = 'acme-webhook-secret-77aa';

describe('courier credentials API', () => {
  let t: TestApp;
  let seller: Seat;
  let other: Seat;
  let admin: string;
  const dir = `.data/test/files-${randomUUID()}`;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, CouriersModule.withAdapters([new TestCourierAdapter('maruti'), new TestCourierAdapter('nimbuspost')]), CouriersHttpModule],
      env: { STORAGE_LOCAL_DIR: dir, RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_MAX: '100000', COURIER_MODE: 'sandbox', ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` },
    });
    seller = await seedCompany(t, 'Courier Traders');
    other = await seedCompany(t, 'Other Traders');
    admin = await platformAdminToken(t, other);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (url: string, credentials: unknown, token = seller.token) => t.http({ method: 'PUT', url, token, payload: { credentials } });
  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });
  const rawRows = () =>
    t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ id: string; company_id: string | null; courier: string; sealed: string; key_id: string }>(tx, sql`select id, company_id, courier, sealed, key_id from couriers.courier_credentials order by created_at`),
    );

  it('lists the catalogue to any signed-in user, with capabilities and credential field names but no secrets', async () => {
    const res = await get('/v1/couriers');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; integrated: boolean; capabilities: unknown; credentialFields: string[]; services: unknown[] }[];
    expect(items).toHaveLength(11);
    expect(items.find((c) => c.code === 'maruti')).toMatchObject({ integrated: true, credentialFields: ['apiKey', 'webhookSecret'], capabilities: { cod: true, limits: { maxPieces: 5 } } });
    expect(items.find((c) => c.code === 'dtdc')).toMatchObject({ integrated: false, capabilities: null, credentialFields: [] });
    expect(items.find((c) => c.code === 'om_logistics')?.services).toHaveLength(2);
    expect(res.body).not.toContain(SANDBOX_KEY);
    expect((await t.http({ method: 'GET', url: '/v1/couriers' })).statusCode).toBe(401);
  });

  it('stores a seller’s own credentials sealed, and never returns them', async () => {
    const res = await put('/v1/courier-credentials/maruti', { apiKey: ` ${TOKEN} `, webhookSecret: SECRET });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      courier: 'maruti',
      owner: 'company',
      configured: true,
      fields: [
        { name: 'apiKey', set: true, lastFour: TOKEN.slice(-4) },
        { name: 'webhookSecret', set: true, lastFour: SECRET.slice(-4) },
      ],
      updatedAt: expect.any(String),
      updatedBy: seller.user.id,
      accountId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      webhookPath: expect.stringMatching(/^\/v1\/courier-webhooks\/maruti\/accounts\/[0-9a-f-]{36}$/),
      webhookUrl: expect.stringMatching(/^http:\/\/localhost:3000\/v1\/courier-webhooks\/maruti\/accounts\//),
    });
    // The seller pastes this address into the courier's panel: it names the stored account.
    const [stored] = await rawRows();
    expect(res.json().webhookPath).toBe(`/v1/courier-webhooks/maruti/accounts/${stored.id}`);
    expect(res.json().webhookUrl).toBe(`http://localhost:3000${res.json().webhookPath}`);
    expect(res.body).not.toContain(TOKEN);
    const read = await get('/v1/courier-credentials/maruti');
    expect(read.json()).toEqual(res.json());
    expect(read.body).not.toContain(TOKEN);
    expect(read.body).not.toContain(SECRET);

    const [row] = await rawRows();
    expect(row).toMatchObject({ company_id: seller.companyId, courier: 'maruti', key_id: 'k1' });
    expect(row.sealed).toMatch(/^v1\.k1\./);
    expect(row.sealed).not.toContain(TOKEN);
    expect(Buffer.from(row.sealed.split('.')[3], 'base64url').toString('latin1')).not.toContain(TOKEN);
  });

  it('validates the fields against what the courier issues', async () => {
    const bad = await put('/v1/courier-credentials/maruti', { apiKey: TOKEN, password: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('validation.failed');
    expect(bad.json().errors).toEqual([
      { field: 'credentials.password', code: 'unknown_field', message: expect.stringContaining('apiKey, webhookSecret') },
      { field: 'credentials.webhookSecret', code: 'required', message: 'is required' },
    ]);
    const blank = await put('/v1/courier-credentials/maruti', { apiKey: '  ', webhookSecret: 42 });
    expect(blank.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['credentials.apiKey:invalid', 'credentials.webhookSecret:invalid']);
    expect((await put('/v1/courier-credentials/maruti', 'token')).statusCode).toBe(422);
    const unknown = await put('/v1/courier-credentials/dtdc', { apiKey: TOKEN });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'courier.unknown']);
    expect((await get('/v1/courier-credentials/acme')).json().code).toBe('courier.unknown');
    // Nothing changed: the first credentials are still the stored ones.
    expect((await get('/v1/courier-credentials/maruti')).json().fields[0].lastFour).toBe(TOKEN.slice(-4));
  });

  it("keeps companies apart: B sees none of A's credentials, neither over HTTP nor in the database", async () => {
    expect((await get('/v1/courier-credentials/maruti', other.token)).json()).toMatchObject({
      configured: false,
      fields: [{ name: 'apiKey', set: false, lastFour: null }, { name: 'webhookSecret', set: false, lastFour: null }],
      updatedAt: null,
      accountId: null,
      webhookPath: null,
    });
    const asB = await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => queryRows<{ id: string }>(tx, sql`select id from couriers.courier_credentials where company_id = ${seller.companyId}`));
    expect(asB).toEqual([]);
    const asA = await t.get(UnitOfWork).run({ companyId: seller.companyId }, (tx) => queryRows<{ id: string }>(tx, sql`select id from couriers.courier_credentials`));
    expect(asA).toHaveLength(1);
    // B cannot write A's row either (row-level security, whatever the application does).
    const update = await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => queryRows<{ id: string }>(tx, sql`update couriers.courier_credentials set key_id = 'x' where company_id = ${seller.companyId} returning id`));
    expect(update).toEqual([]);
  });

  it('needs couriers.manage: owners and admins have it, managers do not', async () => {
    const manager = await addMember(t, seller, 'manager');
    const res = await get('/v1/courier-credentials/maruti', manager.token);
    expect([res.statusCode, res.json().code]).toEqual([403, 'auth.permission_denied']);
    const teamAdmin = await addMember(t, seller, 'admin');
    expect((await get('/v1/courier-credentials/maruti', teamAdmin.token)).statusCode).toBe(200);
  });

  it("lets platform admins (only) manage the platform's credentials, which every tenant may fall back to", async () => {
    expect((await put('/v1/admin/courier-credentials/nimbuspost', { apiKey: TOKEN, webhookSecret: SECRET })).statusCode).toBe(403);
    const res = await put('/v1/admin/courier-credentials/nimbuspost', { apiKey: 'platform-nimbus-key-0001', webhookSecret: 'short' }, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ courier: 'nimbuspost', owner: 'platform', configured: true, fields: [{ name: 'apiKey', set: true, lastFour: '0001' }, { name: 'webhookSecret', set: true, lastFour: null }] });
    // The platform's credentials have no account id: couriers push to the per-courier address.
    expect(res.json()).toMatchObject({ accountId: null, webhookPath: '/v1/courier-webhooks/nimbuspost' });
    expect((await get('/v1/admin/courier-credentials/nimbuspost', admin)).json().configured).toBe(true);
    expect((await get('/v1/courier-credentials/nimbuspost')).json().configured).toBe(false); // the seller's own: none

    const platformRow = (await rawRows()).find((r) => r.company_id === null)!;
    const seenByTenant = await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => queryRows<{ courier: string }>(tx, sql`select courier from couriers.courier_credentials`));
    expect(seenByTenant).toEqual([{ courier: platformRow.courier }]);
    const tenantDelete = await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => queryRows<{ id: string }>(tx, sql`delete from couriers.courier_credentials where company_id is null returning id`));
    expect(tenantDelete).toEqual([]);

    const health = await get('/v1/admin/couriers/health', admin);
    expect(health.statusCode).toBe(200);
    const byCourier = Object.fromEntries((health.json().items as { courier: string; credentials: string }[]).map((h) => [h.courier, h.credentials]));
    expect(byCourier).toMatchObject({ nimbuspost: 'platform', maruti: 'sandbox', dtdc: 'missing' });
    expect((await get('/v1/admin/couriers/health')).statusCode).toBe(403);

    expect((await t.http({ method: 'DELETE', url: '/v1/admin/courier-credentials/nimbuspost', token: admin })).statusCode).toBe(204);
    expect((await get('/v1/admin/courier-credentials/nimbuspost', admin)).json().configured).toBe(false);
  });

  it('removes a seller’s credentials and audits every change without a secret in the trail', async () => {
    expect((await put('/v1/courier-credentials/maruti', { apiKey: `${TOKEN}-2`, webhookSecret: SECRET })).statusCode).toBe(200);
    expect((await t.http({ method: 'DELETE', url: '/v1/courier-credentials/maruti', token: seller.token })).statusCode).toBe(204);
    expect((await t.http({ method: 'DELETE', url: '/v1/courier-credentials/maruti', token: seller.token })).statusCode).toBe(204);
    expect((await get('/v1/courier-credentials/maruti')).json().configured).toBe(false);

    const entries = await t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ company_id: string | null; action: string; actor_type: string; target_id: string; before: unknown; after: unknown }>(
        tx,
        sql`select company_id, action, actor_type, target_id, before, after from audit.audit_log where target_type = 'courier_credentials' order by id`,
      ),
    );
    expect(entries.map((e) => [e.company_id, e.action, e.actor_type, e.target_id])).toEqual([
      [seller.companyId, 'couriers.credentials_set', 'user', 'maruti'],
      [null, 'couriers.credentials_set', 'platform_admin', 'nimbuspost'],
      [null, 'couriers.credentials_removed', 'platform_admin', 'nimbuspost'],
      [seller.companyId, 'couriers.credentials_replaced', 'user', 'maruti'],
      [seller.companyId, 'couriers.credentials_removed', 'user', 'maruti'],
    ]);
    expect(entries[0].after).toEqual({ fields: ['apiKey', 'webhookSecret'], keyId: 'k1' });
    const trail = JSON.stringify(entries);
    for (const secret of [TOKEN, SECRET, 'platform-nimbus-key-0001']) expect(trail).not.toContain(secret);
  });

  it('documents the routes: one operation id each, the couriers tag, problems for errors', () => {
    const document = buildOpenApiDocument(t.app);
    const operations = Object.entries(document.paths)
      .filter(([path]) => /couriers|courier-credentials/.test(path))
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, ...(op as { operationId: string; tags: string[]; responses: Record<string, unknown> }) })));
    expect(operations.map((o) => [o.route, o.operationId])).toEqual([
      ['GET /v1/couriers', 'couriers_list'],
      ['GET /v1/admin/couriers/health', 'adminCouriers_health'],
      ['GET /v1/courier-credentials/{courier}', 'courierCredentials_get'],
      ['PUT /v1/courier-credentials/{courier}', 'courierCredentials_set'],
      ['DELETE /v1/courier-credentials/{courier}', 'courierCredentials_remove'],
      ['GET /v1/admin/courier-credentials/{courier}', 'adminCourierCredentials_get'],
      ['PUT /v1/admin/courier-credentials/{courier}', 'adminCourierCredentials_set'],
      ['DELETE /v1/admin/courier-credentials/{courier}', 'adminCourierCredentials_remove'],
      ['POST /v1/couriers/{courier}/serviceability-checks', 'courierQuotes_serviceability'],
      ['POST /v1/couriers/{courier}/rate-quotes', 'courierQuotes_rates'],
    ]);
    for (const op of operations) expect({ route: op.route, couriersTag: op.tags.includes('couriers'), problems401: '401' in op.responses }).toEqual({ route: op.route, couriersTag: true, problems401: true });
    expect(Object.keys(operations.find((o) => o.route.startsWith('PUT /v1/courier'))!.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '422']));
  });
});
