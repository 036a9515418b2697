import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { MembershipRepository } from '../../../domain/repositories';
import { assertKeepsAnOwner, assertMayManage } from '../../../domain/team-rules';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { SessionRevoker } from '../../session-revoker';
import { DeactivateMember, ReactivateMember } from './set-member-status.command';

/** Deactivation keeps the membership (and its history) but signs the person out everywhere. Repeating it changes nothing. */
@CommandHandler(DeactivateMember)
export class DeactivateMemberHandler implements ICommandHandler<DeactivateMember, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly memberships: MembershipRepository,
    private readonly audit: CompaniesAudit,
    private readonly sessions: SessionRevoker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, targetUserId }: DeactivateMember): Promise<void> {
    const changed = await this.uow.run(companyScope(actor), async () => {
      const target = await this.memberships.get(actor.companyId, targetUserId);
      const self = await this.memberships.get(actor.companyId, actor.userId);
      assertMayManage(self.props, target.props);
      if (target.props.status === 'deactivated') return false;
      assertKeepsAnOwner(target.props, await this.memberships.countActiveOwners(actor.companyId), 'deactivate');
      target.deactivate(actor.userId, this.clock.now());
      await this.memberships.save(target);
      await this.audit.byMember(actor, 'team.member_deactivated', { type: 'user', id: targetUserId }, { status: 'active' }, { status: 'deactivated' });
      return true;
    });
    if (changed) await this.sessions.revokeAll(targetUserId, 'member_deactivated');
  }
}

@CommandHandler(ReactivateMember)
export class ReactivateMemberHandler implements ICommandHandler<ReactivateMember, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly memberships: MembershipRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, targetUserId }: ReactivateMember): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const target = await this.memberships.get(actor.companyId, targetUserId);
      const self = await this.memberships.get(actor.companyId, actor.userId);
      assertMayManage(self.props, target.props);
      if (target.props.status === 'active') return;
      target.reactivate(actor.userId, this.clock.now());
      await this.memberships.save(target);
      await this.audit.byMember(actor, 'team.member_reactivated', { type: 'user', id: targetUserId }, { status: 'deactivated' }, { status: 'active' });
    });
  }
}
