import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '@shipcrowd/kernel';
import { Executor, queryRows, Tx, updateVersioned } from '@shipcrowd/platform';
import type { Boundary, CustomZoneFields, MatchScope } from '../../domain/custom-zone';
import type { Zone } from '../../domain/zone';
import { customZones } from './custom-zones.schema';
import { ACTIVE_LISTS_KEY } from './geo-store';

export interface CustomZoneRow extends CustomZoneFields {
  id: string;
  companyId: string;
  pincodeCount: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** An active zone as the matcher loads it, with the company's revision read in the same statement. */
export interface ZoneRuleRow {
  id: string;
  name: string;
  zone: Zone;
  match_scope: MatchScope;
  priority: number;
  boundary: Boundary | null;
}

export interface ListedPincode {
  pincode: string;
  place: string;
  district: string;
  state: string;
}

/** Pincodes travel as one comma-joined parameter (they are validated digits), so a 50,000-row upload is one statement. */
const pinArray = (pincodes: readonly string[]) => sql`(select unnest(string_to_array(${pincodes.join(',')}, ','))::char(6))`;

export const zoneNotFound = (id: string) => new DomainError('geo.custom_zone_not_found', `Custom zone ${id} was not found`, 'not_found');

/**
 * SQL for company custom zones. Every method runs in the caller's unit of work: tenant scope (RLS) plus an explicit
 * company_id filter where it selects, so a system-scoped caller still sees one company only.
 */
@Injectable()
export class CustomZoneStore {
  /** Bumps the company's revision (creating it at 1) and holds its row lock until commit: a company's zone writes run one at a time. */
  async bumpRevision(tx: Tx, companyId: string): Promise<number> {
    const [row] = await queryRows<{ revision: string | number }>(
      tx,
      sql`insert into geo.custom_zone_revisions (company_id, revision) values (${companyId}, 1)
          on conflict (company_id) do update set revision = geo.custom_zone_revisions.revision + 1 returning revision`,
    );
    return Number(row.revision);
  }

  /** The company's custom-zone revision and the active metro/special list versions, in one statement (cache keys). */
  async zoneRevision(tx: Tx, companyId: string): Promise<string> {
    const [row] = await queryRows<{ custom: string | number; lists: string }>(
      tx,
      sql`select coalesce((select revision from geo.custom_zone_revisions where company_id = ${companyId}), 0) as custom,
                 (select string_agg(kind || version, '.' order by kind) from geo.zone_lists where active) as lists`,
    );
    return `${row.lists ?? ''}/${Number(row.custom)}`;
  }

