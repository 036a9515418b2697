/**
 * Migrates one template database per run, so each suite starts from a fresh, migrated copy:
 * - TEST_DATABASE_URL set: a PostgreSQL template database that suites clone (CREATE DATABASE … TEMPLATE);
 * - otherwise: a PGlite data-dir dump that suites load into their own in-memory PGlite.
 */
import { prepareTestTemplate } from '../../libs/platform/src/testing/test-database';

export default async function globalSetup(): Promise<void> {
  await prepareTestTemplate();
}
