import { sql } from 'drizzle-orm';
import { DomainError } from '@shipcrowd/kernel';
import { AuditModule } from '@shipcrowd/audit';
import { UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { SiteverifySimulator, TwilioSmsSimulator } from '@shipcrowd/simulators';
import { CaptchaVerifier, SecondFactorModule, SecondFactorService } from '../../libs/identity/src/second-factor';
import { totpCodeAt } from '../../libs/identity/src/second-factor/domain/totp';
import { auditActions, codeFromSms, SignedInUser, signedInUser } from './helpers';

const THIRTY_S = 30_000;

describe('SecondFactorService (what sign-in uses)', () => {
  let t: TestApp;
  let service: SecondFactorService;
  let uow: UnitOfWork;
  let sms: TwilioSmsSimulator;
  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, SecondFactorModule] });
    service = t.get(SecondFactorService);
    uow = t.get(UnitOfWork);
    sms = t.get(TwilioSmsSimulator);
  });
  afterAll(() => t.close());

  async function withTotp(user: SignedInUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { secret } = (await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token })).json();
    const res = await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: totpCodeAt(secret, new Date()) } });
    return { secret, recoveryCodes: res.json().recoveryCodes };
  }

  async function withSms(user: SignedInUser, phone: string): Promise<void> {
    await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone } });
    const res = await t.http({ method: 'POST', url: '/v1/me/2fa/sms/confirm', token: user.token, payload: { code: codeFromSms(sms.lastMessageTo(phone)!.body) } });
    expect(res.statusCode).toBe(200);
    // The enrolment SMS counts against the send limit; let it age past the 30-second spacing.
    await uow.run({ system: true }, (tx) => tx.execute(sql`update identity.sms_challenges set created_at = created_at - interval '1 minute' where user_id = ${user.id}`));
  }

  it('lists the enabled methods, confirmed ones only', async () => {
    const user = await signedInUser(t);
    expect(await service.methodsFor(user.id)).toEqual([]);
    await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token });
    expect(await service.methodsFor(user.id)).toEqual([]);
    const { secret } = (await t.http({ method: 'POST', url: '/v1/me/2fa/totp', token: user.token })).json();
    await t.http({ method: 'POST', url: '/v1/me/2fa/totp/confirm', token: user.token, payload: { code: totpCodeAt(secret, new Date()) } });
    expect(await service.methodsFor(user.id)).toEqual(['totp']);
    await withSms(user, '+919811100001');
    expect(await uow.run({ userId: user.id }, () => service.methodsFor(user.id))).toEqual(['totp', 'sms']);
  });

  it('accepts a TOTP code once (replay refused), the next step, and refuses garbage', async () => {
    const user = await signedInUser(t);
    const { secret } = await withTotp(user);
    // The code used to confirm enrolment is already spent.
    expect(await service.verifyLoginCode(user.id, totpCodeAt(secret, new Date()))).toBe(false);
    const next = totpCodeAt(secret, new Date(Date.now() + THIRTY_S));
    expect(await service.verifyLoginCode(user.id, next)).toBe(true);
    expect(await service.verifyLoginCode(user.id, next)).toBe(false);
    // An earlier step is refused once a later one was used.
    expect(await service.verifyLoginCode(user.id, totpCodeAt(secret, new Date(Date.now() - THIRTY_S)))).toBe(false);
    for (const junk of ['', '      ', 'abc', '1234567890123', "'; drop table x; --"]) expect(await service.verifyLoginCode(user.id, junk)).toBe(false);
    // Another user's code means nothing here.
    const stranger = await signedInUser(t);
    expect(await service.verifyLoginCode(stranger.id, totpCodeAt(secret, new Date(Date.now() + THIRTY_S)))).toBe(false);
  });

  it('consumes a recovery code (audited) and commits or rolls back with the caller’s unit of work', async () => {
    const user = await signedInUser(t);
    const { recoveryCodes } = await withTotp(user);

    // The caller's sign-in fails after verifying: the recovery code must not be spent.
    await expect(
      uow.run({ system: true }, async () => {
        expect(await service.verifyLoginCode(user.id, recoveryCodes[0])).toBe(true);
        throw new Error('sign-in failed later');
      }),
    ).rejects.toThrow('sign-in failed later');
    expect(await auditActions(t, user.id)).toEqual(['two_factor.totp_enabled']);

    expect(await uow.run({ system: true }, () => service.verifyLoginCode(user.id, ` ${recoveryCodes[0].toUpperCase()} `))).toBe(true);
    expect(await service.verifyLoginCode(user.id, recoveryCodes[0])).toBe(false);
    expect(await service.verifyLoginCode(user.id, recoveryCodes[1])).toBe(true);
    expect(await auditActions(t, user.id)).toEqual(['two_factor.totp_enabled', 'auth.recovery_code_used', 'auth.recovery_code_used']);
    const status = await t.http({ method: 'GET', url: '/v1/me/2fa', token: user.token });
    expect(status.json().recoveryCodesLeft).toBe(8);
  });

  it('sends an SMS sign-in code to the verified phone and accepts it once', async () => {
    const user = await signedInUser(t);
    const phone = '+919811100002';
    await withSms(user, phone);
    const before = sms.messagesTo(phone).length;
    await service.sendLoginSmsCode(user.id);
    expect(sms.messagesTo(phone)).toHaveLength(before + 1);
    const code = codeFromSms(sms.lastMessageTo(phone)!.body);
    expect(await service.verifyLoginCode(user.id, code === '000000' ? '000001' : '000000')).toBe(false);
    expect(await service.verifyLoginCode(user.id, code)).toBe(true);
    expect(await service.verifyLoginCode(user.id, code)).toBe(false);
  });

  it('refuses a sign-in SMS without an enrolled phone and rate-limits sends', async () => {
    const user = await signedInUser(t);
    await expect(service.sendLoginSmsCode(user.id)).rejects.toMatchObject({ code: 'auth.sms_not_enrolled' });
    await t.http({ method: 'POST', url: '/v1/me/2fa/sms', token: user.token, payload: { phone: '+919811100003' } });
    // A pending (unconfirmed) phone is not enrolled either.
    await expect(service.sendLoginSmsCode(user.id)).rejects.toMatchObject({ code: 'auth.sms_not_enrolled' });

    const enrolled = await signedInUser(t);
    await withSms(enrolled, '+919811100004');
    await service.sendLoginSmsCode(enrolled.id);
    const error = await service.sendLoginSmsCode(enrolled.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'rate_limited', code: 'two_factor.sms_rate_limited' });
  });

  it('leaves CAPTCHA off by default: nothing to check', async () => {
    const captcha = t.get(CaptchaVerifier);
    expect(captcha.isEnabled()).toBe(false);
    expect(await captcha.verify(undefined)).toBe(true);
  });
});

describe('CaptchaVerifier in sandbox mode (Turnstile simulator in-process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, SecondFactorModule], env: { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 'test-secret', SMS_MODE: 'sandbox' } });
  });
  afterAll(() => t.close());

  it('asks the siteverify simulator: pass-tokens succeed once, others and missing tokens fail', async () => {
    const captcha = t.get(CaptchaVerifier);
    const simulator = t.get(SiteverifySimulator);
    expect(captcha.isEnabled()).toBe(true);
    expect(await captcha.verify('pass-token-1', '198.51.100.4')).toBe(true);
    expect(simulator.requests.at(-1)!.fields).toEqual({ secret: 'test-secret', response: 'pass-token-1', remoteip: '198.51.100.4' });
    expect(await captcha.verify('pass-token-1')).toBe(false);
    expect(await captcha.verify('robot')).toBe(false);
    const asked = simulator.requests.length;
    expect(await captcha.verify(undefined)).toBe(false);
    expect(await captcha.verify('   ')).toBe(false);
    expect(await captcha.verify('pass'.padEnd(3000, 'x'))).toBe(false);
    expect(simulator.requests).toHaveLength(asked);
  });
});
