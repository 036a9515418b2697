import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { Membership } from '../../../domain/membership';
import { InvitationRepository, MembershipRepository } from '../../../domain/repositories';
import { CompaniesAudit } from '../../companies-audit';
import { TenantScopes } from '../../ports/tenant-scopes.port';
import { hashInvitationToken } from '../invite-member/invite-member.handler';
import { AcceptInvitation } from './accept-invitation.command';

/**
 * Turns an invitation into a membership. The token is the only thing the invitee has, so the lookup
 * looks across companies (system scope, by token hash only); everything else runs in the invitation's
 * company. Works inside the caller's unit of work (registration) or on its own (HTTP accept).
 */
@CommandHandler(AcceptInvitation)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitation, { companyId: string }> {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly invitations: InvitationRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ token, userId, email, name }: AcceptInvitation): Promise<{ companyId: string }> {
    const invitation = await this.scopes.within({ system: true, userId }, () => this.invitations.findByTokenHash(hashInvitationToken(token)));
    if (!invitation) throw new DomainError('invitation.not_found', 'This invitation link is not valid.', 'not_found');
    const companyId = invitation.props.companyId;
    const now = this.clock.now();
    return this.scopes.within({ companyId, userId }, async () => {
      invitation.accept(userId, email, now);
      if (await this.memberships.find(companyId, userId)) throw new DomainError('team.already_member', 'You are already a member of this company.', 'conflict');
      await this.invitations.update(invitation);
      const membership = Membership.join({ id: newId(), companyId, userId, email, name, role: invitation.props.role, now, via: 'invitation' });
      await this.memberships.insert(membership);
      await this.audit.bySystem(companyId, 'team.invitation_accepted', { type: 'invitation', id: invitation.props.id }, { role: invitation.props.role, email: invitation.props.email }, userId);
      return { companyId };
    });
  }
}
