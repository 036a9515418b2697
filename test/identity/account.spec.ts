import { sql } from 'drizzle-orm';
import { LocalSmtpServer, queryRows } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { PurgeDeletedAccounts } from '@shipcrowd/identity';
import { CommandBus } from '@nestjs/cqrs';
import { auditCount, login, PASSWORD, register, startIdentityApp, tokenFromMail, UA_FIREFOX_MAC, uniqueEmail } from './identity-test-kit';

function png(width: number, height: number): Buffer {
  // A real PNG header (signature + IHDR) is what image-size reads; the rest of the file is irrelevant to it.
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8;
  ihdr[17] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.alloc(64)]);
}

function multipart(field: string, filename: string, contentType: string, bytes: Buffer) {
  const boundary = '----shipcrowdtest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('identity: the signed-in user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdentityApp();
  });
  afterAll(() => t.close());

  it('GET /v1/me returns the profile with the company from the token; PATCH updates it', async () => {
    const u = await register(t);
    const me = await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: u.userId, email: u.email, emailVerified: false, phone: '+919876543210', backupEmail: null, avatarUrl: null, platformAdmin: false, company: { id: u.companyId, role: 'owner' } });
    expect(me.json().company.permissions).toContain('company.read');

    const patched = await t.http({ method: 'PATCH', url: '/v1/me', token: u.accessToken, payload: { name: 'Asha V', phone: '7000000000' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Asha V', phone: '+917000000000' });
    const bad = await t.http({ method: 'PATCH', url: '/v1/me', token: u.accessToken, payload: { phone: '5550000000', email: 'x@y.in' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'phone']);
  });

  it('lists sessions with the current flag, revokes one, others, and never another user\'s', async () => {
    const u = await register(t);
    const second = (await login(t, u.email, PASSWORD, {}, UA_FIREFOX_MAC)).json();
    const third = (await login(t, u.email)).json();
    const list = await t.http({ method: 'GET', url: '/v1/me/sessions', token: u.accessToken });
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items).toHaveLength(3);
    expect(items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(items.map((s: { device: string }) => s.device)).toContain('Firefox on macOS');

    const stranger = await register(t);
    const strangerSessions = (await t.http({ method: 'GET', url: '/v1/me/sessions', token: stranger.accessToken })).json().items;
    const foreign = await t.http({ method: 'DELETE', url: `/v1/me/sessions/${strangerSessions[0].id}`, token: u.accessToken });
    expect(foreign.statusCode).toBe(404);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: stranger.accessToken })).statusCode).toBe(200);
    expect((await t.http({ method: 'DELETE', url: '/v1/me/sessions/not-a-uuid', token: u.accessToken })).statusCode).toBe(422);

    const secondId = items.find((s: { device: string }) => s.device === 'Firefox on macOS').id;
    expect((await t.http({ method: 'DELETE', url: `/v1/me/sessions/${secondId}`, token: u.accessToken })).statusCode).toBe(204);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: second.accessToken })).json().code).toBe('auth.session_revoked');
    expect(await auditCount(t, 'auth.session_revoked', secondId)).toBe(1);

    const others = await t.http({ method: 'POST', url: '/v1/me/sessions/revoke-others', token: u.accessToken });
    expect(others.json()).toEqual({ revoked: 1 });
    expect((await t.http({ method: 'GET', url: '/v1/me', token: third.accessToken })).statusCode).toBe(401);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).statusCode).toBe(200);
  });

  it('changes the password with the current one and signs out other sessions', async () => {
    const u = await register(t);
    const other = (await login(t, u.email)).json();
    const wrong = await t.http({ method: 'POST', url: '/v1/me/password', token: u.accessToken, payload: { currentPassword: 'not my password', newPassword: 'a new long passphrase' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('auth.wrong_password');
    const ok = await t.http({ method: 'POST', url: '/v1/me/password', token: u.accessToken, payload: { currentPassword: PASSWORD, newPassword: 'a new long passphrase' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: other.accessToken })).statusCode).toBe(401);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).statusCode).toBe(200);
    expect((await login(t, u.email, 'a new long passphrase')).statusCode).toBe(200);
    expect(await auditCount(t, 'auth.password_changed', u.userId)).toBe(1);
  });

  it('changes the email only after the new address confirms; the old address is told', async () => {
    const u = await register(t);
    const taken = await register(t);
    const dup = await t.http({ method: 'POST', url: '/v1/me/email', token: u.accessToken, payload: { newEmail: taken.email, password: PASSWORD } });
    expect(dup.statusCode).toBe(409);
    const wrongPw = await t.http({ method: 'POST', url: '/v1/me/email', token: u.accessToken, payload: { newEmail: uniqueEmail(), password: 'wrong password!' } });
    expect(wrongPw.json().code).toBe('auth.wrong_password');

    const newEmail = uniqueEmail('moved').toLowerCase();
    expect((await t.http({ method: 'POST', url: '/v1/me/email', token: u.accessToken, payload: { newEmail, password: PASSWORD } })).statusCode).toBe(202);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().email).toBe(u.email);
    const token = await tokenFromMail(t, newEmail, 'identity.email_change');
    const ok = await t.http({ method: 'POST', url: '/v1/auth/confirm-email-change', payload: { token } });
    expect(ok.statusCode).toBe(200);
    expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json()).toMatchObject({ email: newEmail, emailVerified: true });
    await t.get(LocalSmtpServer).waitFor((m) => m.to.includes(u.email) && m.template === 'identity.email_changed');
    expect((await login(t, newEmail)).statusCode).toBe(200);
    expect((await t.http({ method: 'POST', url: '/v1/auth/confirm-email-change', payload: { token } })).json().code).toBe('auth.invalid_token');
  });

  it('sets and verifies a backup email, which then receives password resets on request', async () => {
    const u = await register(t);
    const backup = uniqueEmail('backup').toLowerCase();
    expect((await t.http({ method: 'PUT', url: '/v1/me/backup-email', token: u.accessToken, payload: { email: u.email } })).statusCode).toBe(422);
    expect((await t.http({ method: 'PUT', url: '/v1/me/backup-email', token: u.accessToken, payload: { email: backup } })).statusCode).toBe(202);
    const token = await tokenFromMail(t, backup, 'identity.backup_email');
    expect((await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } })).json()).toEqual({ email: backup, kind: 'backup_email' });
    expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json()).toMatchObject({ backupEmail: backup, backupEmailVerified: true });
    await t.http({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: u.email, useBackupEmail: true } });
    await tokenFromMail(t, backup, 'identity.password_reset');
  });

  describe('API keys', () => {
    it('creates a key shown once, authenticates with it within its scopes, lists and revokes it', async () => {
      const u = await register(t);
      const created = await t.http({ method: 'POST', url: '/v1/me/api-keys', token: u.accessToken, payload: { name: 'Warehouse sync', scopes: ['company.read', 'api_keys.manage'] } });
      expect(created.statusCode).toBe(201);
      const key = created.json();
      expect(key.key).toMatch(new RegExp(`^sc_live_${key.prefix}_[A-Za-z0-9_-]{43}$`));
      const [stored] = await queryRows<{ secret_hash: string }>(t.database.db, sql`select secret_hash from identity.api_keys where id = ${key.id}`);
      expect(stored).toBeUndefined(); // RLS: no company in scope, no rows

      const viaKey = await t.http({ method: 'GET', url: '/v1/me/api-keys', headers: { 'x-api-key': key.key } });
      expect(viaKey.statusCode).toBe(200);
      const listed = viaKey.json().items;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: key.id, prefix: key.prefix, name: 'Warehouse sync', scopes: ['api_keys.manage', 'company.read'], revokedAt: null, lastUsedAt: expect.any(String) });
      expect(JSON.stringify(listed)).not.toContain(key.key.split('_').pop());

      const tampered = key.key.slice(0, -1) + (key.key.endsWith('A') ? 'B' : 'A');
      expect((await t.http({ method: 'GET', url: '/v1/me/api-keys', headers: { 'x-api-key': tampered } })).json().code).toBe('auth.invalid_api_key');

      expect((await t.http({ method: 'DELETE', url: `/v1/me/api-keys/${key.id}`, token: u.accessToken })).statusCode).toBe(204);
      expect((await t.http({ method: 'GET', url: '/v1/me/api-keys', headers: { 'x-api-key': key.key } })).statusCode).toBe(401);
      expect(await auditCount(t, 'api_key.created', key.id)).toBe(1);
      expect(await auditCount(t, 'api_key.revoked', key.id)).toBe(1);
    });

    it('refuses unknown scopes and bad input; another company\'s key is not found', async () => {
      const a = await register(t);
      const b = await register(t);
      const unknown = await t.http({ method: 'POST', url: '/v1/me/api-keys', token: a.accessToken, payload: { name: 'x', scopes: ['everything'] } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors[0].field).toBe('scopes');
      const past = await t.http({ method: 'POST', url: '/v1/me/api-keys', token: a.accessToken, payload: { name: 'x', scopes: [], expiresAt: '2001-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(422);
      const bKey = (await t.http({ method: 'POST', url: '/v1/me/api-keys', token: b.accessToken, payload: { name: 'b', scopes: ['company.read'] } })).json();
      const cross = await t.http({ method: 'DELETE', url: `/v1/me/api-keys/${bKey.id}`, token: a.accessToken });
      expect(cross.statusCode).toBe(404);
      expect((await t.http({ method: 'GET', url: '/v1/me/api-keys', token: a.accessToken })).json().items).toHaveLength(0);
      // A key without api_keys.manage cannot manage keys.
      expect((await t.http({ method: 'GET', url: '/v1/me/api-keys', headers: { 'x-api-key': bKey.key } })).json().code).toBe('auth.permission_denied');
    });
  });

  describe('avatar', () => {
    it('stores a real PNG and serves a signed URL', async () => {
      const u = await register(t);
      const res = await t.http({ method: 'PUT', url: '/v1/me/avatar', token: u.accessToken, ...multipart('file', 'me.png', 'image/png', png(256, 256)) });
      expect(res.statusCode).toBe(200);
      expect(res.json().avatarUrl).toEqual(expect.any(String));
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().avatarUrl).toEqual(expect.any(String));
    });

    it('refuses non-images claiming to be PNG, oversize dimensions and missing files', async () => {
      const u = await register(t);
      const fake = await t.http({ method: 'PUT', url: '/v1/me/avatar', token: u.accessToken, ...multipart('file', 'x.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')) });
      expect(fake.statusCode).toBe(422);
      expect(fake.json().code).toBe('avatar.unsupported_type');
      const huge = await t.http({ method: 'PUT', url: '/v1/me/avatar', token: u.accessToken, ...multipart('file', 'x.png', 'image/png', png(4000, 100)) });
      expect(huge.json().code).toBe('avatar.too_large_dimensions');
      const big = await t.http({ method: 'PUT', url: '/v1/me/avatar', token: u.accessToken, ...multipart('file', 'x.png', 'image/png', Buffer.concat([png(10, 10), Buffer.alloc(2 * 1_048_576 + 10)])) });
      expect(big.statusCode).toBe(413);
      const json = await t.http({ method: 'PUT', url: '/v1/me/avatar', token: u.accessToken, payload: { file: 'x' } });
      expect(json.statusCode).toBe(415);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().avatarUrl).toBeNull();
    });
  });

  describe('deletion', () => {
    it('schedules with the password, cancels, and purges only when due', async () => {
      const u = await register(t);
      expect((await t.http({ method: 'POST', url: '/v1/me/deletion', token: u.accessToken, payload: { password: 'wrong password' } })).statusCode).toBe(422);
      expect((await t.http({ method: 'DELETE', url: '/v1/me/deletion', token: u.accessToken })).statusCode).toBe(409);
      const scheduled = await t.http({ method: 'POST', url: '/v1/me/deletion', token: u.accessToken, payload: { password: PASSWORD } });
      expect(scheduled.statusCode).toBe(202);
      const due = new Date(scheduled.json().deleteAfter).getTime();
      expect(due - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().status).toBe('pending_deletion');
      expect((await login(t, u.email)).statusCode).toBe(200);
      expect((await t.http({ method: 'DELETE', url: '/v1/me/deletion', token: u.accessToken })).statusCode).toBe(204);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).json().status).toBe('active');

      const doomed = await register(t);
      await t.http({ method: 'POST', url: '/v1/me/deletion', token: doomed.accessToken, payload: { password: PASSWORD } });
      await t.database.ownerExec(`update identity.users set deletion_scheduled_for = now() - interval '1 minute' where id = '${doomed.userId}'`);
      const result = await t.get(CommandBus).execute(new PurgeDeletedAccounts());
      expect(result).toEqual({ purged: 1 });
      expect((await login(t, doomed.email)).statusCode).toBe(401);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: doomed.accessToken })).statusCode).toBe(401);
      expect((await t.http({ method: 'GET', url: '/v1/me', token: u.accessToken })).statusCode).toBe(200);
    });
  });
});

