import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseEmail, UserRepository } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { GrantPlatformAdmin } from './grant-platform-admin.command';

@CommandHandler(GrantPlatformAdmin)
export class GrantPlatformAdminHandler implements ICommandHandler<GrantPlatformAdmin, { userId: string }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ email }: GrantPlatformAdmin): Promise<{ userId: string }> {
    return this.uow.run({ system: true }, async () => {
      const user = await this.users.findByEmail(normaliseEmail(email));
      if (!user) throw IdentityErrors.userNotFound();
      if (!user.platformAdmin) {
        user.grantPlatformAdmin(this.clock.now());
        await this.users.save(user);
        await this.audit.record({ action: 'auth.platform_admin_granted', companyId: null, actorUserId: null, actorType: 'system', targetId: user.id });
      }
      return { userId: user.id };
    });
  }
}
