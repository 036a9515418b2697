import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { Principal, UnitOfWork } from '@shipcrowd/platform';
import { SessionRepository } from '../../domain';
import { SessionRevocationList } from '../ports';
import { IdentityAudit } from './identity-audit';

/** Revoking sessions: rows marked in the database, ids pushed to the revocation list so access tokens die at once. */
@Injectable()
export class SessionAdmin {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly revocations: SessionRevocationList,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Returns false when the session is not the principal's own or is already revoked. */
  async revokeOne(principal: Principal, sessionId: string, reason: string, action: string): Promise<boolean> {
    const ids = await this.uow.run({ userId: principal.userId, companyId: principal.companyId }, async () => {
      const revoked = await this.sessions.revoke(sessionId, principal.userId, reason, this.clock.now());
      if (revoked.length) await this.audit.record({ action, companyId: principal.companyId, actorUserId: principal.userId, targetType: 'session', targetId: sessionId, metadata: { reason } });
      return revoked;
    });
    await this.revocations.markRevoked(ids);
    return ids.length > 0;
  }

  /** Inside the caller's unit of work; call `flush` with the result after it commits. */
  async revokeAllInUnit(userId: string, reason: string, exceptSessionId?: string): Promise<string[]> {
    return this.sessions.revokeAllOf(userId, reason, this.clock.now(), exceptSessionId);
  }

  flush(sessionIds: string[]): Promise<void> {
    return this.revocations.markRevoked(sessionIds);
  }
}
