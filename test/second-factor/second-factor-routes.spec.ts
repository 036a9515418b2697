import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { newId } from '@shipcrowd/kernel';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { TwilioSmsSimulator } from '@shipcrowd/simulators';
import { totpCodeAt } from '../../libs/identity/src/second-factor/domain/totp';
import { SecondFactorModule } from '../../libs/identity/src/second-factor/second-factor.module';
import { auditActions, codeFromSms, SignedInUser, signedInUser } from './helpers';

const THIRTY_S = 30_000;

describe('second-factor routes /v1/me/2fa', () => {
  let t: TestApp;
  let sms: TwilioSmsSimulator;
  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, SecondFactorModule] });
    sms = t.get(TwilioSmsSimulator);
  });
  afterAll(() => t.close());

  async function enableTotp(user: SignedInUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token });
    expect(started.statusCode).toBe(201);
    const { secret } = started.json();
    const confirmed = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: totpCodeAt(secret, new Date()) } });
    expect(confirmed.statusCode).toBe(200);
    return { secret, recoveryCodes: confirmed.json().recoveryCodes };
  }

  it('requires a signed-in user on every route', async () => {
    const routes: [string, string][] = [
      ['GET', '/v1/me/2fa'],
      ['POST', '/v1/me/2fa/totp'],
      ['POST', '/v1/me/2fa/totp/confirm'],
      ['DELETE', '/v1/me/2fa/totp'],
      ['POST', '/v1/me/2fa/recovery-codes'],
      ['POST', '/v1/me/2fa/sms'],
      ['POST', '/v1/me/2fa/sms/confirm'],
      ['DELETE', '/v1/me/2fa/sms'],
    ];
    for (const [method, url] of routes) {
      const res = await t.http({ method: method as 'GET', url });
      expect({ url, method, status: res.statusCode, code: res.json().code }).toEqual({ url, method, status: 401, code: 'auth.unauthenticated' });
    }
    const forged = await t.http({ method: 'GET', url: '/v1/me/2fa', token: 'not-a-jwt' });
    expect(forged.statusCode).toBe(401);
  });

  it('reports no second factor for a new user', async () => {
    const user = await signedInUser(t);
    const res = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      methods: [],
      totp: { enabled: false, pendingEnrolment: false },
      sms: { enabled: false, pendingEnrolment: false, phone: null },
      recoveryCodesLeft: 0,
    });
  });

  it('enrols an authenticator app: secret + otpauth URI, confirm with a code, ten recovery codes once, audited', async () => {
    const user = await signedInUser(t, `totp-${newId().slice(-8)}@example.in`);
    const started = await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token });
    expect(started.statusCode).toBe(201);
    const { secret, otpauthUri } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`otpauth://totp/Shipcrowd:${encodeURIComponent(user.email)}?secret=${secret}`);
    expect(otpauthUri).toContain('issuer=Shipcrowd');

    // The secret is stored sealed, never in the clear.
    const [stored] = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ secret_sealed: string }>(tx, sql`select secret_sealed from identity.totp_factors where user_id = ${user.id}`));
    expect(stored.secret_sealed).toMatch(/^v1\.dev\./);
    expect(stored.secret_sealed).not.toContain(secret);

    const pending = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(pending.json().totp).toEqual({ enabled: false, pendingEnrolment: true });
    expect(pending.json().methods).toEqual([]);

    const wrong = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: wrongCode(secret) } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'two_factor.invalid_code', errors: [{ field: 'code' }] });

    const confirmed = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: totpCodeAt(secret, new Date()) } });
    expect(confirmed.statusCode).toBe(200);
    const body = confirmed.json();
    expect(body.enabled).toBe(true);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    for (const code of body.recoveryCodes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);

    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(status.json()).toMatchObject({ methods: ['totp'], totp: { enabled: true, pendingEnrolment: false }, recoveryCodesLeft: 10 });
    // Stored hashed: no code appears in the table.
    const hashes = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ code_hash: string }>(tx, sql`select code_hash from identity.recovery_codes where user_id = ${user.id}`));
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain(body.recoveryCodes[0]);

    const again = await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('two_factor.totp_already_enabled');
    const reconfirm = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: totpCodeAt(secret, new Date()) } });
    expect(reconfirm.json().code).toBe('two_factor.totp_already_enabled');

    expect(await auditActions(t, user.id)).toEqual(['two_factor.totp_enabled']);
  });

  it('rejects bad confirm input and a confirm without enrolment', async () => {
    const user = await signedInUser(t);
    for (const payload of [{}, { code: '12345' }, { code: 'abcdef' }, { code: 123456 }, { code: '123456', extra: 1 }]) {
      const res = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('validation.failed');
    }
    const notStarted = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: '123456' } });
    expect(notStarted.statusCode).toBe(409);
    expect(notStarted.json().code).toBe('two_factor.totp_enrolment_not_started');
  });

  it('regenerates recovery codes with a valid code only; old codes stop working', async () => {
    const user = await signedInUser(t);
    const { secret, recoveryCodes } = await enableTotp(user);

    const bad = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: 'zzzzz-zzzzz' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('two_factor.invalid_code');
    const invalid = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: '1' } });
    expect(invalid.json()).toMatchObject({ code: 'validation.failed', errors: [{ field: 'code' }] });

    // The code used to confirm was spent; the next step's code is fresh.
    const replay = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: totpCodeAt(secret, new Date(Date.now() - THIRTY_S)) } });
    expect(replay.statusCode).toBe(422);
    const res = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: totpCodeAt(secret, new Date(Date.now() + THIRTY_S)) } });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);

    const withOld = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: recoveryCodes[0] } });
    expect(withOld.statusCode).toBe(422);
    // A new recovery code works once (upper case and without the dash too) and is spent.
    const withNew = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: fresh[0].replace('-', '').toUpperCase() } });
    expect(withNew.statusCode).toBe(200);
    expect(await auditActions(t, user.id)).toEqual(['two_factor.totp_enabled', 'two_factor.recovery_codes_regenerated', 'two_factor.recovery_codes_regenerated']);
  });

  it('refuses to regenerate recovery codes without a second factor', async () => {
    const user = await signedInUser(t);
    const res = await t.http({ method: 'POST', url: '/v1/me/2fa/recovery-codes', token: user.token, payload: { code: '123456' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('two_factor.not_enabled');
  });

  it('disables the authenticator with a recovery code; wrong code and missing factor are refused', async () => {
    const user = await signedInUser(t);
    const noFactor = await t.http({ method: 'DELETE', url: '/v1/me/2fa/totp', token: user.token, payload: { code: '123456' } });
    expect(noFactor.statusCode).toBe(404);
    expect(noFactor.json().code).toBe('two_factor.totp_not_enabled');

    const { secret, recoveryCodes } = await enableTotp(user);
    const missing = await t.http({ method: 'DELETE', url: '/v1/me/2fa/totp', token: user.token, payload: {} });
    expect(missing.statusCode).toBe(422);
    const wrong = await t.http({ method: 'DELETE', url: '/v1/me/2fa/totp', token: user.token, payload: { code: wrongCode(secret) } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('two_factor.invalid_code');

    const ok = await t.http({ method: 'DELETE', url: '/v1/me/2fa/totp', token: user.token, payload: { code: recoveryCodes[3] } });
    expect(ok.statusCode).toBe(204);
    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(status.json()).toMatchObject({ methods: [], totp: { enabled: false, pendingEnrolment: false }, recoveryCodesLeft: 0 });
    expect(await auditActions(t, user.id)).toEqual(['two_factor.totp_enabled', 'two_factor.totp_disabled']);
  });

  it('enrols a phone for SMS codes through the Twilio simulator', async () => {
    const user = await signedInUser(t);
    const phone = uniquePhone();
    const started = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: `${phone.slice(3, 8)} ${phone.slice(8)}` } });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toEqual({ phone: `+91******${phone.slice(-4)}`, expiresInSeconds: 300 });
    const message = sms.lastMessageTo(phone)!;
    expect(message.from).toBe('+15005550006');
    expect(message.body).toMatch(/^\d{6} is your Shipcrowd verification code/);

    const pending = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(pending.json().sms).toEqual({ enabled: false, pendingEnrolment: true, phone: `+91******${phone.slice(-4)}` });

    const code = codeFromSms(message.body);
    const wrong = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: code === '000000' ? '000001' : '000000' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('two_factor.invalid_code');
    const badShape = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: '12 34' } });
    expect(badShape.json().code).toBe('validation.failed');

    const confirmed = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().enabled).toBe(true);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);

    const reuse = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code } });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().code).toBe('two_factor.sms_already_enabled');
    const again = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    expect(again.statusCode).toBe(409);

    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(status.json()).toMatchObject({ methods: ['sms'], sms: { enabled: true, pendingEnrolment: false }, recoveryCodesLeft: 10 });

    const removed = await t.http({ method: 'DELETE', url: '/v1/me/2fa/sms', token: user.token });
    expect(removed.statusCode).toBe(204);
    const gone = await t.http({ method: 'DELETE', url: '/v1/me/2fa/sms', token: user.token });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('two_factor.sms_not_enabled');
    expect(await auditActions(t, user.id)).toEqual(['two_factor.sms_enabled', 'two_factor.sms_disabled']);
  });

  it('keeps existing recovery codes when SMS is added next to an authenticator', async () => {
    const user = await signedInUser(t);
    await enableTotp(user);
    const phone = uniquePhone();
    await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    const confirmed = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: codeFromSms(sms.lastMessageTo(phone)!.body) } });
    expect(confirmed.json()).toMatchObject({ enabled: true, recoveryCodes: null });
    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(status.json()).toMatchObject({ methods: ['totp', 'sms'], recoveryCodesLeft: 10 });
    // Removing SMS keeps the authenticator's recovery codes.
    await t.http({ method: 'DELETE', url: '/v1/me/2fa/sms', token: user.token });
    expect((await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token })).json()).toMatchObject({ methods: ['totp'], recoveryCodesLeft: 10 });
  });

  it('validates the phone and maps provider refusals to the phone field', async () => {
    const user = await signedInUser(t);
    for (const phone of ['', '12345', 'not a phone', '+0123456789', 12345]) {
      const res = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('phone');
    }
    const message = (await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: '12345' } })).json().errors[0].message;
    expect(message).toBe('must be a mobile number in E.164 form, e.g. +919876543210');
    // Twilio's magic number that cannot receive SMS: the simulator answers 21614 like Twilio does.
    const unreachable = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: '+15005550009' } });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json()).toMatchObject({ code: 'sms.recipient_unreachable', errors: [{ field: 'phone' }] });
    expect(JSON.stringify(unreachable.json())).not.toContain('21614');
    // Nothing was kept from the failed attempt, and it did not count against the rate limit.
    expect((await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token })).json().sms.pendingEnrolment).toBe(false);
    const ok = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: uniquePhone() } });
    expect(ok.statusCode).toBe(201);
  });

  it('answers 503 when the SMS provider keeps failing', async () => {
    const user = await signedInUser(t);
    sms.failNext(3, { status: 503 });
    const res = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: uniquePhone() } });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('sms.unavailable');
    sms.clearFaults();
  });

  it('limits SMS codes to one per 30 seconds and five per hour', async () => {
    const user = await signedInUser(t);
    const phone = uniquePhone();
    expect((await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } })).statusCode).toBe(201);
    const tooSoon = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({ code: 'two_factor.sms_rate_limited' });
    expect(tooSoon.json().retryAfterSeconds).toBeGreaterThan(25);

    // Four more sent earlier this hour (back-dated), none in the last 30 s: the hourly cap answers.
    await t.get(UnitOfWork).run({ system: true }, (tx) =>
      tx.execute(sql`update identity.sms_challenges set created_at = now() - interval '20 minutes' where user_id = ${user.id}`),
    );
    const other = await signedInUser(t);
    for (let i = 0; i < 4; i++) {
      await t.get(UnitOfWork).run({ system: true }, (tx) =>
        tx.execute(
          sql`insert into identity.sms_challenges (id, user_id, purpose, phone, code_hash, expires_at, created_at) values (${newId()}, ${user.id}, 'enrol', ${phone}, 'x', now(), now() - interval '10 minutes')`,
        ),
      );
    }
    const hourly = await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    expect(hourly.statusCode).toBe(429);
    expect(hourly.json().retryAfterSeconds).toBeGreaterThan(30 * 60);
    // Per user: someone else is not affected.
    expect((await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: other.token, payload: { phone: uniquePhone() } })).statusCode).toBe(201);
  });

  it('burns an SMS code after five wrong guesses', async () => {
    const user = await signedInUser(t);
    const phone = uniquePhone();
    await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    const code = codeFromSms(sms.lastMessageTo(phone)!.body);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) {
      expect((await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: wrong } })).statusCode).toBe(422);
    }
    const right = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code } });
    expect(right.statusCode).toBe(422);
    expect(right.json().code).toBe('two_factor.invalid_code');
  });

  it('refuses SMS confirm without a pending enrolment and an expired code', async () => {
    const user = await signedInUser(t);
    const none = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: '123456' } });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('two_factor.sms_enrolment_not_started');

    const phone = uniquePhone();
    await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update identity.sms_challenges set expires_at = now() - interval '1 second' where user_id = ${user.id}`));
    const expired = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: codeFromSms(sms.lastMessageTo(phone)!.body) } });
    expect(expired.statusCode).toBe(422);
    // A pending (unverified) phone can be removed, without an audit entry for a factor that never was.
    expect((await t.http({ method: 'DELETE', url: '/v1/me/2fa/sms', token: user.token })).statusCode).toBe(204);
    expect(await auditActions(t, user.id)).toEqual([]);
  });

  it('documents every route in OpenAPI under the two-factor tag', async () => {
    const { buildOpenApiDocument } = await import('@shipcrowd/platform');
    const document = buildOpenApiDocument(t.app);
    const paths = ['/v1/me/2fa', '/v1/me/2fa/totp', '/v1/me/2fa/totp/confirm', '/v1/me/2fa/recovery-codes', '/v1/me/2fa/sms', '/v1/me/2fa/sms/confirm'];
    for (const path of paths) {
      for (const operation of Object.values(document.paths[path] ?? {})) {
        expect((operation as { tags: string[] }).tags).toEqual(['two-factor']);
        expect((operation as { responses: Record<string, unknown> }).responses['401']).toBeDefined();
      }
    }
    expect(Object.keys(document.paths['/v1/me/2fa/totp']).sort()).toEqual(['delete', 'post']);
  });
});

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+9198${String(Date.now() % 1e6).padStart(6, '0')}${String(phoneCounter).padStart(2, '0')}`;
}

/** A well-formed code that is not valid for this secret around now. */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totpCodeAt(secret, new Date(now + d * THIRTY_S))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}
