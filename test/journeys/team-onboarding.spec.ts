import { CommandBus } from '@nestjs/cqrs';
import { GrantPlatformAdmin } from '@shipcrowd/identity';
import { LocalSmtpServer } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { ApiModule } from '../../apps/api/api.module';

/**
 * The seller's first day, across identity, companies and audit, over HTTP with the API process's modules:
 * sign up → verify email → billing → KYC → approval → invite a manager → they join → API key → removal
 * → the audit trail tells the whole story. Then a second, unrelated seller tries to look in.
 */

const PASSWORD = 'correct horse battery staple';
const BILLING = {
  legalName: 'Chai Point Retail Private Limited',
  gstin: '29AAFCC9980M1ZR',
  pan: 'AAFCC9980M',
  addressLine1: '12 MG Road',
  city: 'Bengaluru',
  pincode: '560001',
  stateCode: '29',
};
const MANAGER_PERMISSIONS = ['company.read', 'team.read', 'team.invite', 'audit.read', 'api_keys.manage', 'warehouses.read', 'warehouses.manage', 'orders.read', 'orders.write', 'orders.import', 'orders.routing.manage', 'rates.read', 'rates.manage', 'shipments.read', 'shipments.write'];

const run = Date.now().toString(36);
const email = (who: string) => `${who}.${run}@example.in`;

interface Account {
  userId: string;
  email: string;
  companyId: string;
  token: string;
}

