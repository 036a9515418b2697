import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { TENANT_PREDICATE } from '@shipcrowd/platform';

export const couriersSchema = pgSchema('couriers');

/**
 * Read: a company's own rows to that company, and the platform's rows (company_id null) to every tenant transaction,
 * because the gateway acting for a company falls back to them; they hold only ciphertext. Write: a company its own
 * rows, system work (platform admins, the re-seal job) any row.
 */
const READ_PREDICATE = sql`(company_id is null or ${TENANT_PREDICATE})`;

/**
 * Courier account credentials: a company's own (company_id set) or the platform's (company_id null), one row per
 * owner and courier. `sealed` is SecretBox ciphertext of the JSON field map, with the courier and owner as associated
 * data (a row copied to another owner or courier does not open); `key_id` names the key that sealed it (rotation).
 */
export const courierCredentials = couriersSchema.table(
  'courier_credentials',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id'),
    courier: text('courier').notNull(),
    sealed: text('sealed').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('courier_credentials_owner_courier_uq').on(sql`coalesce(${t.companyId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.courier),
    index('courier_credentials_key_idx').on(t.keyId),
    pgPolicy('credentials_read', { as: 'permissive', for: 'select', to: 'public', using: READ_PREDICATE }),
    pgPolicy('credentials_write', { as: 'permissive', for: 'all', to: 'public', using: TENANT_PREDICATE, withCheck: TENANT_PREDICATE }),
  ],
).enableRLS();
