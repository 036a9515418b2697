import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { MembershipRepository } from '../../../domain/repositories';
import { assertKeepsAnOwner, assertMayGrant, assertMayManage } from '../../../domain/team-rules';
import { companyScope, expectVersion } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { RoleCatalogue } from '../../role-catalogue';
import { ChangeMemberRole } from './change-member-role.command';

@CommandHandler(ChangeMemberRole)
export class ChangeMemberRoleHandler implements ICommandHandler<ChangeMemberRole, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleCatalogue,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, targetUserId, role, expectedVersion }: ChangeMemberRole): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const target = await this.memberships.get(actor.companyId, targetUserId);
      const self = await this.memberships.get(actor.companyId, actor.userId);
      expectVersion(target, 'Membership', expectedVersion);
      assertMayManage(self.props, target.props);
      assertMayGrant(self.props, role);
      await this.roles.assertExists(actor.companyId, role);
      if (target.props.role === role) return;
      if (target.props.role === 'owner') assertKeepsAnOwner(target.props, await this.memberships.countActiveOwners(actor.companyId), 'demote');
      const before = target.props.role;
      target.changeRole(role, actor.userId, this.clock.now());
      await this.memberships.save(target);
      await this.audit.byMember(actor, 'team.member_role_changed', { type: 'user', id: targetUserId }, { role: before }, { role });
    });
  }
}
