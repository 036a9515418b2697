import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseEmail, UserRepository } from '../../../domain';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { SetBackupEmail } from './set-backup-email.command';

/** Stored unverified; password resets go there only once the emailed token confirmed it (POST /v1/auth/verify-email). */
@CommandHandler(SetBackupEmail)
export class SetBackupEmailHandler implements ICommandHandler<SetBackupEmail, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly emailTokens: EmailTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, email }: SetBackupEmail): Promise<void> {
    const backup = normaliseEmail(email);
    const { name, token } = await this.uow.run({ userId: principal.userId, companyId: principal.companyId }, async () => {
      const user = await this.users.findById(principal.userId);
      if (!user) throw IdentityErrors.userNotFound();
      const before = user.snapshot.backupEmail;
      user.setBackupEmail(backup, this.clock.now());
      await this.users.save(user);
      const token = await this.emailTokens.issue(user.id, 'backup_email', backup);
      await this.audit.record({ action: 'auth.backup_email_set', companyId: principal.companyId, actorUserId: user.id, targetId: user.id, before: { backupEmail: before }, after: { backupEmail: backup } });
      return { name: user.name, token };
    });
    await this.mails.backupEmail(backup, name, token);
  }
}
