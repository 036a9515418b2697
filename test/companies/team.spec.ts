import { sql } from 'drizzle-orm';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { LocalSmtpServer, queryRows, UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { addMember, companiesTestApp, invitationTokenFromMail, registerUser, seedCompany, Seat, sessionRevocations, signIn, uniqueEmail, withLostRevocation } from './support';

describe('team: members and invitations', () => {
  let t: TestApp;
  let owner: Seat;
  let admin: Seat;
  let member: Seat;
  let other: Seat;

  beforeAll(async () => {
    t = await companiesTestApp();
    owner = await seedCompany(t, 'Acme Shipping', 'Olga Owner');
    admin = await addMember(t, owner, 'admin', 'Adil Admin');
    member = await addMember(t, owner, 'member', 'Priya Member');
    other = await seedCompany(t, 'Rival Co', 'Rita Rival');
  });
  afterAll(() => t.close());

  describe('GET /v1/team/members', () => {
    it('lists members with filters, search and a cursor', async () => {
      const all = await t.http({ method: 'GET', url: '/v1/team/members', token: member.token });
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((m: { userId: string }) => m.userId)).toEqual([owner.user.id, admin.user.id, member.user.id]);
      expect(all.json().items[0]).toEqual({ userId: owner.user.id, email: owner.user.email, name: 'Olga Owner', role: 'owner', status: 'active', joinedAt: expect.any(String), version: 1 });

      const page1 = await t.http({ method: 'GET', url: '/v1/team/members?limit=2', token: member.token });
      expect(page1.json().items).toHaveLength(2);
      const page2 = await t.http({ method: 'GET', url: `/v1/team/members?limit=2&cursor=${page1.json().nextCursor}`, token: member.token });
      expect(page2.json()).toEqual({ items: [expect.objectContaining({ userId: member.user.id })], nextCursor: null });

      const byRole = await t.http({ method: 'GET', url: '/v1/team/members?role=admin', token: member.token });
      expect(byRole.json().items.map((m: { name: string }) => m.name)).toEqual(['Adil Admin']);
      const search = await t.http({ method: 'GET', url: '/v1/team/members?q=PRIYA', token: member.token });
      expect(search.json().items.map((m: { name: string }) => m.name)).toEqual(['Priya Member']);
    });

    it('rejects bad filters and cursors with 422', async () => {
      expect((await t.http({ method: 'GET', url: '/v1/team/members?status=gone', token: member.token })).statusCode).toBe(422);
      expect((await t.http({ method: 'GET', url: '/v1/team/members?limit=0', token: member.token })).statusCode).toBe(422);
      expect((await t.http({ method: 'GET', url: '/v1/team/members?cursor=%%%', token: member.token })).json().code).toBe('pagination.invalid_cursor');
    });

    it('refuses a token without team.read', async () => {
      const { token } = await addMember(t, owner, 'viewer', 'Vera Viewer');
      expect((await t.http({ method: 'GET', url: '/v1/team/members', token })).statusCode).toBe(403);
    });
  });

  describe('PATCH /v1/team/members/{userId}', () => {
    it('changes a role and returns the member with the new version', async () => {
      const res = await t.http({ method: 'PATCH', url: `/v1/team/members/${member.user.id}`, token: admin.token, payload: { role: 'manager', version: 1 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ userId: member.user.id, role: 'manager', version: 2 });
      const view = await t.get<CompaniesFacade>(COMPANIES_FACADE).membershipOf(member.user.id, owner.companyId);
      expect(view).toMatchObject({ role: 'manager', permissions: expect.arrayContaining(['company.read', 'team.read', 'team.invite', 'audit.read', 'api_keys.manage', 'orders.write']) });
    });

    it('refuses a stale version with 409', async () => {
      const res = await t.http({ method: 'PATCH', url: `/v1/team/members/${member.user.id}`, token: admin.token, payload: { role: 'viewer', version: 1 } });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('concurrency.stale_version');
    });

    it('only an owner may grant owner', async () => {
      const res = await t.http({ method: 'PATCH', url: `/v1/team/members/${member.user.id}`, token: admin.token, payload: { role: 'owner' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('team.owner_required');
    });

    it('a non-owner cannot demote an owner', async () => {
      const res = await t.http({ method: 'PATCH', url: `/v1/team/members/${owner.user.id}`, token: admin.token, payload: { role: 'member' } });
      expect(res.statusCode).toBe(403);
    });

    it('nobody changes themselves, and the last owner cannot be demoted', async () => {
      const self = await t.http({ method: 'PATCH', url: `/v1/team/members/${owner.user.id}`, token: owner.token, payload: { role: 'admin' } });
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('team.cannot_change_self');
    });

    it('rejects unknown roles (422), bad bodies (422) and ids of other companies or non-uuids (404)', async () => {
      const unknown = await t.http({ method: 'PATCH', url: `/v1/team/members/${member.user.id}`, token: admin.token, payload: { role: 'wizard' } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().code).toBe('roles.unknown_role');
      const badBody = await t.http({ method: 'PATCH', url: `/v1/team/members/${member.user.id}`, token: admin.token, payload: { role: 7, extra: true } });
      expect(badBody.statusCode).toBe(422);
      expect(badBody.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'role', 'role']);
      const foreign = await t.http({ method: 'PATCH', url: `/v1/team/members/${other.user.id}`, token: admin.token, payload: { role: 'member' } });
      expect(foreign.statusCode).toBe(404);
      const junk = await t.http({ method: 'PATCH', url: '/v1/team/members/not-a-uuid', token: admin.token, payload: { role: 'member' } });
      expect(junk.statusCode).toBe(404);
    });

    it('refuses a member without team.manage', async () => {
      const res = await t.http({ method: 'PATCH', url: `/v1/team/members/${admin.user.id}`, token: member.token, payload: { role: 'member' } });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('owners', () => {
    it('the last owner cannot be demoted, deactivated or removed, even by a second owner who then leaves', async () => {
      const second = await addMember(t, owner, 'owner', 'Second Owner');
      // Two owners: the second may demote the first.
      const demote = await t.http({ method: 'PATCH', url: `/v1/team/members/${owner.user.id}`, token: second.token, payload: { role: 'admin' } });
      expect(demote.statusCode).toBe(200);
      const ownerAsAdmin = await signIn(t, owner.user);
      // Now `second` is the last owner: an admin cannot touch them, and the rules stop the rest.
      const lastOwnerRemove = await t.http({ method: 'DELETE', url: `/v1/team/members/${second.user.id}`, token: ownerAsAdmin });
      expect(lastOwnerRemove.statusCode).toBe(403);
      // Restore: second promotes the original owner back, then the original owner can manage second.
      expect((await t.http({ method: 'PATCH', url: `/v1/team/members/${owner.user.id}`, token: second.token, payload: { role: 'owner' } })).statusCode).toBe(200);
      const deactivateSecond = await t.http({ method: 'POST', url: `/v1/team/members/${second.user.id}/deactivate`, token: owner.token });
      expect(deactivateSecond.statusCode).toBe(200);
      // With `second` deactivated, owner is the only active owner; second (reactivated) cannot demote them below one.
      expect((await t.http({ method: 'POST', url: `/v1/team/members/${second.user.id}/reactivate`, token: owner.token })).statusCode).toBe(200);
      expect((await t.http({ method: 'DELETE', url: `/v1/team/members/${second.user.id}`, token: owner.token })).statusCode).toBe(204);
      const count = await t.http({ method: 'GET', url: '/v1/team/members?role=owner', token: owner.token });
      expect(count.json().items).toHaveLength(1);
    });

    it('two owners demoting each other at the same time leave at least one owner', async () => {
      const co = await seedCompany(t, 'Duel Co', 'Duel One');
      const two = await addMember(t, co, 'owner', 'Duel Two');
      const results = await Promise.all([
        t.http({ method: 'PATCH', url: `/v1/team/members/${two.user.id}`, token: co.token, payload: { role: 'admin' } }),
        t.http({ method: 'PATCH', url: `/v1/team/members/${co.user.id}`, token: two.token, payload: { role: 'admin' } }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      // One wins; the loser is refused either as no longer an owner (403) or, when both ran truly in parallel, as the last owner (409).
      expect(codes[0]).toBe(200);
      expect([403, 409]).toContain(codes[1]);
      const owners = await t.http({ method: 'GET', url: '/v1/team/members?role=owner', token: co.token });
      expect(owners.json().items).toHaveLength(1);
    });

    it('a deactivated owner cannot manage anyone with a leftover token', async () => {
      const second = await addMember(t, owner, 'owner', 'Temp Owner');
      expect((await t.http({ method: 'POST', url: `/v1/team/members/${owner.user.id}/deactivate`, token: second.token })).statusCode).toBe(200);
      // Identity signs the deactivated owner out at once...
      const leftover = await t.http({ method: 'DELETE', url: `/v1/team/members/${second.user.id}`, token: owner.token });
      expect(leftover.statusCode).toBe(401);
      expect(leftover.json().code).toBe('auth.session_revoked');
      // ...and should a revocation ever be lost, the team rules still refuse the deactivated actor.
      const res = await t.http({ method: 'DELETE', url: `/v1/team/members/${second.user.id}`, token: withLostRevocation(t, owner.token) });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('team.actor_deactivated');
      expect((await t.http({ method: 'POST', url: `/v1/team/members/${owner.user.id}/reactivate`, token: second.token })).statusCode).toBe(200);
      owner.token = await signIn(t, owner.user);
      expect((await t.http({ method: 'DELETE', url: `/v1/team/members/${second.user.id}`, token: owner.token })).statusCode).toBe(204);
    });
  });

  describe('deactivate, reactivate, remove', () => {
    it('deactivating signs the member out everywhere; repeating is harmless; reactivating restores', async () => {
      const victim = await addMember(t, owner, 'viewer', 'Dev Deactivated');
      const res = await t.http({ method: 'POST', url: `/v1/team/members/${victim.user.id}/deactivate`, token: admin.token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'deactivated' });
      const signedOut = await t.http({ method: 'GET', url: '/v1/companies/current', token: victim.token });
      expect(signedOut.statusCode).toBe(401);
      expect(signedOut.json().code).toBe('auth.session_revoked');
      expect(await sessionRevocations(t, victim.user.id)).toEqual(['member_deactivated']);
      // They may still sign in (to no company); repeating the deactivation must not sign them out again.
      const fresh = await signIn(t, victim.user);
      const again = await t.http({ method: 'POST', url: `/v1/team/members/${victim.user.id}/deactivate`, token: admin.token });
      expect(again.statusCode).toBe(200);
      expect(await sessionRevocations(t, victim.user.id)).toEqual(['member_deactivated', null]);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: fresh })).json()).toMatchObject({ id: victim.user.id, company: null });
      const memberships = await t.get<CompaniesFacade>(COMPANIES_FACADE).membershipsOf(victim.user.id);
      expect(memberships).toEqual([]);
      const back = await t.http({ method: 'POST', url: `/v1/team/members/${victim.user.id}/reactivate`, token: admin.token });
      expect(back.json()).toMatchObject({ status: 'active' });
    });

    it('removing deletes the membership and signs the person out; a second delete is 404', async () => {
      const leaver = await addMember(t, owner, 'member', 'Lena Leaver');
      const res = await t.http({ method: 'DELETE', url: `/v1/team/members/${leaver.user.id}`, token: admin.token });
      expect(res.statusCode).toBe(204);
      const signedOut = await t.http({ method: 'GET', url: '/v1/team/members', token: leaver.token });
      expect(signedOut.statusCode).toBe(401);
      expect(signedOut.json().code).toBe('auth.session_revoked');
      expect(await sessionRevocations(t, leaver.user.id)).toEqual(['member_removed']);
      expect(await t.get<CompaniesFacade>(COMPANIES_FACADE).membershipOf(leaver.user.id, owner.companyId)).toBeNull();
      expect((await t.http({ method: 'DELETE', url: `/v1/team/members/${leaver.user.id}`, token: admin.token })).statusCode).toBe(404);
    });

    it('other companies\' members are 404 for every action', async () => {
      for (const [method, suffix] of [['POST', '/deactivate'], ['POST', '/reactivate'], ['DELETE', '']] as const) {
        const res = await t.http({ method, url: `/v1/team/members/${other.user.id}${suffix}`, token: owner.token });
        expect(res.statusCode).toBe(404);
      }
    });

    it('a member without team.manage gets 403', async () => {
      expect((await t.http({ method: 'POST', url: `/v1/team/members/${admin.user.id}/deactivate`, token: member.token })).statusCode).toBe(403);
      expect((await t.http({ method: 'DELETE', url: `/v1/team/members/${admin.user.id}`, token: member.token })).statusCode).toBe(403);
    });
  });

  describe('invitations', () => {
    it('invites by email with a 7-day link, lists and refreshes a pending invitation', async () => {
      const lower = uniqueEmail('new.hire');
      const email = lower.replace('new.hire', 'New.Hire').replace('example.in', 'Example.in');
      const res = await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email, role: 'member' } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ email: lower, role: 'member', refreshed: false, expired: false });
      const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      const mail = await t.get(LocalSmtpServer).waitFor((m) => m.to.includes(lower));
      expect(mail.text).toContain('http://localhost:3000/accept-invite?token=');
      expect(mail.subject).toContain('Acme Shipping');
      const first = await invitationTokenFromMail(t, lower);

      const again = await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email, role: 'viewer' } });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ id: body.id, role: 'viewer', refreshed: true });
      const second = await invitationTokenFromMail(t, lower, 1);
      expect(second).not.toBe(first);

      const list = await t.http({ method: 'GET', url: '/v1/team/invitations', token: member.token });
      expect(list.json().items.map((i: { email: string }) => i.email)).toContain(lower);

      // The old token died with the refresh; the new one works for the right person only.
      // The hire already has an account (with their own company) and accepts while signed in.
      const { token: hireToken } = await registerUser(t, { name: 'New Hire', email, companyName: 'Hire Freelance' });
      const stale = await t.http({ method: 'POST', url: `/v1/team/invitations/${first}/accept`, token: hireToken });
      expect(stale.statusCode).toBe(404);
      const stranger = await registerUser(t, { name: 'Stranger', companyName: 'Stranger Co' });
      const wrongPerson = await t.http({ method: 'POST', url: `/v1/team/invitations/${second}/accept`, token: stranger.token });
      expect(wrongPerson.statusCode).toBe(403);
      expect(wrongPerson.json().code).toBe('invitation.email_mismatch');
      const accepted = await t.http({ method: 'POST', url: `/v1/team/invitations/${second}/accept`, token: hireToken });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toEqual({ companyId: owner.companyId, role: 'viewer' });
      const reused = await t.http({ method: 'POST', url: `/v1/team/invitations/${second}/accept`, token: hireToken });
      expect(reused.statusCode).toBe(409);
      const members = await t.http({ method: 'GET', url: '/v1/team/members?q=new.hire', token: member.token });
      expect(members.json().items).toEqual([expect.objectContaining({ name: 'New Hire', role: 'viewer' })]);
    });

    it('refuses to invite an existing member (409), bad emails (422), unknown roles (422), and owner from a non-owner (403)', async () => {
      const existing = await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email: member.user.email.toUpperCase(), role: 'member' } });
      expect(existing.statusCode).toBe(409);
      expect(existing.json().code).toBe('team.already_member');
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email: 'nope', role: 'member' } })).statusCode).toBe(422);
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email: 'x@y.in', role: 'wizard' } })).statusCode).toBe(422);
      const owner403 = await t.http({ method: 'POST', url: '/v1/team/invitations', token: admin.token, payload: { email: 'boss@y.in', role: 'owner' } });
      expect(owner403.statusCode).toBe(403);
      const { token: viewerToken } = await addMember(t, owner, 'member', 'Mo Member'); // company.read + team.read, no team.invite
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations', token: viewerToken, payload: { email: 'a@b.in', role: 'member' } })).statusCode).toBe(403);
    });

    it('revokes a pending invitation; its link stops working; other companies\' invitations are 404', async () => {
      const email = uniqueEmail('revoked');
      const res = await t.http({ method: 'POST', url: '/v1/team/invitations', token: owner.token, payload: { email, role: 'member' } });
      const token = await invitationTokenFromMail(t, email);
      const foreign = await t.http({ method: 'DELETE', url: `/v1/team/invitations/${res.json().id}`, token: other.token });
      expect(foreign.statusCode).toBe(404);
      const revoke = await t.http({ method: 'DELETE', url: `/v1/team/invitations/${res.json().id}`, token: owner.token });
      expect(revoke.statusCode).toBe(204);
      expect((await t.http({ method: 'DELETE', url: `/v1/team/invitations/${res.json().id}`, token: owner.token })).statusCode).toBe(409);
      const user = await registerUser(t, { name: 'Revoked', email, companyName: 'Revoked Co' });
      const accept = await t.http({ method: 'POST', url: `/v1/team/invitations/${token}/accept`, token: user.token });
      expect(accept.statusCode).toBe(409);
      expect(accept.json().code).toBe('invitation.not_pending');
    });

    it('rejects garbage tokens with 404 and unauthenticated accepts with 401', async () => {
      const { token } = await registerUser(t, { name: 'Nobody', companyName: 'Nobody Co' });
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations/short/accept', token })).statusCode).toBe(404);
      expect((await t.http({ method: 'POST', url: `/v1/team/invitations/${'a'.repeat(43)}/accept`, token })).statusCode).toBe(404);
      expect((await t.http({ method: 'POST', url: `/v1/team/invitations/${'a'.repeat(43)}/accept` })).statusCode).toBe(401);
    });

    it('an expired invitation cannot be accepted', async () => {
      const email = uniqueEmail('late');
      await t.http({ method: 'POST', url: '/v1/team/invitations', token: owner.token, payload: { email, role: 'member' } });
      const token = await invitationTokenFromMail(t, email);
      await t.database.ownerExec(`update companies.invitations set expires_at = now() - interval '1 minute' where email = '${email}'`);
      const user = await registerUser(t, { name: 'Late', email, companyName: 'Late Co' });
      const res = await t.http({ method: 'POST', url: `/v1/team/invitations/${token}/accept`, token: user.token });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('invitation.expired');
    });

    it('caps a company at 200 members, pending invitations included', async () => {
      const cap = await seedCompany(t, 'Crowded Co');
      await t.database.ownerExec(
        `insert into companies.memberships (id, company_id, user_id, email, role, status, created_at, updated_at)
         select gen_random_uuid(), '${cap.companyId}', gen_random_uuid(), 'filler' || g || '@x.in', 'viewer', 'active', now(), now() from generate_series(1, 198) g`,
      );
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations', token: cap.token, payload: { email: 'the200th@x.in', role: 'viewer' } })).statusCode).toBe(201);
      const over = await t.http({ method: 'POST', url: '/v1/team/invitations', token: cap.token, payload: { email: 'the201st@x.in', role: 'viewer' } });
      expect(over.statusCode).toBe(409);
      expect(over.json().code).toBe('team.member_limit');
      // Refreshing an existing invitation is still allowed at the cap.
      expect((await t.http({ method: 'POST', url: '/v1/team/invitations', token: cap.token, payload: { email: 'the200th@x.in', role: 'viewer' } })).statusCode).toBe(201);
    });
  });

  it('row-level security: inside company A\'s scope an unfiltered query cannot see company B\'s members', async () => {
    const uow = t.get(UnitOfWork);
    const rows = await uow.run({ companyId: owner.companyId, userId: owner.user.id }, (tx) =>
      queryRows<{ company_id: string; user_id: string }>(tx, sql`select company_id, user_id from companies.memberships`),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.company_id))).toEqual(new Set([owner.companyId]));
    expect(rows.map((r) => r.user_id)).not.toContain(other.user.id);
    const companiesSeen = await uow.run({ companyId: owner.companyId }, (tx) => queryRows<{ id: string }>(tx, sql`select id from companies.companies`));
    expect(companiesSeen.map((c) => c.id)).toEqual([owner.companyId]);
    const none = await uow.run({}, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from companies.memberships`));
    expect(none[0].n).toBe(0);
    const error = await uow
      .run({ companyId: owner.companyId }, (tx) => tx.execute(sql`insert into companies.memberships (id, company_id, user_id, email, role, status, created_at, updated_at) values (gen_random_uuid(), ${other.companyId}, gen_random_uuid(), 'x@y.in', 'owner', 'active', now(), now())`))
      .then(() => null, (e: Error & { cause?: Error }) => e);
    expect(String(error?.cause?.message ?? error?.message)).toMatch(/row-level security/);
  });
});
