import { sql } from 'drizzle-orm';
import { COMPANIES_FACADE, CompaniesFacade, PERMISSIONS } from '@shipcrowd/companies/contracts';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { addMember, companiesTestApp, companylessUser, invitationTokenFromMail, prospect, seedCompany, Seat, signIn } from './support';

describe('roles, permissions and the companies facade', () => {
  let t: TestApp;
  let owner: Seat;
  let manager: Seat;
  let other: Seat;
  let facade: CompaniesFacade;

  beforeAll(async () => {
    t = await companiesTestApp();
    facade = t.get<CompaniesFacade>(COMPANIES_FACADE);
    owner = await seedCompany(t, 'Roles Co');
    manager = await addMember(t, owner, 'manager', 'Mina Manager');
    other = await seedCompany(t, 'Other Roles Co');
  });
  afterAll(() => t.close());

  it('GET /v1/permissions lists the whole catalogue with descriptions and built-in holders', async () => {
    const { token } = await companylessUser(t, other, 'No Company');
    expect((await t.http({ method: 'GET', url: '/v1/me', token })).json().company).toBeNull();
    const res = await t.http({ method: 'GET', url: '/v1/permissions', token });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { key: string }) => p.key)).toEqual(Object.keys(PERMISSIONS));
    expect(res.json().items.find((p: { key: string }) => p.key === 'company.delete')).toEqual({ key: 'company.delete', description: PERMISSIONS['company.delete'], builtInRoles: ['owner'] });
    expect(res.json().items.find((p: { key: string }) => p.key === 'team.invite').builtInRoles).toEqual(['owner', 'admin', 'manager']);
    expect((await t.http({ method: 'GET', url: '/v1/permissions' })).statusCode).toBe(401);
  });

  it('GET /v1/team/roles lists the five built-ins', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/team/roles', token: manager.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { key: string }) => r.key)).toEqual(['owner', 'admin', 'manager', 'member', 'viewer']);
    expect(res.json().items.find((r: { key: string }) => r.key === 'viewer').permissions).toEqual(['company.read', 'warehouses.read', 'orders.read', 'rates.read', 'shipments.read']);
  });

  it('creates, edits, assigns and refuses to delete a role in use', async () => {
    const created = await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'warehouse_lead', name: 'Warehouse lead', permissions: ['company.read', 'team.read'] } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ key: 'warehouse_lead', name: 'Warehouse lead', description: null, builtIn: false, permissions: ['company.read', 'team.read'], version: 1 });
    expect((await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'warehouse_lead', name: 'Again', permissions: ['company.read'] } })).statusCode).toBe(409);

    const edited = await t.http({ method: 'PATCH', url: '/v1/team/roles/warehouse_lead', token: owner.token, payload: { permissions: ['company.read', 'team.read', 'team.invite'], version: 1 } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ permissions: ['company.read', 'team.read', 'team.invite'], version: 2 });
    const stale = await t.http({ method: 'PATCH', url: '/v1/team/roles/warehouse_lead', token: owner.token, payload: { name: 'x', version: 1 } });
    expect(stale.statusCode).toBe(409);

    const lead = await addMember(t, owner, 'warehouse_lead', 'Wasim Lead');
    const view = await facade.membershipOf(lead.user.id, owner.companyId);
    expect(view).toMatchObject({ role: 'warehouse_lead', permissions: ['company.read', 'team.read', 'team.invite'], status: 'active', companyName: 'Roles Co' });
    // The resolved permissions really work at the guard.
    expect((await t.http({ method: 'GET', url: '/v1/team/invitations', token: await signIn(t, lead.user) })).statusCode).toBe(200);

    const inUse = await t.http({ method: 'DELETE', url: '/v1/team/roles/warehouse_lead', token: owner.token });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'roles.in_use', members: 1 });
    await t.http({ method: 'PATCH', url: `/v1/team/members/${lead.user.id}`, token: owner.token, payload: { role: 'member' } });
    expect((await t.http({ method: 'DELETE', url: '/v1/team/roles/warehouse_lead', token: owner.token })).statusCode).toBe(204);
    expect((await t.http({ method: 'DELETE', url: '/v1/team/roles/warehouse_lead', token: owner.token })).statusCode).toBe(404);
  });

  it('validates role definitions', async () => {
    const bad = await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'Bad Key', name: 'x', permissions: ['company.read', 'rockets.launch', 'company.delete'] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'key', code: 'format' }),
        expect.objectContaining({ field: 'permissions[1]', code: 'unknown_permission' }),
        expect.objectContaining({ field: 'permissions[2]', code: 'reserved_permission' }),
      ]),
    );
    const builtInKey = await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'admin', name: 'x', permissions: ['company.read'] } });
    expect(builtInKey.json().errors[0]).toMatchObject({ field: 'key', code: 'reserved' });
    const typed = await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'ok_key', name: 'x', permissions: 'company.read' } });
    expect(typed.statusCode).toBe(422);
    expect((await t.http({ method: 'PATCH', url: '/v1/team/roles/owner', token: owner.token, payload: { name: 'Boss' } })).statusCode).toBe(409);
    expect((await t.http({ method: 'DELETE', url: '/v1/team/roles/viewer', token: owner.token })).statusCode).toBe(409);
  });

  it('nobody grants permissions they do not hold; managers cannot manage roles at all', async () => {
    const custom = await t.http({ method: 'POST', url: '/v1/team/roles', token: owner.token, payload: { key: 'role_editor', name: 'Role editor', permissions: ['roles.manage', 'company.read'] } });
    expect(custom.statusCode).toBe(201);
    const { token: limited } = await addMember(t, owner, 'role_editor', 'Rhea Roles');
    const res = await t.http({ method: 'POST', url: '/v1/team/roles', token: limited, payload: { key: 'sneaky', name: 'Sneaky', permissions: ['team.manage'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'permissions[0]', code: 'not_held' });
    expect((await t.http({ method: 'POST', url: '/v1/team/roles', token: manager.token, payload: { key: 'x_role', name: 'x', permissions: ['company.read'] } })).statusCode).toBe(403);
  });

  it('custom roles of another company are invisible (404 to edit, unknown to assign)', async () => {
    await t.http({ method: 'POST', url: '/v1/team/roles', token: other.token, payload: { key: 'their_role', name: 'Theirs', permissions: ['company.read'] } });
    expect((await t.http({ method: 'PATCH', url: '/v1/team/roles/their_role', token: owner.token, payload: { name: 'Mine now' } })).statusCode).toBe(404);
    const assign = await t.http({ method: 'PATCH', url: `/v1/team/members/${manager.user.id}`, token: owner.token, payload: { role: 'their_role' } });
    expect(assign.statusCode).toBe(422);
    expect(assign.json().code).toBe('roles.unknown_role');
  });

  describe('facade', () => {
    it('createCompanyWithOwner joins the caller\'s unit of work even when its scope has no company', async () => {
      const uow = t.get(UnitOfWork);
      const user = prospect('Reg User');
      const { companyId, seen } = await uow.run({ userId: user.id }, async (tx) => {
        const created = await facade.createCompanyWithOwner({ ownerUserId: user.id, ownerEmail: user.email, ownerName: user.name, companyName: 'Registered Co' });
        // The caller's scope is restored: it still sees no tenant rows.
        const [row] = await queryRows<{ n: number; company: string }>(tx, sql`select count(*)::int as n, current_setting('app.company_id', true) as company from companies.companies`);
        return { companyId: created.companyId, seen: row };
      });
      expect(seen).toEqual({ n: 0, company: '' });
      expect(await facade.membershipsOf(user.id)).toEqual([{ companyId, companyName: 'Registered Co', companyStatus: 'pending_kyc', role: 'owner', permissions: Object.keys(PERMISSIONS), status: 'active' }]);
    });

    it('createCompanyWithOwner rolls back with the caller', async () => {
      const uow = t.get(UnitOfWork);
      const user = prospect('Rollback');
      await expect(
        uow.run({ userId: user.id }, async () => {
          await facade.createCompanyWithOwner({ ownerUserId: user.id, ownerEmail: user.email, ownerName: user.name, companyName: 'Never Co' });
          throw new Error('registration failed later');
        }),
      ).rejects.toThrow('registration failed later');
      expect(await facade.membershipsOf(user.id)).toEqual([]);
    });

    it('acceptInvitation during registration checks the email and lists every company of the user', async () => {
      const invitee = prospect('Multi');
      await t.http({ method: 'POST', url: '/v1/team/invitations', token: owner.token, payload: { email: invitee.email, role: 'viewer' } });
      await t.http({ method: 'POST', url: '/v1/team/invitations', token: other.token, payload: { email: invitee.email, role: 'member' } });
      const first = await invitationTokenFromMail(t, invitee.email, 0);
      const second = await invitationTokenFromMail(t, invitee.email, 1);
      await expect(facade.acceptInvitation({ token: first, userId: invitee.id, email: 'someone@else.in' })).rejects.toMatchObject({ code: 'invitation.email_mismatch' });
      await expect(facade.acceptInvitation({ token: 'x'.repeat(43), userId: invitee.id, email: invitee.email })).rejects.toMatchObject({ code: 'invitation.not_found' });
      await t.get(UnitOfWork).run({ userId: invitee.id }, () => facade.acceptInvitation({ token: first, userId: invitee.id, email: invitee.email.toUpperCase() }));
      await facade.acceptInvitation({ token: second, userId: invitee.id, email: invitee.email });
      const list = await facade.membershipsOf(invitee.id);
      expect(list.map((m) => [m.companyName, m.role]).sort()).toEqual([['Other Roles Co', 'member'], ['Roles Co', 'viewer']]);
      expect(await facade.membershipOf(invitee.id, owner.companyId)).toMatchObject({ role: 'viewer', permissions: ['company.read', 'warehouses.read', 'orders.read', 'rates.read', 'shipments.read'] });
      expect(await facade.membershipOf(manager.user.id, other.companyId)).toBeNull();
    });
  });
});
