import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, domainEvent } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { UserRepository } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { SessionAdmin } from '../../services/session-admin';
import { PurgeDeletedAccounts } from './purge-deleted-accounts.command';

/**
 * Removes the user row (sessions and tokens die with it: revoked first, then their user is gone) and
 * publishes identity.user_deleted.v1 so other contexts drop memberships and personal data they hold.
 */
@CommandHandler(PurgeDeletedAccounts)
export class PurgeDeletedAccountsHandler implements ICommandHandler<PurgeDeletedAccounts, { purged: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: SessionAdmin,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ batchSize }: PurgeDeletedAccounts): Promise<{ purged: number }> {
    const now = this.clock.now();
    const revoked = await this.uow.run({ system: true }, async () => {
      const ids = await this.users.dueForDeletion(now, batchSize);
      const revoked: string[] = [];
      for (const id of ids) {
        revoked.push(...(await this.sessions.revokeAllInUnit(id, 'account_deleted')));
        await this.users.delete(id);
        await this.uow.publish([domainEvent('identity.user_deleted.v1', id, null, { userId: id }, now)]);
        await this.audit.record({ action: 'auth.account_deleted', companyId: null, actorUserId: null, actorType: 'system', targetId: id });
      }
      return { ids, revoked };
    });
    await this.sessions.flush(revoked.revoked);
    return { purged: revoked.ids.length };
  }
}
