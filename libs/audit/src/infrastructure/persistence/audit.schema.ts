import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgPolicy, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { TENANT_PREDICATE } from '@shipcrowd/platform';

export const auditSchema = pgSchema('audit');

/**
 * The hash-chained audit log: one chain per company plus the platform chain (company_id null).
 * Append-only: a custom migration comments the table 'append-only', so the post-migration grants
 * revoke UPDATE, DELETE and TRUNCATE from the application role.
 * Tenants read their own chain; the platform chain (company_id null) only with system scope.
 * Any scope may append (record() runs inside whatever unit of work the caller opened).
 */
export const auditLog = auditSchema.table(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    action: text('action').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorType: text('actor_type').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('audit_log_chain_seq_uq').on(t.companyId, t.seq).nullsNotDistinct(),
    index('audit_log_company_id_idx').on(t.companyId, t.id),
    index('audit_log_action_idx').on(t.companyId, t.action),
    pgPolicy('audit_read', { as: 'permissive', for: 'select', to: 'public', using: TENANT_PREDICATE }),
    pgPolicy('audit_append', { as: 'permissive', for: 'insert', to: 'public', withCheck: sql`true` }),
  ],
);
