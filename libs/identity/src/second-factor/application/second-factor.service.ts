import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { SecondFactorErrors } from '../domain/second-factor-errors';
import { SecondFactorRepository } from '../infrastructure/second-factor.repository';
import { SecondFactorCodes } from './second-factor-codes';
import { UserTransactions } from './user-transactions';

export type SecondFactorMethod = 'totp' | 'sms';

/**
 * What sign-in needs from second factors. Called inside the sign-in command's unit of work (or opens
 * its own, scoped to the user). A false from verifyLoginCode has already recorded the failed SMS attempt:
 * callers should commit it (answer the failure after the unit of work) rather than throw inside it.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly transactions: UserTransactions,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  methodsFor(userId: string): Promise<SecondFactorMethod[]> {
    return this.transactions.run(userId, async (tx) => {
      const [totp, sms] = await Promise.all([this.repository.totp(tx, userId), this.repository.sms(tx, userId)]);
      const methods: SecondFactorMethod[] = [];
      if (totp?.confirmedAt) methods.push('totp');
      if (sms?.verifiedAt) methods.push('sms');
      return methods;
    });
  }

  /** A current TOTP code (never twice), an open SMS sign-in code, or an unused recovery code (consumed and audited). */
  verifyLoginCode(userId: string, code: string): Promise<boolean> {
    return this.transactions.run(userId, async (tx) => {
      const kind = await this.codes.verifyAny(tx, userId, code);
      if (kind === 'recovery') {
        const left = await this.repository.unusedRecoveryCodes(tx, userId);
        await this.audit.record({ action: 'auth.recovery_code_used', companyId: null, actorUserId: userId, actorType: 'user', targetType: 'user', targetId: userId, metadata: { recoveryCodesLeft: left } });
      }
      return kind !== null;
    });
  }

  sendLoginSmsCode(userId: string): Promise<void> {
    return this.transactions.run(userId, async (tx) => {
      const factor = await this.repository.sms(tx, userId);
      if (!factor?.verifiedAt) throw SecondFactorErrors.smsNotEnrolled();
      await this.codes.sendSmsChallenge(tx, userId, factor.phone, 'login');
    });
  }
}
