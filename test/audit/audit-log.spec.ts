import { sql } from 'drizzle-orm';
import { AuditHttpModule } from '@shipcrowd/audit';
import { AUDIT_TRAIL, AuditEntryInput, AuditTrail } from '@shipcrowd/audit/contracts';
import { newId } from '@shipcrowd/kernel';
import { queryRows, requestContext, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { verifyAuditChains } from '../../apps/api/audit-verify';
import { accessToken } from './helpers';

describe('audit log', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  let audit: AuditTrail;
  const companyA = newId();
  const companyB = newId();
  const alice = newId();
  const bob = newId();
  let aliceToken: string;
  let adminToken: string;

  const record = (entry: Partial<AuditEntryInput> & { action: string; companyId: string | null }, scope = { companyId: entry.companyId, userId: entry.actorUserId ?? null }) =>
    uow.run(scope, () => audit.record({ actorUserId: null, ...entry }));

  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditHttpModule] });
    uow = t.get(UnitOfWork);
    audit = t.get<AuditTrail>(AUDIT_TRAIL);
    aliceToken = accessToken(t, { sub: alice, cid: companyA, role: 'owner', perms: ['audit.read'] });
    adminToken = accessToken(t, { pa: true });

    await requestContext.run({ requestId: 'req-login-1', ip: '203.0.113.9', userAgent: 'jest/1.0' }, () =>
      record({ action: 'auth.login_succeeded', companyId: companyA, actorUserId: alice, targetType: 'user', targetId: alice }),
    );
    await record({ action: 'team.member_invited', companyId: companyA, actorUserId: alice, targetType: 'invitation', targetId: 'inv-1', after: { email: 'bob@example.in', role: 'manager' } });
    await record({ action: 'team.member_removed', companyId: companyA, actorUserId: alice, targetType: 'user', targetId: bob, before: { role: 'manager' }, metadata: { reason: '=HYPERLINK("x")' } });
    await record({ action: 'company.billing_updated', companyId: companyB, actorUserId: bob });
    // A platform-level entry written from an unrelated tenant scope: the platform chain is hidden from it, yet appends work.
    await record({ action: 'auth.login_failed', companyId: null, metadata: { email: 'mallory@example.in' } }, { companyId: companyB, userId: null });
  });
  afterAll(() => t.close());

  it('records request context, actor type and chains each company separately', async () => {
    const rows = await uow.run({ system: true }, (tx) =>
      queryRows<{ company_id: string | null; seq: string; action: string; actor_type: string; ip: string | null; user_agent: string | null; request_id: string | null; prev_hash: string; hash: string }>(
        tx,
        sql`select company_id, seq, action, actor_type, ip, user_agent, request_id, prev_hash, hash from audit.audit_log order by id`,
      ),
    );
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ action: 'auth.login_succeeded', actor_type: 'user', ip: '203.0.113.9', user_agent: 'jest/1.0', request_id: 'req-login-1', prev_hash: '0'.repeat(64) });
    const seqs = rows.map((r) => `${r.company_id ?? 'platform'}#${Number(r.seq)}`);
    expect(seqs).toEqual([`${companyA}#1`, `${companyA}#2`, `${companyA}#3`, `${companyB}#1`, 'platform#1']);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[4]).toMatchObject({ actor_type: 'system', prev_hash: '0'.repeat(64) });
  });

  it('rolls the entry back with the transaction it belongs to', async () => {
    await expect(
      uow.run({ companyId: companyB, userId: bob }, async () => {
        await audit.record({ action: 'company.deleted', companyId: companyB, actorUserId: bob });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [row] = await uow.run({ system: true }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit.audit_log where action = 'company.deleted'`));
    expect(row.n).toBe(0);
  });

  it('serialises concurrent appends to one chain without forking it', async () => {
    const company = newId();
    await Promise.all(Array.from({ length: 12 }, (_, i) => record({ action: 'test.concurrent_write', companyId: company, metadata: { i } })));
    const rows = await uow.run({ companyId: company }, (tx) => queryRows<{ seq: string }>(tx, sql`select seq from audit.audit_log where company_id = ${company} order by seq`));
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const res = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: { companyId: company } });
    expect(res.json()).toEqual({ ok: true, checked: 12, chains: 1 });
  });

  describe('GET /v1/audit-log', () => {
    it("lists only the caller's company, newest first, with cursor pagination", async () => {
      const first = await t.http({ method: 'GET', url: '/v1/audit-log?limit=2', token: aliceToken });
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.items.map((e: { action: string }) => e.action)).toEqual(['team.member_removed', 'team.member_invited']);
      expect(page1.items[0]).toMatchObject({ companyId: companyA, seq: 3, actorUserId: alice, actorType: 'user', targetType: 'user', targetId: bob, before: { role: 'manager' } });
      expect(page1.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
      const second = (await t.http({ method: 'GET', url: `/v1/audit-log?limit=2&cursor=${page1.nextCursor}`, token: aliceToken })).json();
      expect(second.items.map((e: { action: string }) => e.action)).toEqual(['auth.login_succeeded']);
      expect(second.nextCursor).toBeNull();
    });

    it('filters by action prefix, actor, target and date range', async () => {
      const list = async (query: string) => (await t.http({ method: 'GET', url: `/v1/audit-log?${query}`, token: aliceToken })).json().items.map((e: { action: string }) => e.action);
      expect(await list('action=team.')).toEqual(['team.member_removed', 'team.member_invited']);
      expect(await list('action=team.member_inv')).toEqual(['team.member_invited']);
      expect(await list(`actorUserId=${bob}`)).toEqual([]);
      expect(await list(`targetType=user&targetId=${bob}`)).toEqual(['team.member_removed']);
      expect(await list('from=2000-01-01T00:00:00Z&to=2000-12-31T00:00:00Z')).toEqual([]);
      expect(await list(`from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).toHaveLength(3);
    });

    it('rejects bad filters with named fields', async () => {
      const res = await t.http({ method: 'GET', url: '/v1/audit-log?actorUserId=nope&from=yesterday&limit=500', token: aliceToken });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['actorUserId', 'from', 'limit']);
      const range = await t.http({ method: 'GET', url: '/v1/audit-log?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', token: aliceToken });
      expect(range.statusCode).toBe(422);
      expect(range.json().errors[0].field).toBe('from');
      const cursor = await t.http({ method: 'GET', url: '/v1/audit-log?cursor=garbage', token: aliceToken });
      expect(cursor.json().code).toBe('pagination.invalid_cursor');
    });

    it('requires authentication and the audit.read permission', async () => {
      expect((await t.http({ method: 'GET', url: '/v1/audit-log' })).statusCode).toBe(401);
      const viewer = accessToken(t, { cid: companyA, perms: ['orders.read'] });
      const denied = await t.http({ method: 'GET', url: '/v1/audit-log', token: viewer });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('auth.permission_denied');
    });
  });

  it('exports the same filtered entries as CSV', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/audit-log/export?action=team.', token: aliceToken });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('audit-log.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,created_at,seq,action,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('team.member_removed');
    expect(lines[1]).toContain('"{""reason"":""=HYPERLINK(\\""x\\"")""}"');
    expect(lines[2]).toContain('team.member_invited');
    expect(res.body).not.toContain(companyB);
    expect((await t.http({ method: 'GET', url: '/v1/audit-log/export' })).statusCode).toBe(401);
  });

  it('row-level security hides other companies and the platform chain from tenants', async () => {
    const seen = await uow.run({ companyId: companyB }, (tx) => queryRows<{ action: string }>(tx, sql`select action from audit.audit_log`));
    expect(seen.map((r) => r.action)).toEqual(['company.billing_updated']);
  });

  describe('admin', () => {
    it('lists any company, the platform chain, or everything', async () => {
      const b = (await t.http({ method: 'GET', url: `/v1/admin/audit-log?companyId=${companyB}`, token: adminToken })).json();
      expect(b.items.map((e: { action: string }) => e.action)).toEqual(['company.billing_updated']);
      const platform = (await t.http({ method: 'GET', url: '/v1/admin/audit-log?companyId=platform', token: adminToken })).json();
      expect(platform.items).toEqual([expect.objectContaining({ action: 'auth.login_failed', companyId: null, metadata: { email: 'mallory@example.in' } })]);
      const all = (await t.http({ method: 'GET', url: '/v1/admin/audit-log?action=auth.', token: adminToken })).json();
      expect(all.items.map((e: { action: string }) => e.action)).toEqual(['auth.login_failed', 'auth.login_succeeded']);
    });

    it('is refused to tenants', async () => {
      const res = await t.http({ method: 'GET', url: '/v1/admin/audit-log', token: aliceToken });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.platform_admin_required');
      expect((await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: aliceToken, payload: {} })).statusCode).toBe(403);
      expect((await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: { companyId: 'x' } })).statusCode).toBe(422);
    });
  });

  it('the application role can neither update nor delete audit entries', async () => {
    // Drizzle wraps the driver's error; the database's own message is the cause.
    const failure = (statement: ReturnType<typeof sql>) =>
      uow.run({ system: true }, (tx) => tx.execute(statement)).then(
        () => 'succeeded',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await failure(sql`update audit.audit_log set action = 'x.y' where company_id = ${companyA}`)).toMatch(/permission denied for table audit_log/);
    expect(await failure(sql`delete from audit.audit_log`)).toMatch(/permission denied for table audit_log/);
    expect(await failure(sql`truncate audit.audit_log`)).toMatch(/permission denied for table audit_log/);
    const [row] = await uow.run({ system: true }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit.audit_log`));
    expect(row.n).toBe(17);
  });

  it('verification finds the exact entry an owner tampered with (API and CLI)', async () => {
    const ok = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: {} });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, checked: 17 });
    expect(ok.json().brokenAt).toBeUndefined();

    const [target] = await uow.run({ companyId: companyA }, (tx) => queryRows<{ id: string }>(tx, sql`select id from audit.audit_log where company_id = ${companyA} and seq = 2`));
    await t.database.ownerExec(`update audit.audit_log set after = '{"email":"eve@example.in","role":"owner"}' where id = '${target.id}'`);

    const broken = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: { companyId: companyA } });
    expect(broken.json()).toEqual({ ok: false, checked: 2, chains: 1, brokenAt: { companyId: companyA, id: target.id, seq: 2, reason: 'hash_mismatch' } });
    const otherChain = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: { companyId: 'platform' } });
    expect(otherChain.json()).toEqual({ ok: true, checked: 1, chains: 1 });

    const lines: string[] = [];
    const report = await verifyAuditChains((line) => lines.push(line), { database: t.database, env: { QUEUE_PREFIX: t.queuePrefix } });
    expect(report.ok).toBe(false);
    expect(lines.filter((l) => l.startsWith('TAMPERED'))).toEqual([`TAMPERED ${companyA}  broken at seq 2 (entry ${target.id}, hash_mismatch) after 1 good entries`]);
    expect(lines.filter((l) => l.startsWith('ok'))).toHaveLength(3);
    expect(lines[lines.length - 1]).toMatch(/^TAMPERING DETECTED: 4 chains/);
  });
});
