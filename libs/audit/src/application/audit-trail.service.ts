import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { requestContext, UnitOfWork } from '@shipcrowd/platform';
import type { AuditActorType, AuditEntryInput, AuditTrail } from '../../contracts';
import { AuditEntryFields, GENESIS_HASH, hashEntry, toJsonValue } from '../domain/audit-chain';
import { AuditLogRepository } from '../domain/audit-log.repository';

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/**
 * AUDIT_TRAIL: appends to the entry's chain inside the caller's open unit of work, so the entry commits
 * or rolls back with the change it describes. Appends to one chain are serialised by a transaction-scoped
 * advisory lock, so seq and prev_hash never fork. Without an open unit of work (e.g. a failed sign-in,
 * whose own transaction is rolled back) the entry is written in a transaction of its own.
 */
@Injectable()
export class AuditTrailService implements AuditTrail {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AuditLogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(input: AuditEntryInput): Promise<void> {
    if (!ACTION.test(input.action)) throw new Error(`audit action must be a dotted lower-case verb, got '${input.action}'`);
    if (!this.uow.scope()) return this.uow.run({ system: true }, () => this.append(input));
    return this.append(input);
  }

  private async append(input: AuditEntryInput): Promise<void> {
    const tx = this.uow.tx();
    const context = requestContext.get();
    const chain = input.companyId ?? null;
    const head = await this.repository.lockHead(tx, chain);
    const fields: AuditEntryFields = {
      id: newId(),
      companyId: chain,
      seq: (head?.seq ?? 0) + 1,
      action: input.action,
      actorUserId: input.actorUserId ?? null,
      actorType: input.actorType ?? defaultActorType(input, context?.apiKeyId),
      ip: truncate(input.ip !== undefined ? input.ip : context?.ip, 100),
      userAgent: truncate(input.userAgent !== undefined ? input.userAgent : context?.userAgent, 512),
      requestId: context?.requestId ?? null,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      before: toJsonValue(input.before),
      after: toJsonValue(input.after),
      metadata: toJsonValue(input.metadata) ?? null,
      createdAt: new Date(this.clock.now().getTime()),
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    await this.repository.append(tx, { ...fields, hash: hashEntry(fields) });
  }
}

function defaultActorType(input: AuditEntryInput, apiKeyId: string | undefined): AuditActorType {
  if (!input.actorUserId) return 'system';
  return apiKeyId ? 'api_key' : 'user';
}

function truncate(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? value.slice(0, max) : value;
}
