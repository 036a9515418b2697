import { createHash, randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, MAILER, Mailer, UnitOfWork } from '@shipcrowd/platform';
import { Invitation, INVITATION_TTL_DAYS, normaliseEmail } from '../../../domain/invitation';
import { CompanyRepository, InvitationRepository, MembershipRepository } from '../../../domain/repositories';
import { assertMayGrant, assertRoomForMore } from '../../../domain/team-rules';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { RoleCatalogue } from '../../role-catalogue';
import { InviteMember, InviteMemberResult } from './invite-member.command';

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Invites by email with a 7-day token (only its hash is stored). Inviting an email that already has a
 * pending invitation refreshes it (new token, new week, the new role). The email goes out after commit.
 */
@CommandHandler(InviteMember)
export class InviteMemberHandler implements ICommandHandler<InviteMember, InviteMemberResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
    private readonly invitations: InvitationRepository,
    private readonly roles: RoleCatalogue,
    private readonly audit: CompaniesAudit,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, email: rawEmail, role }: InviteMember): Promise<InviteMemberResult> {
    const email = normaliseEmail(rawEmail);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const { result, companyName, inviterName } = await this.uow.run(companyScope(actor), async () => {
      const self = await this.memberships.get(actor.companyId, actor.userId);
      await this.roles.assertExists(actor.companyId, role);
      assertMayGrant(self.props, role);
      if (await this.memberships.findByEmail(actor.companyId, email)) {
        throw new DomainError('team.already_member', `${email} is already a member of this company.`, 'conflict');
      }
      const company = await this.companies.get(actor.companyId);
      let invitation = await this.invitations.findPendingByEmail(actor.companyId, email);
      const refreshed = !!invitation;
      if (invitation) {
        invitation.refresh(hashInvitationToken(token), role, actor.userId, now);
        await this.invitations.update(invitation);
      } else {
        assertRoomForMore(await this.memberships.count(actor.companyId), await this.invitations.countPending(actor.companyId));
        invitation = Invitation.issue({ id: newId(), companyId: actor.companyId, email, role, tokenHash: hashInvitationToken(token), invitedBy: actor.userId, now });
        await this.invitations.insert(invitation);
      }
      await this.audit.byMember(actor, refreshed ? 'team.invitation_refreshed' : 'team.member_invited', { type: 'invitation', id: invitation.props.id }, null, { email, role });
      return { result: { invitationId: invitation.props.id, refreshed }, companyName: company.props.profile.displayName ?? company.props.profile.name, inviterName: self.props.name ?? self.props.email };
    });

    const link = `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/accept-invite?token=${encodeURIComponent(token)}`;
    await this.mailer.send({
      to: email,
      subject: `${inviterName} invited you to ${companyName} on Shipcrowd`,
      text: `${inviterName} invited you to join ${companyName} on Shipcrowd as ${role}.\n\nAccept the invitation (valid for ${INVITATION_TTL_DAYS} days):\n${link}\n\nIf you were not expecting this, ignore this email.`,
      template: 'companies.invitation',
    });
    return result;
  }
}
