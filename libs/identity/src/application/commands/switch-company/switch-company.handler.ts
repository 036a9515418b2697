import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, SessionRepository, UserRepository } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { SessionTokens, TokenPair } from '../../services/session-tokens';
import { SwitchCompany } from './switch-company.command';

/** Same session, new tokens scoped to another active membership; the next sign-in lands there too. */
@CommandHandler(SwitchCompany)
export class SwitchCompanyHandler implements ICommandHandler<SwitchCompany> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly sessionTokens: SessionTokens,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, companyId }: SwitchCompany): Promise<TokenPair & { companyId: string; role: string; permissions: string[] }> {
    if (!principal.sessionId) throw new DomainError('auth.no_session', 'Only a signed-in session can switch company; API keys belong to one company.', 'forbidden');
    const company = await this.sessionTokens.membership(principal.userId, companyId);
    if (!company) throw IdentityErrors.notAMember();
    const now = this.clock.now();
    const tokens = await this.uow.run({ userId: principal.userId, companyId }, async () => {
      const session = await this.sessions.findById(principal.sessionId!);
      const user = await this.users.findById(principal.userId);
      if (!session || session.revokedAt || !user) throw IdentityErrors.sessionRevoked();
      user.switchedTo(companyId, now);
      await this.users.save(user);
      await this.sessions.touch(session.id, { companyId, lastSeenAt: now, expiresAt: this.sessionTokens.refreshExpiry(now) });
      await this.audit.record({ action: 'auth.company_switched', companyId, actorUserId: user.id, targetId: user.id, metadata: { from: principal.companyId } });
      return this.sessionTokens.issue(user, session, company);
    });
    return { ...tokens, companyId, role: company.role, permissions: company.permissions };
  }
}
