import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { CompanyStatus, PostalAddress } from '../../domain/company';
import type { MembershipStatus } from '../../domain/team-rules';

export const companiesSchema = pgSchema('companies');

/**
 * The tenant itself. Its own id is the tenant key, so its policy compares `id` (not company_id) with
 * app.company_id; system work (admin, purge) sees every row.
 */
export const companies = companiesSchema.table(
  'companies',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    displayName: text('display_name'),
    website: text('website'),
    supportEmail: text('support_email'),
    supportPhone: text('support_phone'),
    address: jsonb('address').$type<PostalAddress>(),
    legalName: text('legal_name'),
    gstin: text('gstin'),
    pan: text('pan'),
    billingAddress: jsonb('billing_address').$type<PostalAddress>(),
    primaryColor: text('primary_color'),
    secondaryColor: text('secondary_color'),
    logoKey: text('logo_key'),
    status: text('status').$type<CompanyStatus>().notNull(),
    statusReason: text('status_reason'),
    kycSubmittedAt: timestamp('kyc_submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    deletionScheduledFor: timestamp('deletion_scheduled_for', { withTimezone: true }),
    deletionRequestedBy: uuid('deletion_requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('companies_status_idx').on(t.status, t.id),
    index('companies_gstin_idx').on(t.gstin),
    index('companies_deletion_due_idx').on(t.deletionScheduledFor).where(sql`deletion_scheduled_for is not null`),
    pgPolicy('company_isolation', {
      as: 'permissive',
      for: 'all',
      to: 'public',
      using: sql`(id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')`,
      withCheck: sql`(id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')`,
    }),
  ],
).enableRLS();

/** A user's place in a company. Name and email are copied from identity at join time for search and listing. */
export const memberships = companiesSchema.table(
  'memberships',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    userId: uuid('user_id').notNull(),
    email: text('email').notNull(),
    name: text('name'),
    /** Built-in role name or a custom role's key. */
    role: text('role').notNull(),
    status: text('status').$type<MembershipStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('memberships_company_user_uq').on(t.companyId, t.userId),
    index('memberships_user_idx').on(t.userId),
    index('memberships_company_email_idx').on(t.companyId, t.email),
    tenantIsolationPolicy(),
  ],
).enableRLS();

/** Pending, accepted or revoked invitations; only the SHA-256 of the token is stored. */
export const invitations = companiesSchema.table(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('invitations_token_uq').on(t.tokenHash),
    uniqueIndex('invitations_pending_email_uq').on(t.companyId, t.email).where(sql`accepted_at is null and revoked_at is null`),
    tenantIsolationPolicy(),
  ],
).enableRLS();

export const customRoles = companiesSchema.table(
  'custom_roles',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('custom_roles_company_key_uq').on(t.companyId, t.key), tenantIsolationPolicy()],
).enableRLS();
