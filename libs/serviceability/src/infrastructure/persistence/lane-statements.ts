/**
 * Set-based SQL for coverage lanes: one statement per batch with every column passed as a PostgreSQL array
 * literal and expanded by unnest(), so tens of thousands of rows cost one round trip (node-postgres and PGlite alike).
 * Free of Nest and path aliases: the test global setup loads the sandbox seed through it.
 */
import { SQL, sql } from 'drizzle-orm';
import type { CoverageRow } from '../../domain/coverage';

function element(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A one-dimensional array literal ('{"a","b",NULL}'), passed as ONE bound parameter. */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  return `{${values.map(element).join(',')}}`;
}

/** unnest(...) over the lanes' columns, in table order (courier, service, pincode, flags, limits). */
export function lanesUnnest<R extends CoverageRow>(rows: readonly R[], rowNumbers?: (r: R) => number): SQL {
  const col = <T extends string | number | boolean | null>(pick: (r: R) => T) => arrayLiteral(rows.map(pick));
  const leading = rowNumbers ? sql`${col(rowNumbers)}::int[], ` : sql``;
  return sql`unnest(${leading}${col((r) => r.courier)}::text[], ${col((r) => r.service)}::text[], ${col((r) => r.pincode)}::text[], ${col((r) => r.prepaid)}::bool[], ${col((r) => r.cod)}::bool[], ${col((r) => r.pickup)}::bool[], ${col((r) => r.reverse)}::bool[], ${col((r) => r.oda)}::bool[], ${col((r) => r.maxWeightGrams)}::int[], ${col((r) => r.maxCodPaise)}::bigint[])`;
}

export const LANE_COLUMNS = sql.raw('courier, service, pincode, prepaid, cod, pickup, reverse, oda, max_weight_grams, max_cod_paise');

/** Inserts or updates the lanes (one statement). */
export function upsertLanes(rows: readonly CoverageRow[], source: string, now: Date): SQL {
  return sql`insert into serviceability.coverage (${LANE_COLUMNS}, source, updated_at)
    select l.*, ${source}, ${now.toISOString()}::timestamptz from ${lanesUnnest(rows)} as l(${LANE_COLUMNS})
    on conflict (pincode, courier, service) do update set prepaid = excluded.prepaid, cod = excluded.cod, pickup = excluded.pickup, reverse = excluded.reverse,
      oda = excluded.oda, max_weight_grams = excluded.max_weight_grams, max_cod_paise = excluded.max_cod_paise, source = excluded.source, updated_at = excluded.updated_at`;
}

/** Deletes the given lanes (one statement). */
export function deleteLanes(keys: readonly Pick<CoverageRow, 'courier' | 'service' | 'pincode'>[]): SQL {
  return sql`delete from serviceability.coverage c
    using unnest(${arrayLiteral(keys.map((k) => k.courier))}::text[], ${arrayLiteral(keys.map((k) => k.service))}::text[], ${arrayLiteral(keys.map((k) => k.pincode))}::text[]) as d(courier, service, pincode)
    where c.pincode = d.pincode and c.courier = d.courier and c.service = d.service`;
}

/** Splits work into batches of `size`. */
export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
