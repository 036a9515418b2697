import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, newId } from '@shipcrowd/kernel';
import { EmailTokenPurpose, EmailTokenRecord, EmailTokenRepository, IdentityErrors } from '../../domain';
import { hashToken, randomToken } from './secret-tokens';

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  email_change: 24 * 3600_000,
  backup_email: 24 * 3600_000,
  password_reset: 3600_000,
};

const WHAT: Record<EmailTokenPurpose, string> = {
  verify_email: 'verification',
  email_change: 'email change',
  backup_email: 'verification',
  password_reset: 'password reset',
};

/** Issues and redeems single-use emailed tokens; call inside a unit of work. */
@Injectable()
export class EmailTokens {
  constructor(
    private readonly tokens: EmailTokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Replaces any earlier unused token of the same purpose; returns the raw token to email. */
  async issue(userId: string, purpose: EmailTokenPurpose, email: string): Promise<string> {
    const now = this.clock.now();
    await this.tokens.invalidate(userId, purpose, now);
    const token = randomToken();
    await this.tokens.add({ id: newId(), userId, purpose, email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]) });
    return token;
  }

  /** Marks the token used and returns it; unknown, expired, used or wrong-purpose tokens all fail alike. */
  async redeem(token: string, purposes: EmailTokenPurpose[]): Promise<EmailTokenRecord> {
    const now = this.clock.now();
    const record = await this.tokens.findByHash(hashToken(token));
    const what = WHAT[purposes[0]];
    if (!record || !purposes.includes(record.purpose) || record.usedAt || record.expiresAt <= now) throw IdentityErrors.invalidToken(what);
    if (!(await this.tokens.markUsed(record.id, now))) throw IdentityErrors.invalidToken(what);
    return record;
  }
}
