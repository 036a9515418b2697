import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { maskPhone } from '../../domain/phone';
import { SecondFactorRepository } from '../../infrastructure/second-factor.repository';

export interface SecondFactorStatus {
  methods: ('totp' | 'sms')[];
  totp: { enabled: boolean; pendingEnrolment: boolean };
  sms: { enabled: boolean; pendingEnrolment: boolean; phone: string | null };
  recoveryCodesLeft: number;
}

export class GetSecondFactorStatus extends Query<SecondFactorStatus> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(GetSecondFactorStatus)
export class GetSecondFactorStatusHandler implements IQueryHandler<GetSecondFactorStatus, SecondFactorStatus> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: SecondFactorRepository,
  ) {}

  execute({ userId }: GetSecondFactorStatus): Promise<SecondFactorStatus> {
    return this.uow.run({ userId }, async (tx) => {
      const totp = await this.repository.totp(tx, userId);
      const sms = await this.repository.sms(tx, userId);
      const recoveryCodesLeft = await this.repository.unusedRecoveryCodes(tx, userId);
      const methods: ('totp' | 'sms')[] = [];
      if (totp?.confirmedAt) methods.push('totp');
      if (sms?.verifiedAt) methods.push('sms');
      return {
        methods,
        totp: { enabled: !!totp?.confirmedAt, pendingEnrolment: !!totp && !totp.confirmedAt },
        sms: { enabled: !!sms?.verifiedAt, pendingEnrolment: !!sms && !sms.verifiedAt, phone: sms ? maskPhone(sms.phone) : null },
        recoveryCodesLeft: methods.length ? recoveryCodesLeft : 0,
      };
    });
  }
}
