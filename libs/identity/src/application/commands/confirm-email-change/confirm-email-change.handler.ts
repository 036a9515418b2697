import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { isUniqueViolation } from '../../services/user-view';
import { ConfirmEmailChange } from './confirm-email-change.command';

@CommandHandler(ConfirmEmailChange)
export class ConfirmEmailChangeHandler implements ICommandHandler<ConfirmEmailChange> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly emailTokens: EmailTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ token }: ConfirmEmailChange): Promise<{ email: string }> {
    const { oldEmail, newEmail, name } = await this.uow
      .run({}, async () => {
        const record = await this.emailTokens.redeem(token, ['email_change']);
        const user = await this.users.findById(record.userId);
        if (!user) throw IdentityErrors.invalidToken('email change');
        if (await this.users.findByEmail(record.email)) throw IdentityErrors.emailTaken();
        const oldEmail = user.email;
        user.changeEmail(record.email, this.clock.now());
        await this.users.save(user);
        await this.audit.record({ action: 'auth.email_changed', companyId: null, actorUserId: user.id, targetId: user.id, before: { email: oldEmail }, after: { email: record.email } });
        return { oldEmail, newEmail: record.email, name: user.name };
      })
      .catch((error) => {
        throw isUniqueViolation(error) ? IdentityErrors.emailTaken() : error;
      });
    await this.mails.emailChanged(oldEmail, name, newEmail);
    return { email: newEmail };
  }
}