  async count(tx: Tx, companyId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from geo.custom_zones where company_id = ${companyId}`);
    return row.n;
  }

  async nameTaken(tx: Tx, companyId: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows = await queryRows(tx, sql`select 1 from geo.custom_zones where company_id = ${companyId} and lower(name) = lower(${name}) and id is distinct from ${exceptId}::uuid`);
    return rows.length > 0;
  }

  async insert(tx: Tx, row: CustomZoneRow): Promise<void> {
    await tx.insert(customZones).values(row);
  }

  async get(tx: Tx, companyId: string, id: string): Promise<CustomZoneRow | null> {
    const [row] = await tx.select().from(customZones).where(and(eq(customZones.companyId, companyId), eq(customZones.id, id)));
    return (row as CustomZoneRow | undefined) ?? null;
  }

  /** Every zone of the company in precedence order (priority, then age), boundaries included. */
  async list(tx: Tx, companyId: string): Promise<CustomZoneRow[]> {
    return (await tx.select().from(customZones).where(eq(customZones.companyId, companyId)).orderBy(customZones.priority, customZones.id)) as CustomZoneRow[];
  }

  /** Optimistic update (409 concurrency.stale_version when the version moved); returns the new version. */
  update(tx: Tx, id: string, expectedVersion: number, values: Partial<CustomZoneRow>): Promise<number> {
    return updateVersioned(tx, customZones, 'Custom zone', id, expectedVersion, values);
  }

  async delete(tx: Tx, companyId: string, id: string): Promise<void> {
    await tx.delete(customZones).where(and(eq(customZones.companyId, companyId), eq(customZones.id, id)));
  }

  /** Every custom zone of the company (their pincode lists go with them); returns how many. */
  async deleteAll(tx: Tx, companyId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(tx, sql`with gone as (delete from geo.custom_zones where company_id = ${companyId} returning 1) select count(*)::int as n from gone`);
    return row.n;
  }

  /** Which of these pincodes the directory knows. */
  async knownPincodes(tx: Tx, pincodes: readonly string[]): Promise<Set<string>> {
    if (pincodes.length === 0) return new Set();
    const rows = await queryRows<{ pincode: string }>(tx, sql`select pincode from geo.pincodes where pincode in ${pinArray(pincodes)}`);
    return new Set(rows.map((r) => r.pincode));
  }

  /**
   * Sets the zone's list: 'replace' removes what is not in `pincodes` and adds what is new (unchanged rows stay);
   * 'append' only adds. Keeps the zone's pincode_count (not its version: the caller decides) and returns the counts.
   */
  async writePincodes(tx: Tx, companyId: string, zoneId: string, pincodes: readonly string[], mode: 'replace' | 'append'): Promise<{ added: number; removed: number; total: number }> {
    let removed = 0;
    if (mode === 'replace') {
      const keep = pincodes.length ? sql`and pincode not in ${pinArray(pincodes)}` : sql``;
      const [row] = await queryRows<{ n: number }>(tx, sql`with gone as (delete from geo.custom_zone_pincodes where zone_id = ${zoneId} ${keep} returning 1) select count(*)::int as n from gone`);
      removed = row.n;
    }
    let added = 0;
    if (pincodes.length) {
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`with fresh as (insert into geo.custom_zone_pincodes (company_id, zone_id, pincode) select ${companyId}::uuid, ${zoneId}::uuid, p from ${pinArray(pincodes)} as t(p)
            on conflict do nothing returning 1) select count(*)::int as n from fresh`,
      );
      added = row.n;
    }
    const [total] = await queryRows<{ n: number }>(
      tx,
      sql`update geo.custom_zones set pincode_count = (select count(*) from geo.custom_zone_pincodes where zone_id = ${zoneId}) where id = ${zoneId} returning pincode_count as n`,
    );
    return { added, removed, total: total.n };
  }

  /** A page of the zone's pincodes in pincode order, with the directory's place, district and state. */
  pagePincodes(tx: Tx, companyId: string, zoneId: string, after: string | null, limit: number): Promise<ListedPincode[]> {
    return queryRows<ListedPincode>(
      tx,
      sql`select z.pincode, p.place, p.district, p.state from geo.custom_zone_pincodes z join geo.pincodes p on p.pincode = z.pincode
          where z.company_id = ${companyId} and z.zone_id = ${zoneId} and z.pincode > ${after ?? ''} order by z.pincode limit ${limit}`,
    );
  }

  /**
   * The zone hot path, one statement: the active metro/special lists' key (ACTIVE_LISTS_KEY), the company's custom-zone
   * revision and which of its zones list the given pincodes (primary-key lookup + index-only scan of
   * custom_zone_pincodes_lookup_idx). `custom` is null when the company has no custom zones (or no company is given).
   */
  async lookup(tx: Executor, companyId: string | null, pincodes: readonly string[]): Promise<{ listsKey: string; custom: { revision: number; listed: { zoneId: string; pincode: string }[] } | null }> {
    const rows = await queryRows<{ lists_key: string; revision: string | number | null; zone_id: string | null; pincode: string | null }>(
      tx,
      sql`select l.key as lists_key, r.revision, p.zone_id, p.pincode from (select ${ACTIVE_LISTS_KEY} as key) l
          left join geo.custom_zone_revisions r on r.company_id = ${companyId}::uuid
          left join geo.custom_zone_pincodes p on p.company_id = r.company_id and p.pincode in ${[...pincodes]}`,
    );
    const first = rows[0];
    if (first.revision === null) return { listsKey: first.lists_key, custom: null };
    return {
      listsKey: first.lists_key,
      custom: { revision: Number(first.revision), listed: rows.filter((r) => r.zone_id !== null).map((r) => ({ zoneId: r.zone_id as string, pincode: r.pincode as string })) },
    };
  }

  /** The company's active zones and the revision they belong to, read in one statement (one snapshot). */
  async activeRules(tx: Tx, companyId: string): Promise<{ revision: number; zones: ZoneRuleRow[] }> {
    const rows = await queryRows<{ revision: string | number } & { [K in keyof ZoneRuleRow]: ZoneRuleRow[K] | null }>(
      tx,
      sql`select r.revision, z.id, z.name, z.zone, z.match_scope, z.priority, z.boundary from geo.custom_zone_revisions r
          left join geo.custom_zones z on z.company_id = r.company_id and z.active where r.company_id = ${companyId}`,
    );
    return { revision: rows.length ? Number(rows[0].revision) : 0, zones: rows.filter((r) => r.id !== null) as ZoneRuleRow[] };
  }
}
