import { bigint, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { DisputeEvidence, WeightDiscrepancyStatus } from '../../domain/weight-discrepancy';
import { shippingSchema } from './shipping.schema';

/** A courier's weight reading beyond the tolerance, and how the seller and Shipcrowd settled it (one per shipment). */
export const weightDiscrepancies = shippingSchema.table(
  'weight_discrepancies',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    shipmentId: uuid('shipment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    courier: text('courier').notNull(),
    awb: text('awb').notNull(),
    deadWeightGrams: integer('dead_weight_grams').notNull(),
    volumetricWeightGrams: integer('volumetric_weight_grams').notNull(),
    chargeableWeightGrams: integer('chargeable_weight_grams').notNull(),
    chargedWeightGrams: integer('charged_weight_grams').notNull(),
    chargedReportedAt: timestamp('charged_reported_at', { withTimezone: true }).notNull(),
    extraSlabs: integer('extra_slabs').notNull(),
    extraChargePaise: bigint('extra_charge_paise', { mode: 'number' }),
    status: text('status').$type<WeightDiscrepancyStatus>().notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    evidence: jsonb('evidence').$type<DisputeEvidence>(),
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
    disputedBy: uuid('disputed_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    resolutionNote: text('resolution_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // Once settled, later readings do not reopen it: the seller is never billed twice for one parcel.
    uniqueIndex('weight_discrepancies_shipment_uq').on(t.shipmentId),
    index('weight_discrepancies_company_opened_idx').on(t.companyId, t.openedAt.desc(), t.id),
    index('weight_discrepancies_status_opened_idx').on(t.status, t.openedAt.desc(), t.id),
    index('weight_discrepancies_open_deadline_idx').on(t.deadlineAt).where(sql`status = 'open'`),
    tenantIsolationPolicy(),
  ],
).enableRLS();
