import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityAudit } from '../../services/identity-audit';
import { SessionAdmin } from '../../services/session-admin';
import { RevokeOtherSessions } from './revoke-other-sessions.command';

@CommandHandler(RevokeOtherSessions)
export class RevokeOtherSessionsHandler implements ICommandHandler<RevokeOtherSessions, { revoked: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionAdmin,
    private readonly audit: IdentityAudit,
  ) {}

  async execute({ principal }: RevokeOtherSessions): Promise<{ revoked: number }> {
    const ids = await this.uow.run({ userId: principal.userId, companyId: principal.companyId }, async () => {
      const ids = await this.sessions.revokeAllInUnit(principal.userId, 'revoked_by_user', principal.sessionId);
      await this.audit.record({ action: 'auth.other_sessions_revoked', companyId: principal.companyId, actorUserId: principal.userId, targetId: principal.userId, metadata: { revokedSessions: ids } });
      return ids;
    });
    await this.sessions.flush(ids);
    return { revoked: ids.length };
  }
}
