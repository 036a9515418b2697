import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { SMS_CODE_TTL_MS } from '../../domain/codes';
import { maskPhone } from '../../domain/phone';
import { SecondFactorErrors } from '../../domain/second-factor-errors';
import { SecondFactorRepository } from '../../infrastructure/second-factor.repository';
import { SecondFactorAudit } from '../second-factor-audit';
import { SecondFactorCodes } from '../second-factor-codes';

/** Texts a verification code to a phone (E.164); it becomes a second factor once the code comes back. */
export class StartSmsEnrolment extends Command<{ phone: string; expiresInSeconds: number }> {
  constructor(
    readonly userId: string,
    readonly phone: string,
  ) {
    super();
  }
}

@CommandHandler(StartSmsEnrolment)
export class StartSmsEnrolmentHandler implements ICommandHandler<StartSmsEnrolment, { phone: string; expiresInSeconds: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ userId, phone }: StartSmsEnrolment): Promise<{ phone: string; expiresInSeconds: number }> {
    return this.uow.run({ userId }, async (tx) => {
      if (!(await this.repository.userEmail(tx, userId))) throw new NotFoundError('User', userId);
      if ((await this.repository.sms(tx, userId))?.verifiedAt) throw SecondFactorErrors.smsAlreadyEnabled();
      await this.repository.savePendingSms(tx, userId, phone, this.clock.now());
      await this.codes.sendSmsChallenge(tx, userId, phone, 'enrol');
      return { phone: maskPhone(phone), expiresInSeconds: SMS_CODE_TTL_MS / 1000 };
    });
  }
}

export interface SmsEnabled {
  phone: string;
  /** Issued only when the user had no unused recovery codes; shown once. */
  recoveryCodes: string[] | null;
}

export class ConfirmSmsEnrolment extends Command<SmsEnabled> {
  constructor(
    readonly userId: string,
    readonly code: string,
  ) {
    super();
  }
}

@CommandHandler(ConfirmSmsEnrolment)
export class ConfirmSmsEnrolmentHandler implements ICommandHandler<ConfirmSmsEnrolment, SmsEnabled> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly codes: SecondFactorCodes,
    private readonly audit: SecondFactorAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, code }: ConfirmSmsEnrolment): Promise<SmsEnabled> {
    // The wrong-guess counter must commit, so a wrong code is answered after the transaction.
    const outcome = await this.uow.run({ userId }, async (tx) => {
      const factor = await this.repository.sms(tx, userId);
      if (!factor) throw SecondFactorErrors.smsNotPending();
      if (factor.verifiedAt) throw SecondFactorErrors.smsAlreadyEnabled();
      if (!(await this.codes.verifySms(tx, userId, 'enrol', code))) return null;
      await this.repository.verifySms(tx, userId, factor.phone, this.clock.now());
      const recoveryCodes = (await this.repository.unusedRecoveryCodes(tx, userId)) === 0 ? await this.codes.issueRecoveryCodes(tx, userId) : null;
      await this.audit.record(userId, 'two_factor.sms_enabled', { phone: maskPhone(factor.phone) });
      return { phone: maskPhone(factor.phone), recoveryCodes };
    });
    if (!outcome) throw SecondFactorErrors.invalidCode();
    return outcome;
  }
}

/** Removes the SMS factor (verified or pending). */
export class RemoveSmsFactor extends Command<void> {
  constructor(readonly userId: string) {
    super();
  }
}

@CommandHandler(RemoveSmsFactor)
export class RemoveSmsFactorHandler implements ICommandHandler<RemoveSmsFactor, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
    private readonly audit: SecondFactorAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ userId }: RemoveSmsFactor): Promise<void> {
    return this.uow.run({ userId }, async (tx) => {
      const factor = await this.repository.sms(tx, userId);
      if (!factor) throw SecondFactorErrors.smsNotEnabled();
      await this.repository.deleteSms(tx, userId);
      await this.repository.consumeOpenChallenges(tx, userId, this.clock.now());
      if (!(await this.repository.totp(tx, userId))?.confirmedAt) await this.repository.deleteRecoveryCodes(tx, userId);
      if (factor.verifiedAt) await this.audit.record(userId, 'two_factor.sms_disabled', { phone: maskPhone(factor.phone) });
    });
  }
}
