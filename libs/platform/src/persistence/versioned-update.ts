import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { ConcurrencyError } from '@shipcrowd/kernel';
import type { Tx } from '../database/database.types';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Optimistic concurrency: updates the row only if it is still at `expectedVersion`, bumping the version.
 * A stale write raises ConcurrencyError (409 `concurrency.stale_version`), never a silent overwrite.
 * Returns the new version.
 */
export async function updateVersioned(
  tx: Tx,
  table: VersionedTable,
  what: string,
  id: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<number> {
  const rows = await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ version: table.version });
  if (rows.length === 0) throw new ConcurrencyError(what, id);
  return rows[0].version as number;
}
