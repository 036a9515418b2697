import { index, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { ImportFormat } from '../../application/ports/import-file-reader.port';
import type { ImportMode, ImportStatus } from '../../domain/import-status';

/** The schema is named after the context folder (ADR 0011: one stream and one schema per context). */
export const orderImportsSchema = pgSchema('order-imports');

/** One uploaded order file and its progress. Counters are rows of the file (one row per order item). */
export const imports = orderImportsSchema.table(
  'imports',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    createdBy: uuid('created_by'),
    fileName: text('file_name').notNull(),
    fileKey: text('file_key').notNull(),
    fileSize: integer('file_size').notNull(),
    format: text('format').$type<ImportFormat>().notNull(),
    mode: text('mode').$type<ImportMode>().notNull(),
    status: text('status').$type<ImportStatus>().notNull(),
    /** The file's header (normalised), so the error report can show each row's original cells under it. */
    header: jsonb('header').$type<string[]>(),
    totalRows: integer('total_rows'),
    processed: integer('processed').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    ordersCreated: integer('orders_created').notNull().default(0),
    /** File-level failure (the whole file was refused): stable code and message. */
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    rollback: jsonb('rollback').$type<{ cancelled: number; notCancellable: { orderId: string; orderNumber: string; status: string }[] }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true }),
    rolledBackBy: uuid('rolled_back_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('imports_company_created_idx').on(t.companyId, t.createdAt, t.id), tenantIsolationPolicy()],
).enableRLS();

/** The error report: one row per problem, with the original cells of the row it is about. */
export const importErrors = orderImportsSchema.table(
  'import_errors',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    importId: uuid('import_id').notNull(),
    line: integer('line').notNull(),
    field: text('field').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    orderNumber: text('order_number'),
    original: jsonb('original').$type<string[]>(),
  },
  (t) => [index('import_errors_import_line_idx').on(t.importId, t.line), tenantIsolationPolicy()],
).enableRLS();
