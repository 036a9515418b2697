/** What other contexts may use of the audit context. */

export type AuditActorType = 'user' | 'api_key' | 'system' | 'platform_admin';

export interface AuditEntryInput {
  /** Dotted verb, e.g. 'auth.login_failed', 'company.billing_updated', 'team.member_removed'. */
  action: string;
  companyId: string | null;
  actorUserId: string | null;
  actorType?: AuditActorType;
  ip?: string | null;
  userAgent?: string | null;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Appends to the hash-chained audit log inside the caller's open unit of work, so the entry commits
 * (or rolls back) with the change it describes. Request id, ip and user agent default from the request context.
 */
export interface AuditTrail {
  record(entry: AuditEntryInput): Promise<void>;
}

export const AUDIT_TRAIL = Symbol('AuditTrail');
