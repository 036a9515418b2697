import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import type { DatabaseHandle } from '../database/database.types';
import { migrateDatabase, MigrationTarget, MIGRATIONS_DIR } from '../database/migrate';
import { openDatabase } from '../database/open-database';

// Unique per test run, so developers (and CI) running suites at the same time never share a template.
const RUN_ID = process.env.SHIPCROWD_TEST_RUN_ID ?? (process.env.SHIPCROWD_TEST_RUN_ID = `${process.pid}_${Date.now().toString(36)}`);
const TEMPLATE_DB = `shipcrowd_tpl_${RUN_ID}`;
const PGLITE_TEMPLATE = join(MIGRATIONS_DIR, '..', '.data', 'test', `pglite-template-${RUN_ID}.tar.gz`);

/** Which database the suites run on: a server when TEST_DATABASE_URL is set, else PGlite. */
export function testDatabaseKind(): 'pg' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';
}

/** `seed` runs once on the migrated template (as the owner), e.g. to bake reference data into every suite's copy. */
export async function prepareTestTemplate(seed?: (target: MigrationTarget) => Promise<void>): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const pool = new Pool({ connectionString: withDatabase(serverUrl, TEMPLATE_DB), max: 1 });
    await migrateDatabase({ kind: 'pg', pool });
    await seed?.({ kind: 'pg', pool });
    await pool.end();
    return;
  }
  // require(): the CommonJS build, whose types match drizzle's (dynamic import() would pick the ESM ones).
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: import('@electric-sql/pglite').Extension };
  const client = await PGlite.create({ extensions: { pg_trgm } });
  await migrateDatabase({ kind: 'pglite', client });
  await seed?.({ kind: 'pglite', client });
  const dump = await client.dumpDataDir('gzip');
  mkdirSync(join(PGLITE_TEMPLATE, '..'), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}

export async function dropTestTemplate(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.end();
  } else {
    rmSync(PGLITE_TEMPLATE, { force: true });
  }
}

/** A fresh, migrated database for one suite; `close()` drops it. */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `shipcrowd_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    const handle = await openDatabase({ url, migrate: false, poolMax: 5 });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        const dropper = new Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const blob = new Blob([readFileSync(PGLITE_TEMPLATE)]);
  // Loading a dump is CPU work, not reaching a server: allow for a loaded CI machine.
  return openDatabase({ pgliteDataDir: 'memory://', pgliteLoadDataDir: blob, migrate: false, timeoutMs: 60_000 });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
