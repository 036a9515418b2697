import { index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { BatchFailure, BatchItemStatus, BatchStatus } from '../../domain/shipment-batch';
import { shippingSchema } from './shipping.schema';

/** One bulk booking request: its orders are booked by a worker job; the counters are its progress. */
export const shipmentBatches = shippingSchema.table(
  'shipment_batches',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    /** Courier and service asked for (null: each order's routing preference or the quote's recommendation). */
    courier: text('courier'),
    service: text('service'),
    status: text('status').$type<BatchStatus>().notNull(),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Why the batch itself stopped (status failed). */
    error: jsonb('error').$type<BatchFailure>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('shipment_batches_company_created_idx').on(t.companyId, t.createdAt.desc(), t.id), tenantIsolationPolicy()],
).enableRLS();

/** One order of a batch, in request order, with how its booking ended. */
export const shipmentBatchItems = shippingSchema.table(
  'shipment_batch_items',
  {
    batchId: uuid('batch_id').notNull(),
    position: integer('position').notNull(),
    companyId: companyIdColumn(),
    orderId: uuid('order_id').notNull(),
    status: text('status').$type<BatchItemStatus>().notNull(),
    shipmentId: uuid('shipment_id'),
    awb: text('awb'),
    courier: text('courier'),
    service: text('service'),
    failure: jsonb('failure').$type<BatchFailure>(),
    /** When a worker last started booking it: a re-run job finding this set knows the booking may have gone through. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'shipment_batch_items_pk', columns: [t.batchId, t.position] }),
    uniqueIndex('shipment_batch_items_order_uq').on(t.batchId, t.orderId),
    tenantIsolationPolicy(),
  ],
).enableRLS();
