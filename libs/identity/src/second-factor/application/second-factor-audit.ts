import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';

/** Second-factor changes are user-level security events: no company, the user acts on themself. */
@Injectable()
export class SecondFactorAudit {
  constructor(@Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  record(userId: string, action: string, metadata?: Record<string, unknown>): Promise<void> {
    return this.audit.record({ action, companyId: null, actorUserId: userId, actorType: 'user', targetType: 'user', targetId: userId, ...(metadata ? { metadata } : {}) });
  }
}
