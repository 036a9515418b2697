import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { SessionAdmin } from '../../services/session-admin';
import { LogOut } from './log-out.command';

@CommandHandler(LogOut)
export class LogOutHandler implements ICommandHandler<LogOut, void> {
  constructor(private readonly sessions: SessionAdmin) {}

  async execute({ principal }: LogOut): Promise<void> {
    if (!principal.sessionId) throw new DomainError('auth.no_session', 'API keys have no session to sign out of; revoke the key instead.', 'validation');
    await this.sessions.revokeOne(principal, principal.sessionId, 'logout', 'auth.logout');
  }
}
