import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, gt, gte, isNull, lt, max, or, sql } from 'drizzle-orm';
import type { Tx } from '@shipcrowd/platform';
import { users } from '../../infrastructure/persistence/identity.schema';
import { recoveryCodes, smsChallenges, smsFactors, totpFactors } from '../second-factor.schema';

export type TotpFactorRow = typeof totpFactors.$inferSelect;
export type SmsFactorRow = typeof smsFactors.$inferSelect;
export type SmsChallengeRow = typeof smsChallenges.$inferSelect;

/** Thin SQL over the second-factor tables; always inside the caller's transaction. */
@Injectable()
export class SecondFactorRepository {
  async userEmail(tx: Tx, userId: string): Promise<string | null> {
    const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    return row?.email ?? null;
  }

  async totp(tx: Tx, userId: string): Promise<TotpFactorRow | null> {
    const [row] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, userId));
    return row ?? null;
  }

  async savePendingTotp(tx: Tx, userId: string, secretSealed: string, at: Date): Promise<void> {
    await tx
      .insert(totpFactors)
      .values({ userId, secretSealed, createdAt: at })
      .onConflictDoUpdate({ target: totpFactors.userId, set: { secretSealed, createdAt: at, confirmedAt: null, lastUsedStep: null } });
  }

  async confirmTotp(tx: Tx, userId: string, step: number, at: Date): Promise<boolean> {
    const rows = await tx
      .update(totpFactors)
      .set({ confirmedAt: at, lastUsedStep: step })
      .where(and(eq(totpFactors.userId, userId), isNull(totpFactors.confirmedAt)))
      .returning({ userId: totpFactors.userId });
    return rows.length === 1;
  }

  /** Records `step` as used unless it (or a later one) already was: the replay check, race-free. */
  async useTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
    const rows = await tx
      .update(totpFactors)
      .set({ lastUsedStep: step })
      .where(and(eq(totpFactors.userId, userId), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))))
      .returning({ userId: totpFactors.userId });
    return rows.length === 1;
  }

  async deleteTotp(tx: Tx, userId: string): Promise<void> {
    await tx.delete(totpFactors).where(eq(totpFactors.userId, userId));
  }

  async replaceRecoveryCodes(tx: Tx, userId: string, rows: { id: string; codeHash: string }[], at: Date): Promise<void> {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(rows.map((r) => ({ ...r, userId, createdAt: at })));
  }

  async useRecoveryCode(tx: Tx, userId: string, codeHash: string, at: Date): Promise<boolean> {
    const rows = await tx
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return rows.length === 1;
  }

  async unusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return Number(row?.n ?? 0);
  }

  async deleteRecoveryCodes(tx: Tx, userId: string): Promise<void> {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  }

  async sms(tx: Tx, userId: string): Promise<SmsFactorRow | null> {
    const [row] = await tx.select().from(smsFactors).where(eq(smsFactors.userId, userId));
    return row ?? null;
  }

  async savePendingSms(tx: Tx, userId: string, phone: string, at: Date): Promise<void> {
    await tx
      .insert(smsFactors)
      .values({ userId, phone, createdAt: at })
      .onConflictDoUpdate({ target: smsFactors.userId, set: { phone, createdAt: at, verifiedAt: null } });
  }

  async verifySms(tx: Tx, userId: string, phone: string, at: Date): Promise<boolean> {
    const rows = await tx
      .update(smsFactors)
      .set({ verifiedAt: at })
      .where(and(eq(smsFactors.userId, userId), eq(smsFactors.phone, phone), isNull(smsFactors.verifiedAt)))
      .returning({ userId: smsFactors.userId });
    return rows.length === 1;
  }

  async deleteSms(tx: Tx, userId: string): Promise<void> {
    await tx.delete(smsFactors).where(eq(smsFactors.userId, userId));
  }

  /** Serialises SMS sends of one user (rate-limit check, then insert) for the rest of the transaction. */
  async lockUserForSms(tx: Tx, userId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sms:${userId}`}, 0))`);
  }

  async smsSendsSince(tx: Tx, userId: string, since: Date): Promise<{ count: number; latest: Date | null }> {
    const [row] = await tx
      .select({ n: count(), latest: max(smsChallenges.createdAt) })
      .from(smsChallenges)
      .where(and(eq(smsChallenges.userId, userId), gte(smsChallenges.createdAt, since)));
    return { count: Number(row?.n ?? 0), latest: row?.latest ? new Date(row.latest) : null };
  }

  async oldestSmsSendSince(tx: Tx, userId: string, since: Date): Promise<Date | null> {
    const [row] = await tx
      .select({ at: smsChallenges.createdAt })
      .from(smsChallenges)
      .where(and(eq(smsChallenges.userId, userId), gte(smsChallenges.createdAt, since)))
      .orderBy(smsChallenges.createdAt)
      .limit(1);
    return row?.at ?? null;
  }

  /** A new code replaces any open one of the same purpose. */
  async insertChallenge(tx: Tx, row: Omit<SmsChallengeRow, 'attempts' | 'consumedAt' | 'providerMessageId'>): Promise<void> {
    await tx
      .update(smsChallenges)
      .set({ consumedAt: row.createdAt })
      .where(and(eq(smsChallenges.userId, row.userId), eq(smsChallenges.purpose, row.purpose), isNull(smsChallenges.consumedAt)));
    await tx.insert(smsChallenges).values(row);
  }

  async setChallengeMessageId(tx: Tx, id: string, providerMessageId: string): Promise<void> {
    await tx.update(smsChallenges).set({ providerMessageId }).where(eq(smsChallenges.id, id));
  }

  async openChallenge(tx: Tx, userId: string, purpose: 'enrol' | 'login', now: Date, maxAttempts: number): Promise<SmsChallengeRow | null> {
    const [row] = await tx
      .select()
      .from(smsChallenges)
      .where(
        and(
          eq(smsChallenges.userId, userId),
          eq(smsChallenges.purpose, purpose),
          isNull(smsChallenges.consumedAt),
          gt(smsChallenges.expiresAt, now),
          lt(smsChallenges.attempts, maxAttempts),
        ),
      )
      .orderBy(desc(smsChallenges.createdAt))
      .limit(1);
    return row ?? null;
  }

  async countFailedAttempt(tx: Tx, id: string): Promise<void> {
    await tx
      .update(smsChallenges)
      .set({ attempts: sql`${smsChallenges.attempts} + 1` })
      .where(eq(smsChallenges.id, id));
  }

  async consumeChallenge(tx: Tx, id: string, at: Date): Promise<boolean> {
    const rows = await tx
      .update(smsChallenges)
      .set({ consumedAt: at })
      .where(and(eq(smsChallenges.id, id), isNull(smsChallenges.consumedAt)))
      .returning({ id: smsChallenges.id });
    return rows.length === 1;
  }

  async consumeOpenChallenges(tx: Tx, userId: string, at: Date): Promise<void> {
    await tx
      .update(smsChallenges)
      .set({ consumedAt: at })
      .where(and(eq(smsChallenges.userId, userId), isNull(smsChallenges.consumedAt)));
  }
}
