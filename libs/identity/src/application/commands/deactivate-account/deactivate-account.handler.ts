import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { ApiKeyCreatorCache } from '../../ports';
import { IdentityAudit } from '../../services/identity-audit';
import { SessionAdmin } from '../../services/session-admin';
import { DeactivateAccount } from './deactivate-account.command';

/** Deactivated accounts cannot sign in; every session ends now. */
@CommandHandler(DeactivateAccount)
export class DeactivateAccountHandler implements ICommandHandler<DeactivateAccount, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: SessionAdmin,
    private readonly audit: IdentityAudit,
    private readonly apiKeyCreators: ApiKeyCreatorCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, reason, actorUserId }: DeactivateAccount): Promise<void> {
    const revoked = await this.uow.run({ userId: actorUserId }, async () => {
      const user = await this.users.findById(userId);
      if (!user) throw IdentityErrors.userNotFound();
      user.deactivate(this.clock.now());
      await this.users.save(user);
      const revoked = await this.sessions.revokeAllInUnit(userId, 'account_deactivated');
      await this.audit.record({ action: 'auth.account_deactivated', companyId: null, actorUserId, targetId: userId, metadata: { reason } });
      return revoked;
    });
    await this.sessions.flush(revoked);
    await this.apiKeyCreators.evict(userId);
  }
}
