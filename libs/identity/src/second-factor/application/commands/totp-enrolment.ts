import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, NotFoundError } from '@shipcrowd/kernel';
import { SECRET_BOX, SecretBox, UnitOfWork } from '@shipcrowd/platform';
import { SecondFactorErrors } from '../../domain/second-factor-errors';
import { generateTotpSecret, totpUri } from '../../domain/totp';
import { SecondFactorRepository } from '../../infrastructure/second-factor.repository';
import { SecondFactorAudit } from '../second-factor-audit';
import { SecondFactorCodes } from '../second-factor-codes';

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

/** Creates (or replaces) a pending authenticator secret; nothing changes for sign-in until it is confirmed. */
export class StartTotpEnrolment extends Command<TotpEnrolment> {
  constructor(readonly userId: string) {
    super();
  }
}

@CommandHandler(StartTotpEnrolment)
export class StartTotpEnrolmentHandler implements ICommandHandler<StartTotpEnrolment, TotpEnrolment> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ userId }: StartTotpEnrolment): Promise<TotpEnrolment> {
    return this.uow.run({ userId }, async (tx) => {
      const email = await this.repository.userEmail(tx, userId);
      if (!email) throw new NotFoundError('User', userId);
      if ((await this.repository.totp(tx, userId))?.confirmedAt) throw SecondFactorErrors.totpAlreadyEnabled();
      const secret = generateTotpSecret();
      await this.repository.savePendingTotp(tx, userId, this.secretBox.seal(secret, `totp:${userId}`), this.clock.now());
      return { secret, otpauthUri: totpUri(secret, email) };
    });
  }
}

/** The first code from the app proves it was set up; the authenticator is enabled and ten recovery codes issued. */
export class ConfirmTotpEnrolment extends Command<{ recoveryCodes: string[] }> {
  constructor(
    readonly userId: string,
    readonly code: string,
  ) {
    super();
  }
}

@CommandHandler(ConfirmTotpEnrolment)
export class ConfirmTotpEnrolmentHandler implements ICommandHandler<ConfirmTotpEnrolment, { recoveryCodes: string[] }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    private readonly audit: SecondFactorAudit,
  ) {}

  execute({ userId, code }: ConfirmTotpEnrolment): Promise<{ recoveryCodes: string[] }> {
    return this.uow.run({ userId }, async (tx) => {
      const factor = await this.repository.totp(tx, userId);
      if (!factor) throw SecondFactorErrors.totpNotPending();
      if (factor.confirmedAt) throw SecondFactorErrors.totpAlreadyEnabled();
      if (!(await this.codes.verifyTotp(tx, userId, code, { pending: true }))) throw SecondFactorErrors.invalidCode();
      const recoveryCodes = await this.codes.issueRecoveryCodes(tx, userId);
      await this.audit.record(userId, 'two_factor.totp_enabled');
      return { recoveryCodes };
    });
  }
}

/** Turns the authenticator off; needs a current code (authenticator, SMS or recovery). */
export class DisableTotp extends Command<void> {
  constructor(
    readonly userId: string,
    readonly code: string,
  ) {
    super();
  }
}

@CommandHandler(DisableTotp)
export class DisableTotpHandler implements ICommandHandler<DisableTotp, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    private readonly audit: SecondFactorAudit,
  ) {}

  async execute({ userId, code }: DisableTotp): Promise<void> {
    // A wrong code's counted SMS attempt must commit, so the verdict is answered after the transaction.
    const verified = await this.uow.run({ userId }, async (tx) => {
      const factor = await this.repository.totp(tx, userId);
      if (!factor?.confirmedAt) throw SecondFactorErrors.totpNotEnabled();
      const kind = await this.codes.verifyAny(tx, userId, code);
      if (!kind) return false;
      await this.repository.deleteTotp(tx, userId);
      if (!(await this.repository.sms(tx, userId))?.verifiedAt) await this.repository.deleteRecoveryCodes(tx, userId);
      await this.audit.record(userId, 'two_factor.totp_disabled', { verifiedWith: kind });
      return true;
    });
    if (!verified) throw SecondFactorErrors.invalidCode();
  }
}
