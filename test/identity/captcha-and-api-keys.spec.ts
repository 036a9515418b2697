import { LocalSmtpServer } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { SiteverifySimulator } from '@shipcrowd/simulators';
import { login, PASSWORD, register, Registered, startIdentityApp, uniqueEmail } from './identity-test-kit';

let seq = 0;
const passToken = () => `pass-${Date.now().toString(36)}-${++seq}`;

describe('identity: CAPTCHA (Turnstile, sandbox siteverify simulator)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdentityApp({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 'test-secret', CAPTCHA_MODE: 'sandbox', LOGIN_CAPTCHA_AFTER_FAILURES: '2', LOCKOUT_MAX_ATTEMPTS: '10' });
  });
  afterAll(() => t.close());

  const signUp = (extra: Record<string, unknown>) =>
    t.http({ method: 'POST', url: '/v1/auth/register', payload: { name: 'Asha Verma', email: uniqueEmail('cap'), password: PASSWORD, phone: '9876543210', companyName: 'Verma Handicrafts', ...extra } });

  it('requires a captcha token on sign-up and accepts a valid one once', async () => {
    const missing = await signUp({});
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'auth.captcha_required', errors: [{ field: 'captchaToken', code: 'captcha_required' }] });

    const robot = await signUp({ captchaToken: 'robot-token' });
    expect(robot.statusCode).toBe(422);
    expect(robot.json()).toMatchObject({ code: 'auth.captcha_failed', errors: [{ field: 'captchaToken', code: 'captcha_failed' }] });

    const token = passToken();
    const ok = await signUp({ captchaToken: token });
    expect(ok.statusCode).toBe(201);
    // The token went to the provider with our secret.
    const call = t.get(SiteverifySimulator).requests.at(-1)!;
    expect(call.fields).toMatchObject({ secret: 'test-secret', response: token });
    // Turnstile tokens are single use.
    expect((await signUp({ captchaToken: token })).json().code).toBe('auth.captcha_failed');
  });

  it('asks for a captcha on sign-in only after LOGIN_CAPTCHA_AFTER_FAILURES failures', async () => {
    const u = await register(t, { captchaToken: passToken() });
    expect((await login(t, u.email)).statusCode).toBe(200);
    expect((await login(t, u.email, 'wrong password one')).json().code).toBe('auth.invalid_credentials');
    // One failure: still no captcha needed.
    expect((await login(t, u.email, 'wrong password two')).json().code).toBe('auth.invalid_credentials');

    const required = await login(t, u.email);
    expect(required.statusCode).toBe(422);
    expect(required.json().code).toBe('auth.captcha_required');
    expect((await login(t, u.email, PASSWORD, { captchaToken: 'robot' })).json().code).toBe('auth.captcha_failed');
    const ok = await login(t, u.email, PASSWORD, { captchaToken: passToken() });
    expect(ok.statusCode).toBe(200);
    // Success resets the count: no captcha next time.
    expect((await login(t, u.email)).statusCode).toBe(200);
  });

  it('asks unknown emails for a captcha just the same (no account enumeration)', async () => {
    const ghost = uniqueEmail('ghost');
    await login(t, ghost, 'nope nope nope');
    await login(t, ghost, 'nope nope nope');
    expect((await login(t, ghost, 'nope nope nope')).json().code).toBe('auth.captcha_required');
  });
});

describe('identity: API keys follow their creator\'s membership', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdentityApp({}, { teamRoutes: true });
  });
  afterAll(() => t.close());

  async function invitationToken(email: string): Promise<string> {
    const mail = await t.get(LocalSmtpServer).waitFor((m) => m.to.includes(email.toLowerCase()) && /accept-invite\?token=/.test(m.text));
    return decodeURIComponent(/accept-invite\?token=([A-Za-z0-9_%-]+)/.exec(mail.text)![1]);
  }

  /** An owner, an admin who joined by invitation, and an API key the admin created. */
  async function teamWithAdminKey(): Promise<{ owner: Registered; admin: Registered; key: string }> {
    const owner = await register(t);
    const email = uniqueEmail('admin').toLowerCase();
    const invited = await t.http({ method: 'POST', url: '/v1/team/invitations', token: owner.accessToken, payload: { email, role: 'admin' } });
    expect(invited.statusCode).toBe(201);
    const admin = await register(t, { email, invitationToken: await invitationToken(email), companyName: undefined });
    expect(admin.companyId).toBe(owner.companyId);
    const created = await t.http({ method: 'POST', url: '/v1/me/api-keys', token: admin.accessToken, payload: { name: 'Warehouse sync', scopes: ['company.read', 'api_keys.manage'] } });
    expect(created.statusCode).toBe(201);
    return { owner, admin, key: created.json().key };
  }

  const useKey = (key: string) => t.http({ method: 'GET', url: '/v1/me/api-keys', headers: { 'x-api-key': key } });

  it('stops working at once when the creator is removed from the company', async () => {
    const { owner, admin, key } = await teamWithAdminKey();
    expect((await useKey(key)).statusCode).toBe(200);
    const removed = await t.http({ method: 'DELETE', url: `/v1/team/members/${admin.userId}`, token: owner.accessToken });
    expect(removed.statusCode).toBe(204);
    const res = await useKey(key);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.api_key_creator_inactive');
    // The owner's own keys are unaffected.
    const ownerKey = (await t.http({ method: 'POST', url: '/v1/me/api-keys', token: owner.accessToken, payload: { name: 'Owner', scopes: ['company.read', 'api_keys.manage'] } })).json().key;
    expect((await useKey(ownerKey)).statusCode).toBe(200);
  });

  it('stops working when the creator is deactivated in the team', async () => {
    const { owner, admin, key } = await teamWithAdminKey();
    expect((await useKey(key)).statusCode).toBe(200);
    const deactivated = await t.http({ method: 'POST', url: `/v1/team/members/${admin.userId}/deactivate`, token: owner.accessToken });
    expect(deactivated.statusCode).toBe(200);
    expect((await useKey(key)).json().code).toBe('auth.api_key_creator_inactive');
  });

  it('stops working when the creator deactivates their own account', async () => {
    const { admin, key } = await teamWithAdminKey();
    expect((await useKey(key)).statusCode).toBe(200);
    expect((await t.http({ method: 'POST', url: '/v1/me/deactivate', token: admin.accessToken })).statusCode).toBe(204);
    expect((await useKey(key)).json().code).toBe('auth.api_key_creator_inactive');
  });

  it('still answers auth.invalid_api_key (not the membership code) for a wrong secret', async () => {
    const { owner, admin, key } = await teamWithAdminKey();
    await t.http({ method: 'DELETE', url: `/v1/team/members/${admin.userId}`, token: owner.accessToken });
    const tampered = `${key.slice(0, -4)}AAAA`;
    expect((await useKey(tampered)).json().code).toBe('auth.invalid_api_key');
  });
});
