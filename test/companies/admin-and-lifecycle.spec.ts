import { sql } from 'drizzle-orm';
import { CommandBus } from '@nestjs/cqrs';
import { PurgeScheduledCompanyDeletions } from '@shipcrowd/companies/contracts';
import { FILE_STORAGE, FileStorage, queryRows, UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { addMember, companiesTestApp, multipart, platformAdminToken, pngImage, seedCompany, Seat } from './support';

const billing = { legalName: 'Acme Traders LLP', gstin: '27AAPFU0939F1ZV', pan: 'AAPFU0939F', addressLine1: '1 Marine Drive', city: 'Mumbai', pincode: '400001', stateCode: '27' };

describe('company status workflow, admin routes, deletion', () => {
  let t: TestApp;
  let adminToken: string;
  let seller: Seat;
  let manager: Seat;

  const system = <T>(work: Parameters<UnitOfWork['run']>[1]) => t.get(UnitOfWork).run({ system: true }, work) as Promise<T>;
  const auditActions = async (companyId: string) =>
    (await system<{ action: string; before: unknown; after: unknown; actor_type: string }[]>((tx) => queryRows(tx, sql`select action, before, after, actor_type from audit.audit_log where company_id = ${companyId} order by seq`)));
  const outboxTypes = async (companyId: string) =>
    (await system<{ type: string; payload: Record<string, unknown> }[]>((tx) => queryRows(tx, sql`select type, payload from platform.outbox where company_id = ${companyId} order by sequence`)));

  beforeAll(async () => {
    t = await companiesTestApp({ COMPANY_DELETION_GRACE_DAYS: '30' });
    seller = await seedCompany(t, 'Acme Traders');
    adminToken = await platformAdminToken(t, seller);
    manager = await addMember(t, seller, 'manager', 'Manoj Manager');
  });
  afterAll(() => t.close());

  it('KYC cannot be submitted without billing details (422), nor by a manager (403)', async () => {
    const res = await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: seller.token });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('company.billing_incomplete');
    expect((await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: manager.token })).statusCode).toBe(403);
  });

  it('runs pending_kyc → kyc_submitted → rejected → kyc_submitted → approved → suspended → approved, auditing and publishing each step', async () => {
    expect((await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: seller.token, payload: billing })).statusCode).toBe(200);
    const submitted = await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: seller.token });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'kyc_submitted', kycSubmittedAt: expect.any(String) });

    const locked = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: seller.token, payload: billing });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('company.billing_locked');

    const noReason = await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/reject`, token: adminToken, payload: {} });
    expect(noReason.statusCode).toBe(422);
    const rejected = await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/reject`, token: adminToken, payload: { reason: 'PAN card image is unreadable' } });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: 'PAN card image is unreadable' });

    const resubmitted = await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: seller.token });
    expect(resubmitted.json().status).toBe('kyc_submitted');
    expect((await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/approve`, token: adminToken })).json()).toMatchObject({ status: 'approved', statusReason: null });
    expect((await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/suspend`, token: adminToken, payload: { reason: 'Chargeback fraud under review' } })).json()).toMatchObject({ status: 'suspended' });
    expect((await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/reinstate`, token: adminToken })).json()).toMatchObject({ status: 'approved' });

    const audit = await auditActions(seller.companyId);
    const transitions = audit.filter((a) => /company\.(kyc_submitted|approved|rejected|suspended|reinstated)/.test(a.action));
    expect(transitions.map((a) => a.action)).toEqual(['company.kyc_submitted', 'company.rejected', 'company.kyc_submitted', 'company.approved', 'company.suspended', 'company.reinstated']);
    expect(transitions[1]).toMatchObject({ actor_type: 'platform_admin', before: { status: 'kyc_submitted' }, after: { status: 'rejected', statusReason: 'PAN card image is unreadable' } });

    const events = (await outboxTypes(seller.companyId)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['companies.company_created', 'companies.kyc_submitted', 'companies.company_rejected', 'companies.company_approved', 'companies.company_suspended', 'companies.company_reinstated']));
  });

  it('refuses illegal transitions with 409 naming from and to', async () => {
    const res = await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/approve`, token: adminToken });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'company.invalid_transition', from: 'approved', to: 'approved' });
    const reinstate = await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/reinstate`, token: adminToken });
    expect(reinstate.json()).toMatchObject({ code: 'company.invalid_transition', from: 'approved', to: 'approved' });
    const kyc = await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: seller.token });
    expect(kyc.json()).toMatchObject({ status: 409, from: 'approved', to: 'kyc_submitted' });
  });

  it('admin routes are for platform admins only, and unknown ids are 404', async () => {
    for (const [method, url] of [['GET', '/v1/admin/companies'], ['GET', `/v1/admin/companies/${seller.companyId}`], ['POST', `/v1/admin/companies/${seller.companyId}/approve`]] as const) {
      const res = await t.http({ method, url, token: seller.token });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.platform_admin_required');
    }
    expect((await t.http({ method: 'GET', url: '/v1/admin/companies' })).statusCode).toBe(401);
    expect((await t.http({ method: 'GET', url: '/v1/admin/companies/0190f5c2-7f3a-7c3e-9d2b-5a1e2f3b4c5d', token: adminToken })).statusCode).toBe(404);
    expect((await t.http({ method: 'POST', url: '/v1/admin/companies/nope/approve', token: adminToken })).statusCode).toBe(404);
    const unknownField = await t.http({ method: 'POST', url: `/v1/admin/companies/${seller.companyId}/suspend`, token: adminToken, payload: { reason: 'fine reason', force: true } });
    expect(unknownField.statusCode).toBe(422);
  });

  it('lists companies newest first with status filter, name/GSTIN search and a cursor', async () => {
    const b = await seedCompany(t, 'Bharat Bazaar');
    const c = await seedCompany(t, 'Chennai Crafts');
    const all = await t.http({ method: 'GET', url: '/v1/admin/companies?limit=2', token: adminToken });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((i: { id: string }) => i.id)).toEqual([c.companyId, b.companyId]);
    const rest = await t.http({ method: 'GET', url: `/v1/admin/companies?limit=2&cursor=${all.json().nextCursor}`, token: adminToken });
    expect(rest.json().items.map((i: { id: string }) => i.id)).toEqual([seller.companyId]);
    expect(rest.json().nextCursor).toBeNull();
    const approved = await t.http({ method: 'GET', url: '/v1/admin/companies?status=approved', token: adminToken });
    expect(approved.json().items.map((i: { name: string }) => i.name)).toEqual(['Acme Traders']);
    const byGstin = await t.http({ method: 'GET', url: '/v1/admin/companies?q=27aapfu0939f1zv', token: adminToken });
    expect(byGstin.json().items).toEqual([expect.objectContaining({ id: seller.companyId, gstin: '27AAPFU0939F1ZV' })]);
    const byName = await t.http({ method: 'GET', url: '/v1/admin/companies?q=baz', token: adminToken });
    expect(byName.json().items.map((i: { name: string }) => i.name)).toEqual(['Bharat Bazaar']);
    expect((await t.http({ method: 'GET', url: '/v1/admin/companies?status=deleted', token: adminToken })).statusCode).toBe(422);
    const one = await t.http({ method: 'GET', url: `/v1/admin/companies/${b.companyId}`, token: adminToken });
    expect(one.json()).toMatchObject({ id: b.companyId, status: 'pending_kyc' });
  });

  describe('deletion', () => {
    it('only owners schedule deletion; the name must match; it can be cancelled', async () => {
      const adminMember = await addMember(t, seller, 'admin', 'Not Owner');
      expect((await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: adminMember.token, payload: { confirmName: 'Acme Traders' } })).statusCode).toBe(403);
      const wrong = await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: seller.token, payload: { confirmName: 'acme traders' } });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().code).toBe('company.confirmation_mismatch');
      expect((await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: seller.token, payload: {} })).statusCode).toBe(422);

      const scheduled = await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: seller.token, payload: { confirmName: 'Acme Traders' } });
      expect(scheduled.statusCode).toBe(200);
      const days = (Date.parse(scheduled.json().deletionScheduledFor) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.99);
      expect(days).toBeLessThanOrEqual(30);
      expect((await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: seller.token, payload: { confirmName: 'Acme Traders' } })).statusCode).toBe(409);

      expect((await t.http({ method: 'DELETE', url: '/v1/companies/current/deletion', token: adminMember.token })).statusCode).toBe(403);
      expect((await t.http({ method: 'DELETE', url: '/v1/companies/current/deletion', token: seller.token })).statusCode).toBe(204);
      expect((await t.http({ method: 'DELETE', url: '/v1/companies/current/deletion', token: seller.token })).statusCode).toBe(409);
      expect((await t.http({ method: 'GET', url: '/v1/companies/current', token: seller.token })).json().deletionScheduledFor).toBeNull();
    });

    it('PurgeScheduledCompanyDeletions removes due companies (rows, logo, members) and leaves the rest', async () => {
      const doomed = await seedCompany(t, 'Doomed Co');
      const keeper = await seedCompany(t, 'Keeper Co');
      await addMember(t, doomed, 'member', 'Doomed Member');
      const logo = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: doomed.token, ...multipart('file', 'l.png', 'image/png', pngImage(80, 80)) });
      const logoKey = new URL(logo.json().branding.logoUrl).pathname.replace('/v1/files/', '');
      await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: doomed.token, payload: { confirmName: 'Doomed Co' } });
      await t.http({ method: 'POST', url: '/v1/companies/current/deletion', token: keeper.token, payload: { confirmName: 'Keeper Co' } });

      const bus = t.get(CommandBus);
      const early = await bus.execute(new PurgeScheduledCompanyDeletions());
      expect(early).toEqual({ purged: [] });
      // Only the doomed company's grace period has ended.
      await t.database.ownerExec(`update companies.companies set deletion_scheduled_for = now() - interval '1 minute' where id = '${doomed.companyId}'`);
      const result = await bus.execute(new PurgeScheduledCompanyDeletions());
      expect(result).toEqual({ purged: [doomed.companyId] });

      const left = await system<{ n: number }[]>((tx) => queryRows(tx, sql`select (select count(*) from companies.companies where id = ${doomed.companyId})::int + (select count(*) from companies.memberships where company_id = ${doomed.companyId})::int as n`));
      expect(left[0].n).toBe(0);
      expect(await t.get<FileStorage>(FILE_STORAGE).get(logoKey)).toBeNull();
      expect((await outboxTypes(doomed.companyId)).map((e) => e.type)).toContain('companies.company_purged');
      expect((await auditActions(doomed.companyId)).map((a) => a.action)).toContain('company.purged');
      expect((await t.http({ method: 'GET', url: '/v1/companies/current', token: keeper.token })).statusCode).toBe(200);
      const gone = await t.http({ method: 'GET', url: '/v1/companies/current', token: doomed.token });
      expect(gone.statusCode).toBe(404);
    });
  });
});
