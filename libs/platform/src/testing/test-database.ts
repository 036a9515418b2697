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
const PGLITE_TEMPLATE = join(MIGRATIONS_DIR, '..', '.data', 'test', `pglite-template-${RUN_ID}.tar`);

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
  // Every suite loads this dump, so keep it small and cheap to read: uncompressed (no gunzip per suite), and
  // without the WAL segments a checkpoint made unnecessary (seeding leaves ~10 x 16 MB of them behind).
  await client.query('CHECKPOINT');
  const { rows } = await client.query<{ file: string }>('select pg_walfile_name(pg_current_wal_lsn()) as file');
  const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
  mkdirSync(join(PGLITE_TEMPLATE, '..'), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE, withoutStaleWal(dump, rows[0].file));
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

const BLOCK = 512;
const WAL_SEGMENT = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/;

/** Position of a WAL segment file name (timeline, log, segment) in the WAL sequence. */
function walIndex(name: string): number {
  return parseInt(name.slice(8, 16), 16) * 0x100 + parseInt(name.slice(16, 24), 16);
}

/**
 * Copies a (ustar) tar of a data directory, leaving out WAL segments other than the current one and the one before
 * it (after a CHECKPOINT on an idle database nothing older is needed for recovery, and newer ones are recycled blanks).
 */
export function withoutStaleWal(tar: Buffer, currentSegment: string): Buffer {
  const keepFrom = walIndex(currentSegment) - 1;
  const keepTo = walIndex(currentSegment);
  const parts: Buffer[] = [];
  let pending: Buffer[] = []; // pax headers belong to the entry that follows them
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim() || '0', 8);
    const end = offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const entry = tar.subarray(offset, end);
    const type = String.fromCharCode(header[156]);
    offset = end;
    if (type === 'x' || type === 'g') {
      pending.push(entry);
      continue;
    }
    const field = (from: number, to: number) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 500);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const wal = WAL_SEGMENT.exec(name);
    const keep = !wal || (walIndex(wal[1]) >= keepFrom && walIndex(wal[1]) <= keepTo);
    if (keep) parts.push(...pending, entry);
    pending = [];
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
