import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { normaliseEmail, UserRepository } from '../../../domain';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { RequestPasswordReset } from './request-password-reset.command';

/** Always succeeds from the caller's point of view: whether the email exists is never revealed. */
@CommandHandler(RequestPasswordReset)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordReset, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly emailTokens: EmailTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
  ) {}

  async execute({ email, useBackupEmail }: RequestPasswordReset): Promise<void> {
    const found = await this.uow.run({}, async () => {
      const user = await this.users.findByEmail(normaliseEmail(email));
      if (!user || user.status === 'deactivated') return null;
      const token = await this.emailTokens.issue(user.id, 'password_reset', user.email);
      const backup = useBackupEmail && user.snapshot.backupEmailVerifiedAt ? user.snapshot.backupEmail : null;
      await this.audit.record({ action: 'auth.password_reset_requested', companyId: null, actorUserId: user.id, targetId: user.id, metadata: { toBackupEmail: !!backup } });
      return { user, token, backup };
    });
    if (!found) return;
    await this.mails.passwordReset(found.user.email, found.user.name, found.token);
    if (found.backup) await this.mails.passwordReset(found.backup, found.user.name, found.token);
  }
}
