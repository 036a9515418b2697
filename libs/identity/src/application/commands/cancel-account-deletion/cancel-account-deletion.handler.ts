import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { CancelAccountDeletion } from './cancel-account-deletion.command';

@CommandHandler(CancelAccountDeletion)
export class CancelAccountDeletionHandler implements ICommandHandler<CancelAccountDeletion, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId }: CancelAccountDeletion): Promise<void> {
    await this.uow.run({ userId }, async () => {
      const user = await this.users.findById(userId);
      if (!user) throw IdentityErrors.userNotFound();
      user.cancelDeletion(this.clock.now());
      await this.users.save(user);
      await this.audit.record({ action: 'auth.account_deletion_cancelled', companyId: null, actorUserId: userId, targetId: userId });
    });
  }
}
