import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@shipcrowd/kernel';
import { SessionAdmin } from '../../services/session-admin';
import { RevokeSession } from './revoke-session.command';

@CommandHandler(RevokeSession)
export class RevokeSessionHandler implements ICommandHandler<RevokeSession, void> {
  constructor(private readonly sessions: SessionAdmin) {}

  async execute({ principal, sessionId }: RevokeSession): Promise<void> {
    // Someone else's session and an already revoked one answer alike: not found.
    if (!(await this.sessions.revokeOne(principal, sessionId, 'revoked_by_user', 'auth.session_revoked'))) throw new NotFoundError('Session', sessionId);
  }
}
