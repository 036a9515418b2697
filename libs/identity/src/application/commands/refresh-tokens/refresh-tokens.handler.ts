import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, RefreshTokenRepository, SessionRepository, UserRepository } from '../../../domain';
import { SessionRevocationList } from '../../ports';
import { IdentityAudit } from '../../services/identity-audit';
import { SessionTokens, TokenPair } from '../../services/session-tokens';
import { hashToken } from '../../services/secret-tokens';
import { RefreshTokens } from './refresh-tokens.command';

/**
 * Rotation with reuse detection (OAuth 2.0 Security BCP §4.14): each refresh token works once. Presenting
 * one that was already rotated means it leaked, so every session of its family is revoked at once.
 */
@CommandHandler(RefreshTokens)
export class RefreshTokensHandler implements ICommandHandler<RefreshTokens, TokenPair & { companyId: string | null }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly sessionTokens: SessionTokens,
    private readonly revocations: SessionRevocationList,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ refreshToken, client }: RefreshTokens): Promise<TokenPair & { companyId: string | null }> {
    const tokenHash = hashToken(refreshToken);
    // Read first (no lock) to learn the user and company, so the companies facade is asked outside our transaction.
    const found = await this.uow.run({}, async () => {
      const token = await this.refreshTokens.findByHash(tokenHash);
      const session = token ? await this.sessions.findById(token.sessionId) : null;
      return token && session ? { token, session } : null;
    });
    const now = this.clock.now();
    if (!found || found.token.expiresAt <= now) throw IdentityErrors.invalidRefreshToken();
    if (found.token.usedAt) return this.reused(found.token.familyId, found.session.userId, client);
    if (found.session.revokedAt || found.session.expiresAt <= now) throw IdentityErrors.invalidRefreshToken();

    const { userId, companyId } = found.session;
    const company = (companyId ? await this.sessionTokens.membership(userId, companyId) : null) ?? (await this.sessionTokens.resolveCompany(userId, null));

    const outcome = await this.uow.run({ userId }, async () => {
      // Compare-and-set: of two requests racing with the same token only one wins; the other is a reuse.
      if (!(await this.refreshTokens.markUsed(found.token.id, now))) return 'reused' as const;
      const user = await this.users.findById(userId);
      if (!user || user.status === 'deactivated') return 'invalid' as const;
      await this.sessions.touch(found.session.id, { companyId: company?.companyId ?? null, lastSeenAt: now, expiresAt: this.sessionTokens.refreshExpiry(now), ip: client.ip });
      return this.sessionTokens.issue(user, found.session, company);
    });
    if (outcome === 'reused') return this.reused(found.token.familyId, userId, client);
    if (outcome === 'invalid') throw IdentityErrors.invalidRefreshToken();
    return { ...outcome, companyId: company?.companyId ?? null };
  }

  private async reused(familyId: string, userId: string, client: { ip: string | null; userAgent: string | null }): Promise<never> {
    const now = this.clock.now();
    const revoked = await this.uow.run({ userId }, async () => {
      const ids = await this.sessions.revokeFamily(familyId, 'refresh_token_reused', now);
      await this.audit.record({ action: 'auth.refresh_token_reused', companyId: null, actorUserId: userId, targetType: 'session_family', targetId: familyId, ip: client.ip, userAgent: client.userAgent, metadata: { revokedSessions: ids } });
      return ids;
    });
    await this.revocations.markRevoked(revoked);
    throw IdentityErrors.refreshReused();
  }
}
