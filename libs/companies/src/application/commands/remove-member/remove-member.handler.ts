import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { MembershipRepository } from '../../../domain/repositories';
import { assertKeepsAnOwner, assertMayManage } from '../../../domain/team-rules';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { SessionRevoker } from '../../session-revoker';
import { RemoveMember } from './remove-member.command';

@CommandHandler(RemoveMember)
export class RemoveMemberHandler implements ICommandHandler<RemoveMember, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly memberships: MembershipRepository,
    private readonly audit: CompaniesAudit,
    private readonly sessions: SessionRevoker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, targetUserId }: RemoveMember): Promise<void> {
    await this.uow.run(companyScope(actor), async () => {
      const target = await this.memberships.get(actor.companyId, targetUserId);
      const self = await this.memberships.get(actor.companyId, actor.userId);
      assertMayManage(self.props, target.props);
      assertKeepsAnOwner(target.props, await this.memberships.countActiveOwners(actor.companyId), 'remove');
      target.markRemoved(actor.userId, this.clock.now());
      await this.memberships.delete(target);
      await this.audit.byMember(actor, 'team.member_removed', { type: 'user', id: targetUserId }, { role: target.props.role, status: target.props.status, email: target.props.email }, null);
    });
    await this.sessions.revokeAll(targetUserId, 'member_removed');
  }
}
