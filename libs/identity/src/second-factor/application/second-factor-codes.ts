import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { SECRET_BOX, SecretBox, Tx } from '@shipcrowd/platform';
import { generateRecoveryCodes, generateSmsCode, hashRecoveryCode, hashSmsCode, normaliseRecoveryCode, sameHash, SMS_CODE_TTL_MS, SMS_MAX_ATTEMPTS } from '../domain/codes';
import { SecondFactorErrors } from '../domain/second-factor-errors';
import { matchTotpStep } from '../domain/totp';
import { SecondFactorRepository } from '../infrastructure/second-factor.repository';
import { SMS_SENDER, SmsSender } from './ports/sms-sender.port';

export type CodeKind = 'totp' | 'sms' | 'recovery';

const SMS_MIN_INTERVAL_MS = 30_000;
const SMS_HOURLY_LIMIT = 5;
const HOUR_MS = 3_600_000;

/** Checking and issuing codes: TOTP, SMS challenges and recovery codes. Every method runs in the given transaction. */
@Injectable()
export class SecondFactorCodes {
  constructor(
    private readonly repository: SecondFactorRepository,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A confirmed authenticator's current code (±1 step), once; an open SMS sign-in code; or an unused recovery code (consumed). */
  async verifyAny(tx: Tx, userId: string, rawCode: string): Promise<CodeKind | null> {
    const code = rawCode.trim().replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) {
      if (await this.verifyTotp(tx, userId, code)) return 'totp';
      if (await this.verifySms(tx, userId, 'login', code)) return 'sms';
      return null;
    }
    return (await this.useRecoveryCode(tx, userId, code)) ? 'recovery' : null;
  }

  async verifyTotp(tx: Tx, userId: string, code: string, opts: { pending?: boolean } = {}): Promise<boolean> {
    const factor = await this.repository.totp(tx, userId);
    if (!factor || !!factor.confirmedAt === !!opts.pending) return false;
    const now = this.clock.now();
    const step = matchTotpStep(this.secretBox.open(factor.secretSealed, `totp:${userId}`), code, now);
    if (step === null) return false;
    return opts.pending ? this.repository.confirmTotp(tx, userId, step, now) : this.repository.useTotpStep(tx, userId, step);
  }

  /** Counts a wrong guess against the open challenge; five wrong guesses burn it. */
  async verifySms(tx: Tx, userId: string, purpose: 'enrol' | 'login', code: string): Promise<boolean> {
    const now = this.clock.now();
    const challenge = await this.repository.openChallenge(tx, userId, purpose, now, SMS_MAX_ATTEMPTS);
    if (!challenge) return false;
    if (purpose === 'login') {
      const factor = await this.repository.sms(tx, userId);
      if (!factor?.verifiedAt || factor.phone !== challenge.phone) return false;
    }
    if (!/^\d{6}$/.test(code) || !sameHash(hashSmsCode(challenge.id, code), challenge.codeHash)) {
      await this.repository.countFailedAttempt(tx, challenge.id);
      return false;
    }
    return this.repository.consumeChallenge(tx, challenge.id, now);
  }

  async useRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
    const normalised = normaliseRecoveryCode(code);
    if (!normalised) return false;
    return this.repository.useRecoveryCode(tx, userId, hashRecoveryCode(normalised), this.clock.now());
  }

  /** Replaces the user's recovery codes with ten new ones and returns them (the only time they are visible). */
  async issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
    const codes = generateRecoveryCodes();
    await this.repository.replaceRecoveryCodes(
      tx,
      userId,
      codes.map((c) => ({ id: newId(), codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!) })),
      this.clock.now(),
    );
    return codes;
  }

  /**
   * Sends a fresh 6-digit code (valid 5 minutes) to `phone`. At most one SMS per 30 s and five per hour
   * per user, whatever the purpose. The challenge row is written before the SMS goes out, so a failed
   * send rolls it back with the caller's transaction.
   */
  async sendSmsChallenge(tx: Tx, userId: string, phone: string, purpose: 'enrol' | 'login'): Promise<void> {
    const now = this.clock.now();
    await this.repository.lockUserForSms(tx, userId);
    const lastHour = await this.repository.smsSendsSince(tx, userId, new Date(now.getTime() - HOUR_MS));
    if (lastHour.latest && now.getTime() - lastHour.latest.getTime() < SMS_MIN_INTERVAL_MS) {
      throw SecondFactorErrors.smsRateLimited(Math.ceil((SMS_MIN_INTERVAL_MS - (now.getTime() - lastHour.latest.getTime())) / 1000));
    }
    if (lastHour.count >= SMS_HOURLY_LIMIT) {
      const oldest = await this.repository.oldestSmsSendSince(tx, userId, new Date(now.getTime() - HOUR_MS));
      throw SecondFactorErrors.smsRateLimited(Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + HOUR_MS - now.getTime()) / 1000)));
    }
    const id = newId();
    const code = generateSmsCode();
    await this.repository.insertChallenge(tx, { id, userId, purpose, phone, codeHash: hashSmsCode(id, code), expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS), createdAt: now });
    const { id: messageId } = await this.sms.send(phone, `${code} is your Shipcrowd verification code. It expires in 5 minutes. Never share it.`);
    await this.repository.setChallengeMessageId(tx, id, messageId);
  }
}
