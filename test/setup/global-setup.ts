/**
 * Migrates one template database per run, so each suite starts from a fresh, migrated copy:
 * - TEST_DATABASE_URL set: a PostgreSQL template database that suites clone (CREATE DATABASE … TEMPLATE);
 * - otherwise: a PGlite data-dir dump that suites load into their own in-memory PGlite.
 * Reference data (the geo pincode directory) is loaded into the template once, not by every suite.
 */
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { loadGeoReferenceData } from '../../libs/geo/src/infrastructure/persistence/geo-reference-loader';
import { prepareTestTemplate } from '../../libs/platform/src/testing/test-database';

export default async function globalSetup(): Promise<void> {
  await prepareTestTemplate(async (target) => {
    const db = target.kind === 'pg' ? drizzlePg(target.pool) : drizzlePglite(target.client);
    await db.transaction((tx) => loadGeoReferenceData(tx));
  });
}
