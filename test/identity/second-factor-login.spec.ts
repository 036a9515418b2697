import { sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import { UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { TwilioSmsSimulator } from '@shipcrowd/simulators';
import { auditCount, login, register, Registered, startIdentityApp } from './identity-test-kit';

const STEP_MS = 30_000;
/** What an authenticator app shows `offsetSteps` 30-second steps from now. */
const totp = (secret: string, offsetSteps = 0) => authenticator.clone({ epoch: Date.now() + offsetSteps * STEP_MS }).generate(secret);

/** A 6-digit code that is valid in no step of the drift window. */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totp(secret, d)));
  return ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
}

function smsCode(body: string): string {
  const match = /\b(\d{6})\b/.exec(body);
  if (!match) throw new Error(`no code in SMS: ${body}`);
  return match[1];
}

describe('identity: sign-in with a second factor', () => {
  let t: TestApp;
  let sms: TwilioSmsSimulator;
  beforeAll(async () => {
    t = await startIdentityApp({ LOCKOUT_MAX_ATTEMPTS: '4' });
    sms = t.get(TwilioSmsSimulator);
  });
  afterAll(() => t.close());

  /** Enrols an authenticator app through the routes; returns its secret and the recovery codes. */
  async function enrolTotp(u: Registered): Promise<{ secret: string; recoveryCodes: string[]; confirmCode: string }> {
    const started = await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: u.accessToken });
    expect(started.statusCode).toBe(201);
    const { secret } = started.json();
    const confirmCode = totp(secret);
    const confirmed = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: u.accessToken, payload: { code: confirmCode } });
    expect(confirmed.statusCode).toBe(200);
    return { secret, recoveryCodes: confirmed.json().recoveryCodes, confirmCode };
  }

  it('asks for the second factor, refuses a wrong code as a failed attempt and accepts the next authenticator code', async () => {
    const u = await register(t);
    const { secret, confirmCode } = await enrolTotp(u);

    const first = await login(t, u.email);
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ code: 'auth.second_factor_required', methods: ['totp'] });
    // Asking for the code is the normal first step, not a failure.
    expect(await auditCount(t, 'auth.login_failed', u.userId)).toBe(0);

    const wrong = await login(t, u.email, undefined, { totp: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_second_factor');
    expect(await auditCount(t, 'auth.login_failed', u.userId)).toBe(1);

    // The confirmation code is spent; the next step's code (within the drift window) signs in.
    const replay = await login(t, u.email, undefined, { totp: confirmCode });
    expect(replay.json().code).toBe('auth.invalid_second_factor');
    const ok = await login(t, u.email, undefined, { totp: totp(secret, 1) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ companyId: u.companyId, accessToken: expect.any(String) });
  });

  it('locks the email when wrong second-factor codes reach LOCKOUT_MAX_ATTEMPTS', async () => {
    const u = await register(t);
    const { secret } = await enrolTotp(u);
    const bad = wrongCode(secret);
    for (let i = 0; i < 3; i++) expect((await login(t, u.email, undefined, { totp: bad })).json().code).toBe('auth.invalid_second_factor');
    const fourth = await login(t, u.email, undefined, { totp: bad });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().code).toBe('auth.account_locked');
    expect((await login(t, u.email, undefined, { totp: totp(secret, 1) })).json().code).toBe('auth.account_locked');
  });

  it('signs in with a recovery code once; the code is consumed', async () => {
    const u = await register(t);
    const { recoveryCodes } = await enrolTotp(u);
    const ok = await login(t, u.email, undefined, { totp: recoveryCodes[0] });
    expect(ok.statusCode).toBe(200);
    expect(await auditCount(t, 'auth.recovery_code_used', u.userId)).toBe(1);
    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: ok.json().accessToken });
    expect(status.json().recoveryCodesLeft).toBe(recoveryCodes.length - 1);
    const again = await login(t, u.email, undefined, { totp: recoveryCodes[0] });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('auth.invalid_second_factor');
  });

  it('texts a sign-in code after the password and accepts it once', async () => {
    const u = await register(t);
    const phone = '+919811122233';
    expect((await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: u.accessToken, payload: { phone } })).statusCode).toBe(201);
    const confirm = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: u.accessToken, payload: { code: smsCode(sms.lastMessageTo(phone)!.body) } });
    expect(confirm.statusCode).toBe(200);
    // The enrolment SMS counts against the one-per-30-seconds limit; age it.
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update identity.sms_challenges set created_at = created_at - interval '1 minute' where user_id = ${u.userId}`));

    const required = await login(t, u.email);
    expect(required.json()).toMatchObject({ code: 'auth.second_factor_required', methods: ['sms'] });

    const wrongPassword = await t.http({ method: 'POST', url: '/v1/auth/login/sms-code', payload: { email: u.email, password: 'not the password at all' } });
    expect(wrongPassword.statusCode).toBe(401);
    const sent = sms.messagesTo(phone).length;
    const send = await t.http({ method: 'POST', url: '/v1/auth/login/sms-code', payload: { email: u.email, password: 'correct horse battery staple' } });
    expect(send.statusCode).toBe(202);
    expect(sms.messagesTo(phone)).toHaveLength(sent + 1);
    const code = smsCode(sms.lastMessageTo(phone)!.body);

    const ok = await login(t, u.email, undefined, { totp: code });
    expect(ok.statusCode).toBe(200);
    expect((await login(t, u.email, undefined, { totp: code })).json().code).toBe('auth.invalid_second_factor');
  });

  it('refuses an SMS sign-in code for an account without a verified phone', async () => {
    const u = await register(t);
    const res = await t.http({ method: 'POST', url: '/v1/auth/login/sms-code', payload: { email: u.email, password: 'correct horse battery staple' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('auth.sms_not_enrolled');
  });
});
