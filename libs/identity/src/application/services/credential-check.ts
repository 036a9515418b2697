import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseEmail, User, UserRepository } from '../../domain';
import { LoginThrottle, PasswordHasher } from '../ports';
import { CaptchaGate } from './captcha-gate';
import type { ClientInfo } from './client-info';
import { IdentityAudit } from './identity-audit';

/**
 * Email + password check shared by sign-in and the SMS-code request: lockout, captcha after repeated
 * failures, constant-work answers for unknown emails, failure counting and auditing.
 * Failures are counted per email (known or not), so neither the answers nor the lockout reveal which emails exist.
 */
@Injectable()
export class CredentialCheck {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly captcha: CaptchaGate,
    private readonly audit: IdentityAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async verify(rawEmail: string, password: string, captchaToken: string | undefined, client: ClientInfo): Promise<User> {
    const email = normaliseEmail(rawEmail);
    const lockedUntil = await this.throttle.lockedUntil(email);
    if (lockedUntil && lockedUntil > this.clock.now()) throw IdentityErrors.accountLocked(lockedUntil);
    if (this.captcha.enabled && (await this.throttle.failures(email)) >= this.config.LOGIN_CAPTCHA_AFTER_FAILURES) {
      await this.captcha.check(captchaToken, client.ip);
    }

    const user = await this.uow.run({}, () => this.users.findByEmail(email));
    if (!user || !user.passwordHash) {
      await this.hasher.verifyDummy(password);
      return this.fail(email, user, user ? 'no_password' : 'unknown_email', client);
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) return this.fail(email, user, 'wrong_password', client);
    user.assertCanSignIn();
    return user;
  }

  /** Counts a failure; locks the email when it reaches LOCKOUT_MAX_ATTEMPTS. Always throws. */
  async fail(email: string, user: User | null, reason: string, client: ClientInfo): Promise<never> {
    const attempts = await this.throttle.recordFailure(email);
    const locked = attempts >= this.config.LOCKOUT_MAX_ATTEMPTS ? new Date(this.clock.now().getTime() + this.config.LOCKOUT_MINUTES * 60_000) : null;
    if (locked) await this.throttle.lock(email, locked);
    await this.uow.run({ userId: user?.id ?? null }, async () => {
      const base = { companyId: null, actorUserId: user?.id ?? null, targetId: user?.id, ip: client.ip, userAgent: client.userAgent };
      await this.audit.record({ ...base, action: 'auth.login_failed', metadata: { reason, attempts, ...(user ? {} : { email }) } });
      if (locked) await this.audit.record({ ...base, action: 'auth.account_locked', metadata: { lockedUntil: locked.toISOString(), attempts } });
    });
    throw locked ? IdentityErrors.accountLocked(locked) : reason === 'second_factor' ? IdentityErrors.invalidSecondFactor() : IdentityErrors.invalidCredentials();
  }

  succeeded(email: string): Promise<void> {
    return this.throttle.reset(normaliseEmail(email));
  }
}
