import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

/** Drizzle over either node-postgres or PGlite: both speak the same SQL and both are real PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
export type Executor = Db | Tx;

export interface DatabaseHandle {
  readonly kind: 'pg' | 'pglite';
  readonly db: Db;
  /** Runs raw SQL outside Drizzle, as the table owner (migrations, test setup). */
  ownerExec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export const DATABASE = Symbol('DatabaseHandle');

/** The role the application runs as. It owns no table, so row-level security always applies to it. */
export const APP_ROLE = 'shipcrowd_app';
