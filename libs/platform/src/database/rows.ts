import { SQL } from 'drizzle-orm';
import type { Executor } from './database.types';

/** Runs raw SQL and returns its rows, for node-postgres and PGlite alike. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
