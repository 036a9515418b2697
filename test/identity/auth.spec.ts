import { JwtService } from '@nestjs/jwt';
import { sql } from 'drizzle-orm';
import { LocalSmtpServer, queryRows } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { auditCount, login, mailsTo, PASSWORD, register, startIdentityApp, tokenFromMail, UA_FIREFOX_MAC, uniqueEmail } from './identity-test-kit';

async function count(t: TestApp, table: string, where = 'true'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from identity.${table} where ${where}`));
  return row.n;
}

describe('identity: sign-up, sign-in and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdentityApp({ LOCKOUT_MAX_ATTEMPTS: '3' });
  });
  afterAll(() => t.close());

  describe('POST /v1/auth/register', () => {
    it('creates the user and company, signs in and emails a verification link', async () => {
      const email = uniqueEmail('Reg');
      const res = await t.http({ method: 'POST', url: '/v1/auth/register', payload: { name: ' Asha ', email, password: PASSWORD, phone: '+919876543210', companyName: 'Asha Exports' } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.user).toMatchObject({ email: email.toLowerCase(), name: 'Asha', phone: '+919876543210', emailVerified: false });
      expect(body).toMatchObject({ companyId: expect.any(String), accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      const claims = t.get(JwtService).decode(body.accessToken);
      expect(claims).toMatchObject({ sub: body.user.id, cid: body.companyId, role: 'owner', typ: 'access', pa: false, sid: expect.any(String) });
      expect(claims.perms).toContain('api_keys.manage');
      const [row] = await queryRows<{ password_hash: string }>(t.database.db, sql`select password_hash from identity.users where id = ${body.user.id}`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      await tokenFromMail(t, email, 'identity.verify_email');
    });

    it('refuses a duplicate email in any case with 409 auth.email_taken and creates nothing', async () => {
      const { email } = await register(t);
      const before = await count(t, 'users');
      const res = await t.http({ method: 'POST', url: '/v1/auth/register', payload: { name: 'X', email: email.toUpperCase(), password: PASSWORD, phone: '9876543210', companyName: 'Dup' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('auth.email_taken');
      expect(await count(t, 'users')).toBe(before);
    });

    it.each([
      ['short password', { password: 'short' }, 'password', 'auth.weak_password'],
      ['password equal to the email', { email: 'same.as.pw@example.in', password: 'same.as.pw@example.in' }, 'password', 'auth.weak_password'],
      ['bad phone', { phone: '12345' }, 'phone', 'validation.failed'],
      ['missing company name', { companyName: undefined }, 'companyName', 'validation.failed'],
      ['unknown field', { isAdmin: true }, 'isAdmin', 'validation.failed'],
      ['wrong type', { name: 42 }, 'name', 'validation.failed'],
    ])('rejects %s with a 422 naming the field', async (_, patch, field, code) => {
      const before = await count(t, 'users');
      const payload = { name: 'Asha', email: uniqueEmail(), password: PASSWORD, phone: '9876543210', companyName: 'Co', ...patch };
      const res = await t.http({ method: 'POST', url: '/v1/auth/register', payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe(code);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count(t, 'users')).toBe(before);
    });

    it('rejects malformed JSON with 400', async () => {
      const res = await t.http({ method: 'POST', url: '/v1/auth/register', payload: '{"email":', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('request.malformed_json');
    });
  });

  describe('email verification', () => {
    it('verifies once with the emailed token; a reused or bogus token is refused', async () => {
      const u = await register(t);
      const token = await tokenFromMail(t, u.email, 'identity.verify_email');
      const ok = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ email: u.email, kind: 'email' });
      const me = await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken });
      expect(me.json().emailVerified).toBe(true);
      const again = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
      expect(again.statusCode).toBe(422);
      expect(again.json().code).toBe('auth.invalid_token');
      const bogus = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token: 'x'.repeat(43) } });
      expect(bogus.json().code).toBe('auth.invalid_token');
    });

    it('resends a fresh link (authenticated) and invalidates the old one', async () => {
      const u = await register(t);
      const first = await tokenFromMail(t, u.email, 'identity.verify_email');
      expect((await t.http({ method: 'POST', url: '/v1/auth/resend-verification' })).statusCode).toBe(401);
      const res = await t.http({ method: 'POST', url: '/v1/auth/resend-verification', token: u.accessToken });
      expect(res.statusCode).toBe(202);
      await new Promise((r) => setTimeout(r, 50));
      const all = mailsTo(t, u.email, 'identity.verify_email');
      expect(all).toHaveLength(2);
      const second = /token=([A-Za-z0-9_-]{43})/.exec(all[1].text)![1];
      expect((await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token: first } })).statusCode).toBe(422);
      expect((await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token: second } })).statusCode).toBe(200);
      const after = await t.http({ method: 'POST', url: '/v1/auth/resend-verification', token: u.accessToken });
      expect(after.statusCode).toBe(409);
      expect(after.json().code).toBe('auth.email_already_verified');
    });
  });

  describe('POST /v1/auth/login', () => {
    it('signs in with any email case and records a session', async () => {
      const u = await register(t);
      const res = await login(t, u.email.toUpperCase());
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.companyId).toBe(u.companyId);
      const claims = t.get(JwtService).decode(body.accessToken);
      expect(claims).toMatchObject({ sub: u.userId, cid: u.companyId, role: 'owner', typ: 'access' });
      expect(await count(t, 'sessions', `user_id = '${u.userId}'`)).toBe(2);
    });

    it('answers wrong password and unknown email alike with 401 auth.invalid_credentials', async () => {
      const u = await register(t);
      const wrong = await login(t, u.email, 'not the password at all');
      const unknown = await login(t, uniqueEmail('ghost'), 'not the password at all');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('auth.invalid_credentials');
      }
    });

    it('locks the email after LOCKOUT_MAX_ATTEMPTS failures, even for the right password', async () => {
      const u = await register(t);
      await login(t, u.email, 'wrong password 1');
      await login(t, u.email, 'wrong password 2');
      const third = await login(t, u.email, 'wrong password 3');
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ code: 'auth.account_locked', lockedUntil: expect.any(String) });
      const right = await login(t, u.email);
      expect(right.statusCode).toBe(429);
      expect(right.json().code).toBe('auth.account_locked');
      expect(await auditCount(t, 'auth.account_locked', u.userId)).toBe(1);
      expect(await auditCount(t, 'auth.login_failed', u.userId)).toBe(3);
    });

    it('emails a new-device alert for an unseen browser and network, not for a known one', async () => {
      const u = await register(t);
      await login(t, u.email);
      expect(mailsTo(t, u.email, 'identity.new_device')).toHaveLength(0);
      await login(t, u.email, PASSWORD, {}, UA_FIREFOX_MAC);
      const alert = await t.get(LocalSmtpServer).waitFor((m) => m.to.includes(u.email) && m.template === 'identity.new_device');
      expect(alert.text).toContain('Firefox on macOS');
    });

    it('refuses a deactivated account with auth.account_deactivated', async () => {
      const u = await register(t);
      expect((await t.http({ method: 'POST', url: '/v1/me/deactivate', token: u.accessToken })).statusCode).toBe(204);
      const res = await login(t, u.email);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.account_deactivated');
      const me = await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken });
      expect(me.json().code).toBe('auth.session_revoked');
    });

    it('rejects unknown fields and wrong types', async () => {
      const res = await t.http({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.in', password: 5, remember: true } });
      expect(res.statusCode).toBe(422);
      expect([...new Set(res.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(['password', 'remember']);
    });
  });

  describe('tokens', () => {
    it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
      const u = await register(t);
      const first = await t.http({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.refreshToken } });
      expect(first.statusCode).toBe(200);
      const rotated = first.json();
      expect(rotated.refreshToken).not.toBe(u.refreshToken);
      expect(rotated.companyId).toBe(u.companyId);

      const reuse = await t.http({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.refreshToken } });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().code).toBe('auth.refresh_reused');
      // The thief's and the owner's latest tokens are both dead now.
      const next = await t.http({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotated.refreshToken } });
      expect(next.statusCode).toBe(401);
      const me = await t.http({ method: 'GET', url: '/v1/me', token: rotated.accessToken });
      expect(me.statusCode).toBe(401);
      expect(me.json().code).toBe('auth.session_revoked');
    });

    it('refuses an unknown refresh token', async () => {
      const res = await t.http({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'nope' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_refresh_token');
    });

    it('rejects a JWT signed with another secret, an expired one and a missing one', async () => {
      const u = await register(t);
      const { exp: _exp, iat: _iat, ...claims } = t.get(JwtService).decode(u.accessToken);
      const forged = new JwtService({ secret: 'another-secret-another-secret-another-secret' }).sign({ ...claims, pa: true });
      const res = await t.http({ method: 'GET', url: '/v1/me', token: forged });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.invalid_token');
      const expired = t.get(JwtService).sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 3600 }, { expiresIn: 60 });
      const old = await t.http({ method: 'GET', url: '/v1/me', token: expired });
      expect(old.json().code).toBe('auth.token_expired');
      expect((await t.http({ method: 'GET', url: '/v1/me' })).json().code).toBe('auth.unauthenticated');
    });

    it('logs out the current session only', async () => {
      const u = await register(t);
      const other = (await login(t, u.email)).json();
      expect((await t.http({ method: 'POST', url: '/v1/auth/logout', token: u.accessToken })).statusCode).toBe(204);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().code).toBe('auth.session_revoked');
      expect((await t.http({ method: 'GET', url: '/v1/me', token: other.accessToken })).statusCode).toBe(200);
      expect((await t.http({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.refreshToken } })).statusCode).toBe(401);
    });

    it('switches company only to an active membership', async () => {
      const a = await register(t);
      const b = await register(t);
      const denied = await t.http({ method: 'POST', url: '/v1/auth/switch-company', token: a.accessToken, payload: { companyId: b.companyId } });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('auth.not_a_member');
      const same = await t.http({ method: 'POST', url: '/v1/auth/switch-company', token: a.accessToken, payload: { companyId: a.companyId } });
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ companyId: a.companyId, role: 'owner' });
      const bad = await t.http({ method: 'POST', url: '/v1/auth/switch-company', token: a.accessToken, payload: { companyId: 'not-a-uuid' } });
      expect(bad.statusCode).toBe(422);
    });
  });

  describe('password reset', () => {
    it('always answers 202, mails only real accounts, resets once and signs out everywhere', async () => {
      const u = await register(t);
      const ghost = await t.http({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: uniqueEmail('ghost') } });
      expect(ghost.statusCode).toBe(202);
      const res = await t.http({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: u.email } });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ghost.json());
      const token = await tokenFromMail(t, u.email, 'identity.password_reset');

      const weak = await t.http({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword: 'short' } });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().errors[0].field).toBe('newPassword');

      const ok = await t.http({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword: 'a brand new passphrase' } });
      expect(ok.statusCode).toBe(204);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().code).toBe('auth.session_revoked');
      expect((await login(t, u.email)).statusCode).toBe(401);
      expect((await login(t, u.email, 'a brand new passphrase')).statusCode).toBe(200);
      const reuse = await t.http({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword: 'yet another passphrase' } });
      expect(reuse.json().code).toBe('auth.invalid_token');
    });
  });
});

