import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { assertAcceptablePassword, IdentityErrors, UserRepository } from '../../../domain';
import { LoginThrottle, PasswordHasher } from '../../ports';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { SessionAdmin } from '../../services/session-admin';
import { ResetPassword } from './reset-password.command';

/** Sets a new password from an emailed token and signs the account out everywhere. */
@CommandHandler(ResetPassword)
export class ResetPasswordHandler implements ICommandHandler<ResetPassword, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly emailTokens: EmailTokens,
    private readonly sessions: SessionAdmin,
    private readonly throttle: LoginThrottle,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ token, newPassword }: ResetPassword): Promise<void> {
    // Hash outside the transaction (it is slow); validated against the owner inside.
    const hash = await this.hasher.hash(newPassword);
    const { user, revoked } = await this.uow.run({}, async () => {
      const record = await this.emailTokens.redeem(token, ['password_reset']);
      const user = await this.users.findById(record.userId);
      if (!user || user.email !== record.email) throw IdentityErrors.invalidToken('password reset');
      assertAcceptablePassword(newPassword, { email: user.email, name: user.name }, 'newPassword');
      user.changePassword(hash, this.clock.now());
      await this.users.save(user);
      const revoked = await this.sessions.revokeAllInUnit(user.id, 'password_reset');
      await this.audit.record({ action: 'auth.password_reset', companyId: null, actorUserId: user.id, targetId: user.id, metadata: { revokedSessions: revoked.length } });
      return { user, revoked };
    });
    await this.sessions.flush(revoked);
    await this.throttle.reset(user.email);
    await this.mails.passwordChanged(user.email, user.name);
  }
}
