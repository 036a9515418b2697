/**
 * Migrates one template database per run, so each suite starts from a fresh, migrated copy:
 * - TEST_DATABASE_URL set: a PostgreSQL template database that suites clone (CREATE DATABASE … TEMPLATE);
 * - otherwise: a PGlite data-dir dump that suites load into their own in-memory PGlite.
 * Reference data (the geo pincode directory) is loaded into the template once, not by every suite.
 */
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { loadGeoReferenceData } from '../../libs/geo/src/infrastructure/persistence/geo-reference-loader';
import { COURIERS } from '../../libs/couriers/contracts/index';
import { loadSandboxCoverage, sandboxServicesOf } from '../../libs/serviceability/src/infrastructure/persistence/sandbox-coverage-loader';
import { prepareTestTemplate } from '../../libs/platform/src/testing/test-database';

export default async function globalSetup(): Promise<void> {
  await prepareTestTemplate(async (target) => {
    const db = target.kind === 'pg' ? drizzlePg(target.pool) : drizzlePglite(target.client);
    await db.transaction((tx) => loadGeoReferenceData(tx));
    // Sandbox courier coverage + transit times (what a fresh sandbox install seeds), generated from the directory.
    await db.transaction(async (tx) => {
      const pincodes = ((await tx.execute(sql`select pincode, gst_state_code as "gstStateCode", district from geo.pincodes order by pincode`)) as unknown as { rows: { pincode: string; gstStateCode: string; district: string }[] }).rows;
      await loadSandboxCoverage(tx, { services: sandboxServicesOf(COURIERS), pincodes });
    });
  });
}
