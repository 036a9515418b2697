import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { InvitationRepository } from '../../../domain/repositories';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { RevokeInvitation } from './revoke-invitation.command';

@CommandHandler(RevokeInvitation)
export class RevokeInvitationHandler implements ICommandHandler<RevokeInvitation, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly invitations: InvitationRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, invitationId }: RevokeInvitation): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const invitation = await this.invitations.findById(actor.companyId, invitationId);
      if (!invitation) throw new NotFoundError('Invitation', invitationId);
      invitation.revoke(this.clock.now());
      await this.invitations.update(invitation);
      await this.audit.byMember(actor, 'team.invitation_revoked', { type: 'invitation', id: invitationId }, { email: invitation.props.email, role: invitation.props.role }, null);
    });
  }
}
