import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, gte, isNull, like, lt, lte, SQL, sql } from 'drizzle-orm';
import { queryRows, Tx } from '@shipcrowd/platform';
import type { StoredAuditEntry } from '../../domain/audit-chain';
import { AuditLogFilter, AuditLogRepository, ChainId } from '../../domain/audit-log.repository';
import { auditLog } from './audit.schema';

@Injectable()
export class DrizzleAuditLogRepository extends AuditLogRepository {
  async lockHead(tx: Tx, chain: ChainId): Promise<{ seq: number; hash: string } | null> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain ?? 'platform'}`}))`);
    const [head] = await queryRows<{ seq: string | number; hash: string }>(tx, sql`select seq, hash from audit.chain_head(${chain}::uuid)`);
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }

  async append(tx: Tx, entry: StoredAuditEntry): Promise<void> {
    await tx.insert(auditLog).values(entry);
  }

  async page(tx: Tx, filter: AuditLogFilter, limit: number, beforeId?: string): Promise<StoredAuditEntry[]> {
    const conditions = filterConditions(filter);
    if (beforeId) conditions.push(lt(auditLog.id, beforeId));
    const rows = await tx
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return rows.map(toEntry);
  }

  async chainSlice(tx: Tx, chain: ChainId, afterSeq: number, limit: number): Promise<StoredAuditEntry[]> {
    const rows = await tx
      .select()
      .from(auditLog)
      .where(and(chain === null ? isNull(auditLog.companyId) : eq(auditLog.companyId, chain), gt(auditLog.seq, afterSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(limit);
    return rows.map(toEntry);
  }

  async chains(tx: Tx): Promise<ChainId[]> {
    const rows = await queryRows<{ company_id: string | null }>(tx, sql`select distinct company_id from audit.audit_log order by company_id nulls first`);
    return rows.map((r) => r.company_id);
  }
}

function filterConditions(filter: AuditLogFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.companyId === null) conditions.push(isNull(auditLog.companyId));
  else if (filter.companyId !== undefined) conditions.push(eq(auditLog.companyId, filter.companyId));
  if (filter.actionPrefix) conditions.push(like(auditLog.action, `${escapeLike(filter.actionPrefix)}%`));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lte(auditLog.createdAt, filter.to));
  return conditions;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(row: typeof auditLog.$inferSelect): StoredAuditEntry {
  return {
    id: row.id,
    companyId: row.companyId,
    seq: Number(row.seq),
    action: row.action,
    actorUserId: row.actorUserId,
    actorType: row.actorType,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before ?? null,
    after: row.after ?? null,
    metadata: row.metadata ?? null,
    createdAt: new Date(row.createdAt),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
