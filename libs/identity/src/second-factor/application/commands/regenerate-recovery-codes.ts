import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { SecondFactorErrors } from '../../domain/second-factor-errors';
import { SecondFactorRepository } from '../../infrastructure/second-factor.repository';
import { SecondFactorAudit } from '../second-factor-audit';
import { SecondFactorCodes } from '../second-factor-codes';

/** Ten fresh recovery codes; the old ones stop working. Needs a current second-factor code. */
export class RegenerateRecoveryCodes extends Command<{ recoveryCodes: string[] }> {
  constructor(
    readonly userId: string,
    readonly code: string,
  ) {
    super();
  }
}

@CommandHandler(RegenerateRecoveryCodes)
export class RegenerateRecoveryCodesHandler implements ICommandHandler<RegenerateRecoveryCodes, { recoveryCodes: string[] }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    private readonly audit: SecondFactorAudit,
  ) {}

  async execute({ userId, code }: RegenerateRecoveryCodes): Promise<{ recoveryCodes: string[] }> {
    const recoveryCodes = await this.uow.run({ userId }, async (tx) => {
      const [totp, sms] = await Promise.all([this.repository.totp(tx, userId), this.repository.sms(tx, userId)]);
      if (!totp?.confirmedAt && !sms?.verifiedAt) throw SecondFactorErrors.noSecondFactor();
      const kind = await this.codes.verifyAny(tx, userId, code);
      if (!kind) return null;
      const issued = await this.codes.issueRecoveryCodes(tx, userId);
      await this.audit.record(userId, 'two_factor.recovery_codes_regenerated', { verifiedWith: kind });
      return issued;
    });
    if (!recoveryCodes) throw SecondFactorErrors.invalidCode();
    return { recoveryCodes };
  }
}
