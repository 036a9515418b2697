/**
 * Sandbox seed: coverage and transit times for every catalogue courier/service, generated deterministically from
 * the pincode directory (see domain/sandbox-coverage). Loaded at start-up when coverage is empty in sandbox mode,
 * and by the test global setup into the template database. Free of Nest and path aliases for that reason.
 */
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { DirectoryPincode, SandboxService, sandboxLanesOf, sandboxTransitTimes } from '../../domain/sandbox-coverage';
import { arrayLiteral, batches, upsertLanes } from './lane-statements';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = PgDatabase<PgQueryResultHKT, any> | PgTransaction<PgQueryResultHKT, any, any>;

const PINCODES_PER_BATCH = 1_000;
const SEED_LOCK = 727_274_301;

/** The catalogue's services in the shape the generator wants (pass COURIERS from '@shipcrowd/couriers/contracts'). */
export function sandboxServicesOf(couriers: readonly { code: string; services: readonly { code: string; mode: 'surface' | 'air'; b2b: boolean }[] }[]): SandboxService[] {
  return couriers.flatMap((c) => c.services.map((s) => ({ courier: c.code, service: s.code, mode: s.mode, b2b: s.b2b })));
}

/**
 * Fills empty coverage / transit tables (each independently); a no-op once they hold rows. Idempotent and safe when
 * two processes start together (advisory lock). Call inside one transaction.
 */
export async function loadSandboxCoverage(tx: Executor, input: { services: readonly SandboxService[]; pincodes: readonly DirectoryPincode[]; now?: Date }): Promise<{ lanesInserted: number; transitTimesInserted: number }> {
  const now = input.now ?? new Date();
  await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
  const present = async (table: string) => ((await tx.execute(sql.raw(`select exists (select 1 from serviceability.${table}) as present`))) as unknown as { rows: { present: boolean }[] }).rows[0]?.present;
  let lanesInserted = 0;
  if (!(await present('coverage')) && input.pincodes.length > 0) {
    // Pincode order (the primary key's), a chunk of pincodes x every service per statement: a dense index, little memory.
    const pincodes = [...input.pincodes].sort((a, b) => a.pincode.localeCompare(b.pincode));
    for (const chunk of batches(pincodes, PINCODES_PER_BATCH)) {
      const rows = input.services.flatMap((service) => sandboxLanesOf(service, chunk)).sort((a, b) => a.pincode.localeCompare(b.pincode) || a.courier.localeCompare(b.courier) || a.service.localeCompare(b.service));
      if (!rows.length) continue;
      await tx.execute(upsertLanes(rows, 'seed', now));
      lanesInserted += rows.length;
    }
    // Fresh statistics for the hot path's plans (as a non-owner this is skipped with a warning; autovacuum catches up).
    await tx.execute(sql`analyze serviceability.coverage`);
  }
  let transitTimesInserted = 0;
  if (!(await present('transit_times'))) {
    const times = sandboxTransitTimes(input.services);
    await tx.execute(sql`insert into serviceability.transit_times (courier, service, zone, days, updated_at)
      select t.*, ${now.toISOString()}::timestamptz from unnest(${arrayLiteral(times.map((t) => t.courier))}::text[], ${arrayLiteral(times.map((t) => t.service))}::text[], ${arrayLiteral(times.map((t) => t.zone))}::text[], ${arrayLiteral(times.map((t) => t.days))}::smallint[]) as t(courier, service, zone, days)
      on conflict do nothing`);
    transitTimesInserted = times.length;
  }
  return { lanesInserted, transitTimesInserted };
}
