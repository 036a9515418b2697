import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgPolicy, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, TENANT_PREDICATE, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { PricingTier, RateCardScope, VersionStatus } from '../../domain/rate-card';
import type { RateCardTerms } from '../../domain/terms';

export const pricingSchema = pgSchema('pricing');

/** Platform cards (base, b2b, vip: company_id null) are visible to every tenant; a company's override only to that company (and system work). */
const CARD_PREDICATE = sql`(company_id is null or ${TENANT_PREDICATE})`;
const SYSTEM_ONLY = sql`current_setting('app.system', true) = 'on'`;
/** Read: platform cards to everyone, a company's cards to that company. Write (insert, update, delete): system work (platform admins) only. */
const cardPolicies = () => [
  pgPolicy('card_read', { as: 'permissive', for: 'select', to: 'public', using: CARD_PREDICATE }),
  pgPolicy('card_write', { as: 'permissive', for: 'all', to: 'public', using: SYSTEM_ONLY, withCheck: SYSTEM_ONLY }),
];

/**
 * A rate card: one courier service priced for one scope (platform base, B2B, VIP tier, or one company's override).
 * Its prices live in versions; at most one card per scope/company/courier/service is not retired.
 */
export const rateCards = pricingSchema.table(
  'rate_cards',
  {
    id: uuid('id').primaryKey(),
    scope: text('scope').$type<RateCardScope>().notNull(),
    companyId: uuid('company_id'),
    courier: text('courier').notNull(),
    service: text('service').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    retiredBy: uuid('retired_by'),
    retiredReason: text('retired_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('rate_cards_live_uq')
      .on(t.scope, sql`coalesce(${t.companyId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.courier, t.service)
      .where(sql`retired_at is null`),
    index('rate_cards_company_idx').on(t.companyId).where(sql`company_id is not null`),
    ...cardPolicies(),
  ],
).enableRLS();

/**
 * Full version history of a card. Terms and dates of an approved, active or retired version never change:
 * the trigger pricing.guard_rate_card_version (migration) refuses it, and refuses deleting such versions.
 */
export const rateCardVersions = pricingSchema.table(
  'rate_card_versions',
  {
    id: uuid('id').primaryKey(),
    rateCardId: uuid('rate_card_id')
      .notNull()
      .references(() => rateCards.id, { onDelete: 'cascade' }),
    /** Copied from the card for row-level security. */
    companyId: uuid('company_id'),
    version: integer('version').notNull(),
    status: text('status').$type<VersionStatus>().notNull(),
    terms: jsonb('terms').$type<RateCardTerms>().notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    effectiveTo: timestamp('effective_to', { withTimezone: true }),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('rate_card_versions_card_version_uq').on(t.rateCardId, t.version),
    uniqueIndex('rate_card_versions_one_active_uq').on(t.rateCardId).where(sql`status = 'active'`),
    index('rate_card_versions_in_force_idx').on(t.status, t.effectiveFrom).where(sql`status in ('active', 'approved')`),
    ...cardPolicies(),
  ],
).enableRLS();

/** A company's pricing tier (standard unless a platform admin set vip). */
export const companyTiers = pricingSchema.table(
  'company_tiers',
  {
    companyId: companyIdColumn().primaryKey(),
    tier: text('tier').$type<PricingTier>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolationPolicy()],
).enableRLS();

/** A company's courier-selection weights (cost, speed, performance; they add up to 1). */
export const quotePreferences = pricingSchema.table(
  'quote_preferences',
  {
    companyId: companyIdColumn().primaryKey(),
    cost: doublePrecision('cost').notNull(),
    speed: doublePrecision('speed').notNull(),
    performance: doublePrecision('performance').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolationPolicy()],
).enableRLS();

/** Courier performance score 0..1 (reference data; neutral 0.8 when absent; tracking will feed it). */
export const courierPerformance = pricingSchema.table('courier_performance', {
  courier: text('courier').primaryKey(),
  score: doublePrecision('score').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
