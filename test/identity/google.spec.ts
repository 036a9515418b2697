import { JwtService } from '@nestjs/jwt';
import { sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { queryRows } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { GoogleOAuthSimulator, GoogleTestAccount } from '@shipcrowd/simulators';
import { auditCount, login, register, startIdentityApp, tokenFromMail, UA_CHROME_WIN, uniqueEmail } from './identity-test-kit';

const CLIENT_ID = 'shipcrowd-test.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-shipcrowd-test-secret';
const CALLBACK = 'http://localhost/v1/auth/google/callback';

function account(overrides: Partial<GoogleTestAccount> = {}): GoogleTestAccount {
  const sub = `1${BigInt(`0x${newId().replace(/-/g, '').slice(-15)}`).toString()}`;
  return { sub, email: uniqueEmail('g').toLowerCase(), email_verified: true, name: 'Ravi Kumar', given_name: 'Ravi', family_name: 'Kumar', picture: 'https://lh3.googleusercontent.com/a/ravi', ...overrides };
}

async function userRow(t: TestApp, id: string) {
  const [row] = await queryRows<{ email: string; password_hash: string | null; google_subject: string | null; email_verified_at: Date | null }>(
    t.database.db,
    sql`select email, password_hash, google_subject, email_verified_at from identity.users where id = ${id}`,
  );
  return row;
}

describe('identity: sign-in with Google (against the Google OAuth simulator)', () => {
  const google = new GoogleOAuthSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [CALLBACK] });
  let t: TestApp;

  beforeAll(async () => {
    await google.start(0);
    t = await startIdentityApp({
      GOOGLE_CLIENT_ID: CLIENT_ID,
      GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
      GOOGLE_CALLBACK_URL: CALLBACK,
      GOOGLE_AUTHORIZATION_URL: google.authorizationUrl,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_USERINFO_URL: google.userinfoUrl,
    });
  });
  afterAll(async () => {
    await t.close();
    await google.stop();
  });
  beforeEach(() => google.setConsent('approve'));

  /** GET /v1/auth/google → Google's consent page (simulator, over real HTTP) → the callback URL it redirects to. */
  async function toGoogleAndBack(as?: GoogleTestAccount) {
    if (as) google.setAccount(as);
    const start = await t.http({ method: 'GET', url: '/v1/auth/google', headers: { 'user-agent': UA_CHROME_WIN } });
    expect(start.statusCode).toBe(302);
    const authorizationUrl = new URL(start.headers.location as string);
    const cookie = String(start.headers['set-cookie']).split(';')[0];
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    return { authorizationUrl, cookie, back, setCookie: String(start.headers['set-cookie']) };
  }

  function callback(back: URL, cookie?: string, search = back.search) {
    return t.http({ method: 'GET', url: `${back.pathname}${search}`, headers: { 'user-agent': UA_CHROME_WIN, ...(cookie ? { cookie } : {}) } });
  }

  it('redirects to Google with client id, callback, scopes, PKCE and a state bound to an HttpOnly cookie', async () => {
    const { authorizationUrl, setCookie, back } = await toGoogleAndBack(account());
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(google.authorizationUrl);
    const q = authorizationUrl.searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(CALLBACK);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')!.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const state = q.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toBe(`sc_google_state=${state}; Path=/v1/auth/google; Max-Age=600; HttpOnly; SameSite=Lax`);
    // Google sends the user back to the registered callback with the code and the same state.
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe(state);
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('creates a new user (verified email, no password, no company) and answers tokens with companyId null', async () => {
    const who = account({ email: 'Ravi.NEW.' + uniqueEmail('x') });
    const { back, cookie } = await toGoogleAndBack(who);
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ isNewUser: true, linked: false, companyId: null, nextStep: 'join_company', tokenType: 'Bearer', expiresIn: 900 });
    expect(body.user).toMatchObject({ email: who.email.toLowerCase(), name: 'Ravi Kumar', emailVerified: true, phone: null });
    expect(String(res.headers['set-cookie'])).toContain('sc_google_state=; Path=/v1/auth/google; Max-Age=0');
    expect(t.get(JwtService).decode(body.accessToken)).toMatchObject({ sub: body.user.id, cid: null, role: null, perms: [] });

    // The code was exchanged with the PKCE verifier, and the token used for userinfo.
    const exchange = google.requests.filter((r) => r.path === '/token').at(-1)!;
    expect(exchange.fields).toMatchObject({ grant_type: 'authorization_code', code: back.searchParams.get('code'), redirect_uri: CALLBACK, client_id: CLIENT_ID });
    expect(exchange.fields.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await userRow(t, body.user.id);
    expect(row).toMatchObject({ password_hash: null, google_subject: who.sub });
    expect(row.email_verified_at).not.toBeNull();
    expect(await auditCount(t, 'auth.login_google', body.user.id)).toBe(1);
    expect(await auditCount(t, 'auth.registered', body.user.id)).toBe(1);

    const me = await t.http({ method: 'GET', url: '/v1/me', token: body.accessToken });
    expect(me.statusCode).toBe(200);
    // No password: the password sign-in refuses like any wrong password.
    expect((await login(t, who.email, 'any password at all')).json().code).toBe('auth.invalid_credentials');

    // Next time the same Google account signs in to the same user.
    const again = await toGoogleAndBack(who);
    const second = await callback(again.back, again.cookie);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ isNewUser: false, linked: false, user: { id: body.user.id } });
    expect(await auditCount(t, 'auth.login_google', body.user.id)).toBe(2);
  });

  it('links an existing account whose email both Google and Shipcrowd verified, and signs into its company', async () => {
    const u = await register(t);
    const verify = await t.http({ method: 'POST', url: '/v1/auth/verify-email', payload: { token: await tokenFromMail(t, u.email, 'identity.verify_email') } });
    expect(verify.statusCode).toBe(200);
    const who = account({ email: u.email.toUpperCase() });
    const { back, cookie } = await toGoogleAndBack(who);
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isNewUser: false, linked: true, companyId: u.companyId, nextStep: null, user: { id: u.userId } });
    expect(t.get(JwtService).decode(res.json().accessToken)).toMatchObject({ sub: u.userId, cid: u.companyId, role: 'owner' });
    expect((await userRow(t, u.userId)).google_subject).toBe(who.sub);
    expect(await auditCount(t, 'auth.google_linked', u.userId)).toBe(1);
    expect(await auditCount(t, 'auth.login_google', u.userId)).toBe(1);
    // The password keeps working.
    expect((await login(t, u.email)).statusCode).toBe(200);
  });

  it('does not link to an account that has not verified its email (409) and creates nothing', async () => {
    const u = await register(t);
    const { back, cookie } = await toGoogleAndBack(account({ email: u.email }));
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'auth.google_link_conflict', reason: 'email_unverified' });
    expect((await userRow(t, u.userId)).google_subject).toBeNull();
  });

  it('refuses a Google account whose email Google has not verified', async () => {
    const who = account({ email_verified: false });
    const { back, cookie } = await toGoogleAndBack(who);
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.google_email_unverified');
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from identity.users where email = ${who.email}`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a tampered state, a missing cookie and a replayed callback, without exchanging the code', async () => {
    const { back, cookie } = await toGoogleAndBack(account());
    const exchanges = () => google.requests.filter((r) => r.path === '/token').length;
    const before = exchanges();

    const tampered = new URLSearchParams(back.search);
    tampered.set('state', `${tampered.get('state')!.slice(0, -2)}xx`);
    const forged = await callback(back, cookie, `?${tampered}`);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('auth.google_state_invalid');
    // A state that matches a forged cookie but was never issued is refused as well.
    const unissued = await callback(back, `sc_google_state=${tampered.get('state')}`, `?${tampered}`);
    expect(unissued.json().code).toBe('auth.google_state_invalid');
    const noCookie = await callback(back);
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.json().code).toBe('auth.google_state_invalid');
    expect(exchanges()).toBe(before);

    expect((await callback(back, cookie)).statusCode).toBe(200);
    const replay = await callback(back, cookie);
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('auth.google_state_invalid');
    expect(exchanges()).toBe(before + 1);
  });

  it('answers 401 auth.google_denied when the user cancels on Google', async () => {
    google.setConsent('deny');
    const { back, cookie } = await toGoogleAndBack(account());
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.google_denied');
  });

  it('answers 401 auth.google_code_invalid for a callback without a code and 503 when Google fails', async () => {
    const first = await toGoogleAndBack(account());
    const noCode = new URLSearchParams(first.back.search);
    noCode.delete('code');
    const missing = await callback(first.back, first.cookie, `?${noCode}`);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('auth.google_code_invalid');

    const second = await toGoogleAndBack(account());
    google.failNext(1, { status: 500 });
    const down = await callback(second.back, second.cookie);
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('auth.google_unavailable');
  });
});

describe('identity: sign-in with Google when not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIdentityApp({ GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '' });
  });
  afterAll(() => t.close());

  it.each(['/v1/auth/google', '/v1/auth/google/callback?code=abc&state=def'])('answers 404 auth.google_disabled on %s', async (url) => {
    const res = await t.http({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('auth.google_disabled');
  });
});
