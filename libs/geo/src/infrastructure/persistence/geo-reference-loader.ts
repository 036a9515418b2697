import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { DEFAULT_METROS, DEFAULT_SPECIAL_STATE_CODES } from '../../domain/zone';
import { pincodes, zoneLists } from './geo.schema';
import { readPincodeDirectory, searchTextOf } from './pincode-source';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = PgDatabase<PgQueryResultHKT, any> | PgTransaction<PgQueryResultHKT, any, any>;

const BATCH = 1000;
const LOAD_LOCK = 727_274_101;

/**
 * Fills the geo reference tables when they are empty: the pincode directory (multi-row INSERTs of 1,000)
 * and version 1 of the zone lists. Idempotent and safe when an API and a worker start together (advisory
 * lock + ON CONFLICT DO NOTHING). Call it inside one transaction. Free of Nest and path aliases so the
 * test global setup can bake the data into the template database.
 */
export async function loadGeoReferenceData(tx: Executor, now = new Date()): Promise<{ pincodesInserted: number; zoneListsSeeded: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOAD_LOCK})`);
  let pincodesInserted = 0;
  const hasPincodes = ((await tx.execute(sql`select exists (select 1 from geo.pincodes) as present`)) as unknown as { rows: { present: boolean }[] }).rows[0]?.present;
  if (!hasPincodes) {
    const { pincodes: rows } = readPincodeDirectory();
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((p) => ({ ...p, placeCount: p.places.length, searchText: searchTextOf(p) }));
      await tx.insert(pincodes).values(batch).onConflictDoNothing();
      pincodesInserted += batch.length;
    }
  }
  const hasLists = ((await tx.execute(sql`select exists (select 1 from geo.zone_lists) as present`)) as unknown as { rows: { present: boolean }[] }).rows[0]?.present;
  if (!hasLists) {
    await tx
      .insert(zoneLists)
      .values([
        { id: randomUUID(), kind: 'metro', version: 1, entries: DEFAULT_METROS, active: true, createdBy: null, createdAt: now },
        { id: randomUUID(), kind: 'special', version: 1, entries: DEFAULT_SPECIAL_STATE_CODES, active: true, createdBy: null, createdAt: now },
      ])
      .onConflictDoNothing();
  }
  return { pincodesInserted, zoneListsSeeded: !hasLists };
}
