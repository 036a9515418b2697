import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { PasswordHasher } from '../../ports';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { ScheduleAccountDeletion } from './schedule-account-deletion.command';

/** Deletion after ACCOUNT_DELETION_GRACE_DAYS; until then the user can sign in and cancel. */
@CommandHandler(ScheduleAccountDeletion)
export class ScheduleAccountDeletionHandler implements ICommandHandler<ScheduleAccountDeletion> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, password }: ScheduleAccountDeletion): Promise<{ deleteAfter: string }> {
    const user = await this.uow.run({ userId }, () => this.users.findById(userId));
    if (!user) throw IdentityErrors.userNotFound();
    if (!user.passwordHash || !(await this.hasher.verify(user.passwordHash, password))) throw IdentityErrors.wrongPassword('password');
    const due = await this.uow.run({ userId }, async () => {
      const due = user.scheduleDeletion(this.clock.now(), this.config.ACCOUNT_DELETION_GRACE_DAYS);
      await this.users.save(user);
      await this.audit.record({ action: 'auth.account_deletion_scheduled', companyId: null, actorUserId: userId, targetId: userId, metadata: { deleteAfter: due.toISOString() } });
      return due;
    });
    await this.mails.deletionScheduled(user.email, user.name, due);
    return { deleteAfter: due.toISOString() };
  }
}
