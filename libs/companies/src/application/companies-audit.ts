import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import type { Actor, AdminActor } from './actor';

/** Writes this context's audit entries inside the open unit of work (they commit with the change). */
@Injectable()
export class CompaniesAudit {
  constructor(@Inject(AUDIT_TRAIL) private readonly trail: AuditTrail) {}

  byMember(actor: Actor, action: string, target: { type: string; id: string }, before?: unknown, after?: unknown, metadata?: Record<string, unknown>): Promise<void> {
    return this.trail.record({
      action,
      companyId: actor.companyId,
      actorUserId: actor.userId,
      actorType: actor.via === 'api_key' ? 'api_key' : 'user',
      targetType: target.type,
      targetId: target.id,
      before,
      after,
      metadata,
    });
  }

  byAdmin(admin: AdminActor, companyId: string, action: string, before?: unknown, after?: unknown, metadata?: Record<string, unknown>): Promise<void> {
    return this.trail.record({ action, companyId, actorUserId: admin.userId, actorType: 'platform_admin', targetType: 'company', targetId: companyId, before, after, metadata });
  }

  bySystem(companyId: string | null, action: string, target: { type: string; id: string }, metadata?: Record<string, unknown>, actorUserId: string | null = null): Promise<void> {
    return this.trail.record({ action, companyId, actorUserId, actorType: actorUserId ? 'user' : 'system', targetType: target.type, targetId: target.id, metadata });
  }
}
