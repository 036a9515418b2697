import { sql } from 'drizzle-orm';
import { pgPolicy, uuid } from 'drizzle-orm/pg-core';

/**
 * Row-level security predicate for every tenant-owned table: a row is visible only inside a
 * transaction bound to its company (app.company_id), or to system work that says so explicitly
 * (app.system = 'on': the outbox relay, schedules, platform admins).
 */
export const TENANT_PREDICATE = sql`(company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')`;

export function tenantIsolationPolicy() {
  return pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', to: 'public', using: TENANT_PREDICATE, withCheck: TENANT_PREDICATE });
}

export const companyIdColumn = () => uuid('company_id').notNull();
