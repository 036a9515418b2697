import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Pool } from 'pg';
import { APP_ROLE, DatabaseHandle } from './database.types';
import { migrateDatabase } from './migrate';
import { withStartupTimeout } from '../startup/startup-timeout';

export interface OpenDatabaseOptions {
  /** postgres://… ; when absent an embedded PGlite is used. */
  url?: string;
  /** Connection used for migrations when the app connects as a role that cannot create tables. */
  ownerUrl?: string;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  pgliteDataDir?: string;
  poolMax?: number;
  /** A PGlite data-dir dump to start from (tests load a migrated template this way). */
  pgliteLoadDataDir?: Blob;
  /** Apply migrations before handing out the handle (default true). */
  migrate?: boolean;
  timeoutMs?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.pgliteDataDir ?? '.data/pglite', options);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const owner = new Pool({ connectionString: options.ownerUrl ?? url, max: 1, connectionTimeoutMillis: timeoutMs });
  await withStartupTimeout('DATABASE_URL', describeUrl(url), timeoutMs, () => owner.query('select 1'));
  if (options.migrate !== false) await migrateDatabase({ kind: 'pg', pool: owner });

  // Every application connection runs as the non-owner role, so RLS policies bind it. Set at connection
  // start-up (not a later SET ROLE that could fail unnoticed): if the role cannot be assumed, the connection fails.
  const pool = new Pool({ connectionString: url, max: options.poolMax ?? 10, connectionTimeoutMillis: timeoutMs, options: `-c role=${APP_ROLE}` });
  // pg-pool re-emits errors of IDLE clients (server restart, failover, pg_terminate_backend) on the pool;
  // without a listener that is an unhandled 'error' event and the process dies. The pool drops the client.
  const logger = new Logger('database');
  const onIdleError = (err: Error) => logger.warn({ msg: 'idle database connection lost', error: err.message });
  pool.on('error', onIdleError);
  owner.on('error', onIdleError);
  const db = drizzlePg(pool);
  return {
    kind: 'pg',
    db,
    ownerExec: async (sql) => {
      await owner.query(sql);
    },
    close: async () => {
      await pool.end();
      await owner.end();
    },
  };
}

async function openPglite(dataDir: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  // require(): the CommonJS build, whose types match drizzle's (dynamic import() would pick the ESM ones).
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: import('@electric-sql/pglite').Extension };
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = await withStartupTimeout('PGLITE_DATA_DIR', dataDir, options.timeoutMs ?? 10_000, () =>
    PGlite.create(inMemory ? undefined : dataDir, { extensions: { pg_trgm }, loadDataDir: options.pgliteLoadDataDir }),
  );
  if (options.migrate !== false) await migrateDatabase({ kind: 'pglite', client });
  // PGlite is a single session: the owner work above is done, so the session becomes the app role.
  await client.exec(`set role ${APP_ROLE}`);
  const db = drizzlePglite(client);
  return {
    kind: 'pglite',
    db,
    ownerExec: async (sql) => {
      await client.exec(`reset role; ${sql}; set role ${APP_ROLE};`);
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}
