import { Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { RefreshTokenRecord, RefreshTokenRepository, SessionRecord, SessionRepository } from '../../domain';
import { refreshTokens, sessions } from './identity.schema';

@Injectable()
export class DrizzleSessionRepository extends SessionRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async add(session: SessionRecord): Promise<void> {
    await this.uow.tx().insert(sessions).values(session);
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const [row] = await this.uow.tx().select().from(sessions).where(eq(sessions.id, id)).limit(1);
    return row ?? null;
  }

  listActive(userId: string, now: Date): Promise<SessionRecord[]> {
    return this.uow
      .tx()
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(200);
  }

  async hasSeenDevice(userId: string, fingerprint: string): Promise<boolean> {
    const rows = await this.uow
      .tx()
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.deviceFingerprint, fingerprint)))
      .limit(1);
    return rows.length > 0;
  }

  async touch(id: string, changes: { companyId?: string | null; lastSeenAt: Date; expiresAt: Date; ip?: string | null }): Promise<void> {
    await this.uow.tx().update(sessions).set(changes).where(eq(sessions.id, id));
  }

  async revoke(id: string, userId: string, reason: string, now: Date): Promise<string[]> {
    return this.revokeWhere(and(eq(sessions.id, id), eq(sessions.userId, userId))!, reason, now);
  }

  revokeFamily(familyId: string, reason: string, now: Date): Promise<string[]> {
    return this.revokeWhere(eq(sessions.familyId, familyId), reason, now);
  }

  revokeAllOf(userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<string[]> {
    return this.revokeWhere(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))! : eq(sessions.userId, userId), reason, now);
  }

  private async revokeWhere(where: ReturnType<typeof eq>, reason: string, now: Date): Promise<string[]> {
    const rows = await this.uow
      .tx()
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(where, isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }
}

@Injectable()
export class DrizzleRefreshTokenRepository extends RefreshTokenRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async add(token: Omit<RefreshTokenRecord, 'usedAt'>): Promise<void> {
    await this.uow.tx().insert(refreshTokens).values(token);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const [row] = await this.uow.tx().select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row ?? null;
  }

  async markUsed(id: string, now: Date): Promise<boolean> {
    const rows = await this.uow
      .tx()
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id });
    return rows.length === 1;
  }
}
