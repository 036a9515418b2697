import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { OperatingHours } from '../../domain/operating-hours';

export const warehousesSchema = pgSchema('warehouses');

/** A company's pickup locations. Deleted ones stay (soft delete) because orders may point at them. */
export const warehouses = warehousesSchema.table(
  'warehouses',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    landmark: text('landmark'),
    pincode: text('pincode').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull(),
    gstStateCode: text('gst_state_code').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    gstin: text('gstin'),
    operatingHours: jsonb('operating_hours').$type<OperatingHours>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    active: boolean('active').notNull().default(true),
    firstUsedAt: timestamp('first_used_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // Codes are unique among a company's live warehouses (a deleted one frees its code).
    uniqueIndex('warehouses_company_code_uq').on(t.companyId, t.code).where(sql`deleted_at is null`),
    // At most one default per company; the handlers keep it at exactly one while any warehouse exists.
    uniqueIndex('warehouses_company_default_uq').on(t.companyId).where(sql`is_default and deleted_at is null`),
    index('warehouses_company_created_idx').on(t.companyId, t.createdAt, t.id),
    tenantIsolationPolicy(),
  ],
).enableRLS();
