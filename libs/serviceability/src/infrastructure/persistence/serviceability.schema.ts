import { sql } from 'drizzle-orm';
import { bigint, boolean, char, index, integer, jsonb, pgSchema, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';

export const serviceabilitySchema = pgSchema('serviceability');

/** A lane's columns: courier x service x pincode and its flags and limits (coverage and the upload staging share them). */
const laneColumns = () => ({
  courier: text('courier').notNull(),
  service: text('service').notNull(),
  pincode: char('pincode', { length: 6 }).notNull(),
  prepaid: boolean('prepaid').notNull(),
  cod: boolean('cod').notNull(),
  pickup: boolean('pickup').notNull(),
  reverse: boolean('reverse').notNull(),
  oda: boolean('oda').notNull(),
  maxWeightGrams: integer('max_weight_grams'),
  maxCodPaise: bigint('max_cod_paise', { mode: 'number' }),
});

/**
 * Courier coverage per courier x service x pincode: reference data the platform owns (no company_id, no RLS).
 * The primary key starts with the pincode: the hot path reads every lane of two pincodes in one index scan.
 */
export const coverage = serviceabilitySchema.table(
  'coverage',
  {
    ...laneColumns(),
    /** seed | upload | sync */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'coverage_pk', columns: [t.pincode, t.courier, t.service] }), index('coverage_courier_service_idx').on(t.courier, t.service)],
);

/** Transit days per courier x service x zone (admin-editable reference data). */
export const transitTimes = serviceabilitySchema.table(
  'transit_times',
  {
    courier: text('courier').notNull(),
    service: text('service').notNull(),
    zone: char('zone', { length: 1 }).notNull(),
    days: smallint('days').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ name: 'transit_times_pk', columns: [t.zone, t.courier, t.service] })],
);

/** A company's blocked pincodes (tenant rows, RLS). courier null = blocked for every courier. */
export const blocklist = serviceabilitySchema
  .table(
    'blocklist',
    {
      id: uuid('id').primaryKey(),
      companyId: companyIdColumn(),
      pincode: char('pincode', { length: 6 }).notNull(),
      courier: text('courier'),
      reason: text('reason'),
      createdBy: uuid('created_by'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex('blocklist_company_pincode_courier_uq').on(t.companyId, t.pincode, sql`coalesce(${t.courier}, '')`), tenantIsolationPolicy()],
  )
  .enableRLS();

/** Bulk CSV coverage uploads (platform admins) and their outcome. */
export const uploads = serviceabilitySchema.table('uploads', {
  id: uuid('id').primaryKey(),
  mode: text('mode').$type<'merge' | 'replace'>().notNull(),
  fileKey: text('file_key').notNull(),
  fileName: text('file_name'),
  /** queued | processing | completed | failed */
  status: text('status').notNull(),
  processedRows: integer('processed_rows').notNull().default(0),
  added: integer('added').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  removed: integer('removed').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  /** The first errors, row-numbered: [{ row, field, message }]. */
  errors: jsonb('errors').notNull().default([]),
  lanes: jsonb('lanes').notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** Staging for an upload's validated rows until it is applied in one transaction (then deleted). */
export const uploadRows = serviceabilitySchema.table(
  'upload_rows',
  {
    uploadId: uuid('upload_id').notNull(),
    rowNo: integer('row_no').notNull(),
    ...laneColumns(),
  },
  (t) => [primaryKey({ name: 'upload_rows_pk', columns: [t.uploadId, t.rowNo] })],
);

/** Delta syncs from couriers' published pincode lists. */
export const syncRuns = serviceabilitySchema.table(
  'sync_runs',
  {
    id: uuid('id').primaryKey(),
    courier: text('courier').notNull(),
    /** schedule | manual */
    trigger: text('trigger').notNull(),
    /** running | completed | failed */
    status: text('status').notNull(),
    fetched: integer('fetched').notNull().default(0),
    added: integer('added').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    removed: integer('removed').notNull().default(0),
    error: text('error'),
    requestedBy: uuid('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('sync_runs_started_idx').on(t.startedAt)],
);
