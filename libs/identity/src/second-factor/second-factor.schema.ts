import { sql } from 'drizzle-orm';
import { bigint, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { identitySchema, users } from '../infrastructure/persistence/identity.schema';

/*
 * Second factors belong to a USER, not to a company: a user signs in once and may then act for several
 * companies. So these tables carry no company_id and no tenant-isolation policy (they are not tenant
 * tables); every query filters by user_id, taken from the authenticated principal or the sign-in attempt.
 */

/** One authenticator app per user. The secret is sealed with SecretBox (AES-256-GCM, key id inside). */
export const totpFactors = identitySchema.table('totp_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretSealed: text('secret_sealed').notNull(),
  /** Null while enrolment is pending (secret shown, first code not yet confirmed). */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The 30-second step of the last accepted code: a code is never accepted twice. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Ten single-use codes per user, stored as SHA-256 (they carry 50 random bits, so a fast hash is enough). */
export const recoveryCodes = identitySchema.table(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_uq').on(t.userId, t.codeHash)],
);

/** A phone that receives sign-in codes. Null verified_at: enrolment pending. */
export const smsFactors = identitySchema.table('sms_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** E.164. */
  phone: text('phone').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Codes sent by SMS (enrolment or sign-in). Kept after use: the send rate limit counts them. */
export const smsChallenges = identitySchema.table(
  'sms_challenges',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'enrol' | 'login'>().notNull(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sms_challenges_user_idx').on(t.userId, t.createdAt), index('sms_challenges_expiry_idx').on(t.expiresAt).where(sql`consumed_at is null`)],
);
