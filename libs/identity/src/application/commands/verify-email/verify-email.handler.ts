import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { VerifyEmail } from './verify-email.command';

@CommandHandler(VerifyEmail)
export class VerifyEmailHandler implements ICommandHandler<VerifyEmail> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly emailTokens: EmailTokens,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ token }: VerifyEmail): Promise<{ email: string; kind: 'email' | 'backup_email' }> {
    return this.uow.run({}, async () => {
      const record = await this.emailTokens.redeem(token, ['verify_email', 'backup_email']);
      const user = await this.users.findById(record.userId);
      if (!user) throw IdentityErrors.invalidToken('verification');
      const now = this.clock.now();
      if (record.purpose === 'verify_email') {
        // The token proves one address: if the email changed since, it proves nothing.
        if (user.email !== record.email) throw IdentityErrors.invalidToken('verification');
        user.verifyEmail(now);
      } else if (!user.verifyBackupEmail(record.email, now)) {
        throw IdentityErrors.invalidToken('verification');
      }
      await this.users.save(user);
      await this.audit.record({ action: record.purpose === 'verify_email' ? 'auth.email_verified' : 'auth.backup_email_verified', companyId: null, actorUserId: user.id, targetId: user.id, metadata: { email: record.email } });
      return { email: record.email, kind: record.purpose === 'verify_email' ? ('email' as const) : ('backup_email' as const) };
    });
  }
}
