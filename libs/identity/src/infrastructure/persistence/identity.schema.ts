import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';

export const identitySchema = pgSchema('identity');

/** People who sign in. Not tenant-owned: a user may belong to several companies (memberships live in companies). */
export const users = identitySchema.table(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Normalised lower-case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** Argon2id; null for accounts created through Google that never set a password. */
    passwordHash: text('password_hash'),
    phone: text('phone'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    backupEmail: text('backup_email'),
    backupEmailVerifiedAt: timestamp('backup_email_verified_at', { withTimezone: true }),
    avatarKey: text('avatar_key'),
    googleSubject: text('google_subject'),
    platformAdmin: boolean('platform_admin').notNull().default(false),
    status: text('status').$type<'active' | 'deactivated' | 'pending_deletion'>().notNull().default('active'),
    deletionScheduledFor: timestamp('deletion_scheduled_for', { withTimezone: true }),
    /** The company the next sign-in lands in (the last one switched to). */
    lastCompanyId: uuid('last_company_id'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    uniqueIndex('users_google_subject_uq').on(t.googleSubject).where(sql`google_subject is not null`),
    index('users_deletion_due_idx').on(t.deletionScheduledFor).where(sql`status = 'pending_deletion'`),
  ],
);

/** One row per sign-in (device). A refresh-token family belongs to exactly one session. */
export const sessions = identitySchema.table(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    familyId: uuid('family_id').notNull(),
    companyId: uuid('company_id'),
    deviceLabel: text('device_label').notNull(),
    deviceFingerprint: text('device_fingerprint').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.createdAt), index('sessions_family_idx').on(t.familyId)],
);

/** Opaque refresh tokens, stored as SHA-256. Rotating marks the old one used; presenting a used one is theft. */
export const refreshTokens = identitySchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id').notNull(),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId)],
);

/** Single-use emailed tokens (verification, password reset, email change, backup email), stored as SHA-256. */
export const emailTokens = identitySchema.table(
  'email_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').$type<'verify_email' | 'password_reset' | 'email_change' | 'backup_email'>().notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The address the token proves (new email for email_change, backup email for backup_email). */
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_tokens_hash_uq').on(t.tokenHash), index('email_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Server-to-server keys of a company. The secret is shown once; only its SHA-256 is kept. */
export const apiKeys = identitySchema.table(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    createdByUserId: uuid('created_by_user_id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_prefix_uq').on(t.prefix), index('api_keys_company_idx').on(t.companyId, t.createdAt), tenantIsolationPolicy()],
).enableRLS();