describe('journey: a seller onboards their team', () => {
  let t: TestApp;
  let owner: Account;
  let teammate: Account;
  let adminToken: string;
  let apiKey: { id: string; key: string };
  const problem = expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: expect.any(Number), code: expect.any(String) });

  async function register(name: string, address: string, extra: Record<string, unknown>): Promise<Account> {
    const res = await t.http({ method: 'POST', url: '/v1/auth/register', payload: { name, email: address, password: PASSWORD, phone: '9876543210', ...extra } });
    expect(res.statusCode).toBe(201);
    return { userId: res.json().user.id, email: address, companyId: res.json().companyId, token: res.json().accessToken };
  }

  async function mailTo(address: string, template: string) {
    return t.get(LocalSmtpServer).waitFor((m) => m.to.includes(address) && m.template === template);
  }

  /** The whole company log, oldest first. */
  async function auditTrail(token: string): Promise<{ id: string; seq: number; action: string; actorUserId: string | null; targetId: string | null; companyId: string | null }[]> {
    const res = await t.http({ method: 'GET', url: '/v1/audit-log?limit=100', token });
    expect(res.statusCode).toBe(200);
    expect(res.json().nextCursor).toBeNull();
    return [...res.json().items].reverse();
  }

  beforeAll(async () => {
    t = await createTestApp({ imports: [ApiModule], env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000' } });
    // Shipcrowd staff: an ordinary account made platform admin by the operator command, signed in again for the claim.
    const staff = await register('Sunil Staff', email('staff'), { companyName: 'Shipcrowd Operations' });
    await t.get(CommandBus).execute(new GrantPlatformAdmin(staff.email));
    const login = await t.http({ method: 'POST', url: '/v1/auth/login', payload: { email: staff.email, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    adminToken = login.json().accessToken;
  });
  afterAll(() => t?.close());

  it('1. the seller signs up and lands in a new company awaiting KYC, as its owner', async () => {
    owner = await register('Asha Verma', email('asha'), { companyName: 'Chai Point Retail' });
    const me = await t.http({ method: 'GET', url: '/v1/me', token: owner.token });
    expect(me.json()).toMatchObject({ id: owner.userId, email: owner.email, emailVerified: false, company: { id: owner.companyId, role: 'owner' } });
    const company = await t.http({ method: 'GET', url: '/v1/companies/current', token: owner.token });
    expect(company.json()).toMatchObject({ id: owner.companyId, name: 'Chai Point Retail', status: 'pending_kyc' });
  });

  it('2. verifies the email with the token from the mailed link', async () => {
    const mail = await mailTo(owner.email, 'identity.verify_email');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const res = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: owner.email, kind: 'email' });
    expect((await t.http({ method: 'GET', url: '/v1/me', token: owner.token })).json().emailVerified).toBe(true);
    // The link is single use.
    const reused = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('auth.invalid_token');
  });

  it('3. fills in billing: the GSTIN, its PAN and its state agree', async () => {
    const res = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: BILLING });
    expect(res.statusCode).toBe(200);
    expect(res.json().billing).toMatchObject({ gstin: '29AAFCC9980M1ZR', pan: 'AAFCC9980M', stateCode: '29', stateName: 'Karnataka' });
  });

  it('4. submits KYC, and a platform admin approves the company', async () => {
    const submitted = await t.http({ method: 'POST', url: '/v1/companies/current/kyc-submission', token: owner.token });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('kyc_submitted');
    // The seller cannot approve themselves.
    const self = await t.http({ method: 'POST', url: `/v1/admin/companies/${owner.companyId}/approve`, token: owner.token });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('auth.platform_admin_required');
    const approved = await t.http({ method: 'POST', url: `/v1/admin/companies/${owner.companyId}/approve`, token: adminToken });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id: owner.companyId, status: 'approved' });
    expect((await t.http({ method: 'GET', url: '/v1/companies/current', token: owner.token })).json().status).toBe('approved');
  });

  it('5. invites a teammate as manager; the invitation email arrives; they sign up with it and hold manager permissions', async () => {
    const address = email('ravi');
    const invited = await t.http({ method: 'POST', url: '/v1/team/invitations', token: owner.token, payload: { email: address, role: 'manager' } });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: address, role: 'manager' });
    const mail = await mailTo(address, 'companies.invitation');
    expect(mail.subject).toContain('Chai Point Retail');
    const invitationToken = decodeURIComponent(/accept-invite\?token=([A-Za-z0-9_%-]+)/.exec(mail.text)![1]);

    teammate = await register('Ravi Kumar', address, { invitationToken });
    expect(teammate.companyId).toBe(owner.companyId);
    const me = await t.http({ method: 'GET', url: '/v1/me', token: teammate.token });
    expect(me.json()).toMatchObject({ id: teammate.userId, company: { id: owner.companyId, role: 'manager', permissions: MANAGER_PERMISSIONS } });
    // Joining did not create a company of their own.
    const switched = await t.http({ method: 'POST', url: '/v1/auth/switch-company', token: teammate.token, payload: { companyId: owner.companyId } });
    expect(switched.json()).toMatchObject({ companyId: owner.companyId, role: 'manager' });
  });

  it('6. the teammate sees the team; a manager may read but not manage it', async () => {
    const members = await t.http({ method: 'GET', url: '/v1/team/members', token: teammate.token });
    expect(members.statusCode).toBe(200);
    expect(members.json().items.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [owner.userId, 'owner'],
      [teammate.userId, 'manager'],
    ]);
    const manage = await t.http({ method: 'DELETE', url: `/v1/team/members/${owner.userId}`, token: teammate.token });
    expect(manage.statusCode).toBe(403);
    expect(manage.json().code).toBe('auth.permission_denied');
  });

  it('7. the owner creates a scoped API key and uses it via X-Api-Key, within its scopes only', async () => {
    const created = await t.http({ method: 'POST', url: '/v1/me/api-keys', token: owner.token, payload: { name: 'Warehouse sync', scopes: ['team.read', 'company.read'] } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Warehouse sync', scopes: ['company.read', 'team.read'], key: expect.stringMatching(/^sc_live_/) });
    apiKey = { id: created.json().id, key: created.json().key };

    const company = await t.http({ method: 'GET', url: '/v1/companies/current', headers: { 'x-api-key': apiKey.key } });
    expect(company.statusCode).toBe(200);
    expect(company.json()).toMatchObject({ id: owner.companyId, status: 'approved', billing: { gstin: '29AAFCC9980M1ZR' } });
    const outOfScope = await t.http({ method: 'PATCH', url: '/v1/companies/current', headers: { 'x-api-key': apiKey.key }, payload: { displayName: 'Hijacked' } });
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().code).toBe('auth.permission_denied');
    const forged = await t.http({ method: 'GET', url: '/v1/companies/current', headers: { 'x-api-key': `${apiKey.key.slice(0, -4)}AAAA` } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('auth.invalid_api_key');
  });

  it('8. the owner removes the teammate: their access token stops working at once', async () => {
    expect((await t.http({ method: 'GET', url: '/v1/team/members', token: teammate.token })).statusCode).toBe(200);
    const removed = await t.http({ method: 'DELETE', url: `/v1/team/members/${teammate.userId}`, token: owner.token });
    expect(removed.statusCode).toBe(204);
    for (const url of ['/v1/team/members', '/v1/companies/current', '/v1/me']) {
      const res = await t.http({ method: 'GET', url, token: teammate.token });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 401, 'auth.session_revoked']);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Signing in again gives them an account with no company.
    const login = await t.http({ method: 'POST', url: '/v1/auth/login', payload: { email: teammate.email, password: PASSWORD } });
    expect(login.json().companyId).toBeNull();
    const noCompany = await t.http({ method: 'GET', url: '/v1/companies/current', token: login.json().accessToken });
    expect(noCompany.statusCode).toBe(403);
    expect(noCompany.json().code).toBe('auth.no_company');
    // The owner's key keeps working: it acts for the owner, who is still a member.
    expect((await t.http({ method: 'GET', url: '/v1/team/members', headers: { 'x-api-key': apiKey.key } })).json().items).toHaveLength(1);
  });

  it('9. the audit log tells the story in order, and every hash chain verifies', async () => {
    const trail = await auditTrail(owner.token);
    expect(trail.every((e) => e.companyId === owner.companyId)).toBe(true);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    const story: [string, Partial<(typeof trail)[number]>][] = [
      ['auth.registered', { actorUserId: owner.userId, targetId: owner.userId }],
      ['company.billing_updated', { actorUserId: owner.userId }],
      ['company.kyc_submitted', { actorUserId: owner.userId }],
      ['company.approved', {}],
      ['team.member_invited', { actorUserId: owner.userId }],
      ['team.invitation_accepted', { actorUserId: teammate.userId }],
      ['auth.registered', { actorUserId: teammate.userId, targetId: teammate.userId }],
      ['api_key.created', { actorUserId: owner.userId, targetId: apiKey.id }],
      ['team.member_removed', { actorUserId: owner.userId, targetId: teammate.userId }],
    ];
    let from = 0;
    for (const [action, fields] of story) {
      const at = trail.findIndex((e, i) => i >= from && e.action === action);
      expect([action, at >= 0]).toEqual([action, true]);
      expect(trail[at]).toMatchObject(fields);
      from = at + 1;
    }

    const verified = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: {} });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true });
    expect(verified.json().checked).toBeGreaterThanOrEqual(trail.length);
    const own = await t.http({ method: 'POST', url: '/v1/admin/audit-log/verify', token: adminToken, payload: { companyId: owner.companyId } });
    expect(own.json()).toEqual({ ok: true, checked: trail.length, chains: 1 });
  });

  describe('tenancy: a second, unrelated seller', () => {
    let rival: Account;
    let ownerTrail: { id: string }[];

    beforeAll(async () => {
      rival = await register('Rita Rival', email('rita'), { companyName: 'Rival Retail' });
      ownerTrail = await auditTrail(owner.token);
    });

    it('cannot touch the first company\'s members by id (404 problems)', async () => {
      for (const [method, url] of [
        ['PATCH', `/v1/team/members/${owner.userId}`],
        ['POST', `/v1/team/members/${owner.userId}/deactivate`],
        ['DELETE', `/v1/team/members/${owner.userId}`],
      ] as const) {
        const res = await t.http({ method, url, token: rival.token, payload: method === 'PATCH' ? { role: 'viewer' } : undefined });
        expect([method, url, res.statusCode]).toEqual([method, url, 404]);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toEqual(problem);
      }
      // Nothing happened to the owner.
      const members = await t.http({ method: 'GET', url: '/v1/team/members', token: owner.token });
      expect(members.json().items).toEqual([expect.objectContaining({ userId: owner.userId, role: 'owner', status: 'active' })]);
    });

    it('cannot read the first company\'s audit entries, by filter or through the admin routes', async () => {
      const byTarget = await t.http({ method: 'GET', url: `/v1/audit-log?targetId=${teammate.userId}`, token: rival.token });
      expect(byTarget.statusCode).toBe(200);
      expect(byTarget.json().items).toEqual([]);
      const byActor = await t.http({ method: 'GET', url: `/v1/audit-log?actorUserId=${owner.userId}`, token: rival.token });
      expect(byActor.json().items).toEqual([]);
      for (const [method, url, payload] of [
        ['GET', `/v1/admin/audit-log?companyId=${owner.companyId}`, undefined],
        ['POST', '/v1/admin/audit-log/verify', { companyId: owner.companyId }],
        ['GET', `/v1/admin/companies/${owner.companyId}`, undefined],
      ] as const) {
        const res = await t.http({ method, url, token: rival.token, payload });
        expect([url, res.statusCode, res.json().code]).toEqual([url, 403, 'auth.platform_admin_required']);
        expect(res.json()).toEqual(problem);
      }
    });

    it('cannot revoke the first company\'s API key by id (404), and the key keeps working', async () => {
      const res = await t.http({ method: 'DELETE', url: `/v1/me/api-keys/${apiKey.id}`, token: rival.token });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(problem);
      expect((await t.http({ method: 'GET', url: '/v1/companies/current', headers: { 'x-api-key': apiKey.key } })).json().id).toBe(owner.companyId);
    });

    it('sees only its own company, members, invitations, audit entries and API keys in every list', async () => {
      expect((await t.http({ method: 'GET', url: '/v1/companies/current', token: rival.token })).json()).toMatchObject({ id: rival.companyId, name: 'Rival Retail', billing: null });
      const members = await t.http({ method: 'GET', url: '/v1/team/members', token: rival.token });
      expect(members.json().items.map((m: { userId: string }) => m.userId)).toEqual([rival.userId]);
      const invitations = await t.http({ method: 'GET', url: '/v1/team/invitations', token: rival.token });
      expect(invitations.json().items).toEqual([]);
      const keys = await t.http({ method: 'GET', url: '/v1/me/api-keys', token: rival.token });
      expect(keys.statusCode).toBe(200);
      expect(keys.json().items).toEqual([]);

      const audit = await t.http({ method: 'GET', url: '/v1/audit-log?limit=100', token: rival.token });
      const entries: { id: string; companyId: string; actorUserId: string | null; targetId: string | null }[] = audit.json().items;
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.companyId === rival.companyId)).toBe(true);
      const foreign = new Set([...ownerTrail.map((e) => e.id)]);
      expect(entries.filter((e) => foreign.has(e.id))).toEqual([]);
      const strangers = new Set([owner.userId, teammate.userId, apiKey.id, owner.companyId]);
      expect(entries.filter((e) => strangers.has(e.actorUserId ?? '') || strangers.has(e.targetId ?? ''))).toEqual([]);
    });
  });
});
