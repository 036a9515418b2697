import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { assertAcceptablePassword, IdentityErrors, UserRepository } from '../../../domain';
import { PasswordHasher } from '../../ports';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { SessionAdmin } from '../../services/session-admin';
import { ChangePassword } from './change-password.command';

/** Needs the current password; other sessions are signed out, this one stays. */
@CommandHandler(ChangePassword)
export class ChangePasswordHandler implements ICommandHandler<ChangePassword, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionAdmin,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, currentPassword, newPassword }: ChangePassword): Promise<void> {
    const user = await this.uow.run({ userId: principal.userId }, () => this.users.findById(principal.userId));
    if (!user) throw IdentityErrors.userNotFound();
    if (!user.passwordHash || !(await this.hasher.verify(user.passwordHash, currentPassword))) throw IdentityErrors.wrongPassword('currentPassword');
    assertAcceptablePassword(newPassword, { email: user.email, name: user.name }, 'newPassword');
    const hash = await this.hasher.hash(newPassword);
    const revoked = await this.uow.run({ userId: user.id, companyId: principal.companyId }, async () => {
      user.changePassword(hash, this.clock.now());
      await this.users.save(user);
      const revoked = await this.sessions.revokeAllInUnit(user.id, 'password_changed', principal.sessionId);
      await this.audit.record({ action: 'auth.password_changed', companyId: principal.companyId, actorUserId: user.id, targetId: user.id, metadata: { revokedSessions: revoked.length } });
      return revoked;
    });
    await this.sessions.flush(revoked);
    await this.mails.passwordChanged(user.email, user.name);
  }
}
