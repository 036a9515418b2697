import { Inject, Injectable, Optional } from '@nestjs/common';
import { AUDIT_TRAIL, AuditEntryInput, AuditTrail } from '@shipcrowd/audit/contracts';

/**
 * Security events of the identity context, written to the audit trail inside the caller's unit of work
 * (so the entry commits or rolls back with the change). Optional only so identity can start in a process
 * that runs without the audit context; the API process always provides it.
 */
@Injectable()
export class IdentityAudit {
  constructor(@Optional() @Inject(AUDIT_TRAIL) private readonly trail?: AuditTrail) {}

  async record(entry: AuditEntryInput): Promise<void> {
    if (this.trail) await this.trail.record({ actorType: 'user', targetType: 'user', ...entry });
  }
}
