import { sql } from 'drizzle-orm';
import { bigint, boolean, char, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { Boundary, MatchScope } from '../../domain/custom-zone';
import type { Zone } from '../../domain/zone';
import { geoSchema } from './geo.schema';

// Tenant tables of the geo context, apart from geo.schema.ts: that file stays free of path aliases because the test
// global setup imports it (through the reference loader) to bake the pincode directory into the template database.

/**
 * A company's custom zone: pincodes (custom_zone_pincodes) and/or a GeoJSON boundary that map to a zone letter and
 * take precedence over the engine. Tenant data (company_id + RLS).
 */
export const customZones = geoSchema.table(
  'custom_zones',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    name: text('name').notNull(),
    zone: char('zone', { length: 1 }).$type<Zone>().notNull(),
    matchScope: text('match_scope').$type<MatchScope>().notNull(),
    /** GeoJSON Polygon or MultiPolygon (validated), or null. */
    boundary: jsonb('boundary').$type<Boundary>(),
    priority: integer('priority').notNull(),
    active: boolean('active').notNull(),
    pincodeCount: integer('pincode_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('custom_zones_company_name_uq').on(t.companyId, sql`lower(${t.name})`), index('custom_zones_company_priority_idx').on(t.companyId, t.priority, t.id), tenantIsolationPolicy()],
).enableRLS();

/** The pincode list of a custom zone. (company_id, pincode, zone_id) answers "which zones list these pincodes" from the index alone. */
export const customZonePincodes = geoSchema.table(
  'custom_zone_pincodes',
  {
    companyId: companyIdColumn(),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => customZones.id, { onDelete: 'cascade' }),
    pincode: char('pincode', { length: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.pincode] }), index('custom_zone_pincodes_lookup_idx').on(t.companyId, t.pincode, t.zoneId), tenantIsolationPolicy()],
).enableRLS();

/**
 * One row per company that has ever had a custom zone; `revision` goes up in the same transaction as every change to
 * its custom zones (the row lock also serialises a company's zone writes). Readers compare it with their in-process cache.
 */
export const customZoneRevisions = geoSchema.table(
  'custom_zone_revisions',
  {
    companyId: uuid('company_id').primaryKey(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
  },
  () => [tenantIsolationPolicy()],
).enableRLS();
