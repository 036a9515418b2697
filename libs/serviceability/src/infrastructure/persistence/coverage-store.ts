import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows, Tx, UnitOfWork } from '@shipcrowd/platform';
import type { CoverageRow, CoverageSource, RowError } from '../../domain/coverage';
import type { CoverageDiff } from '../../domain/coverage-diff';
import type { BlockEntry } from '../../domain/serviceability-rules';
import { arrayLiteral, batches, deleteLanes, lanesUnnest, LANE_COLUMNS, upsertLanes } from './lane-statements';

const BATCH = 10_000;

export interface HotPathData {
  coverage: CoverageRow[];
  blocks: BlockEntry[];
  transitDays: Map<string, number>;
}

type LaneTuple = [string, string, string, boolean, boolean, boolean, boolean, boolean, number | null, number | null];

const toRow = (t: LaneTuple): CoverageRow => ({ courier: t[0], service: t[1], pincode: t[2], prepaid: t[3], cod: t[4], pickup: t[5], reverse: t[6], oda: t[7], maxWeightGrams: t[8] === null ? null : Number(t[8]), maxCodPaise: t[9] === null ? null : Number(t[9]) });

/** SQL of the coverage reference tables (no tenant data, except the blocklist which RLS scopes). Runs in the caller's unit of work. */
@Injectable()
export class CoverageStore {
  constructor(private readonly uow: UnitOfWork) {}

  private tx(): Tx {
    return this.uow.tx();
  }

  /**
   * The hot path, one statement: every lane at the two pincodes (primary-key range scans), the company's blocks on them
   * and the transit days of the zone, aggregated to one row.
   */
  async hotPath(companyId: string, pincodes: string[], zone: string): Promise<HotPathData> {
    const [row] = await queryRows<{ coverage: LaneTuple[]; blocks: [string, string | null][]; transit: [string, string, number][] }>(
      this.tx(),
      sql`select
        coalesce((select json_agg(json_build_array(courier, service, pincode, prepaid, cod, pickup, reverse, oda, max_weight_grams, max_cod_paise))
                  from serviceability.coverage where pincode = any(${arrayLiteral(pincodes)}::bpchar[])), '[]'::json) as coverage,
        coalesce((select json_agg(json_build_array(pincode, courier)) from serviceability.blocklist
                  where company_id = ${companyId}::uuid and pincode = any(${arrayLiteral(pincodes)}::bpchar[])), '[]'::json) as blocks,
        coalesce((select json_agg(json_build_array(courier, service, days)) from serviceability.transit_times where zone = ${zone}), '[]'::json) as transit`,
    );
    return {
      coverage: row.coverage.map(toRow),
      blocks: row.blocks.map(([pincode, courier]) => ({ pincode, courier })),
      transitDays: new Map(row.transit.map(([courier, service, days]) => [`${courier}|${service}`, Number(days)])),
    };
  }

  async coverageOf(courier: string, services: readonly string[]): Promise<CoverageRow[]> {
    const rows = await queryRows<{ t: LaneTuple }>(
      this.tx(),
      sql`select json_build_array(${LANE_COLUMNS}) as t from serviceability.coverage where courier = ${courier} and service = any(${arrayLiteral(services)}::text[])`,
    );
    return rows.map((r) => toRow(r.t));
  }

  async applyDiff(diff: CoverageDiff, source: CoverageSource, now: Date): Promise<void> {
    for (const keys of batches(diff.removals, BATCH)) await this.tx().execute(deleteLanes(keys));
    for (const rows of batches(diff.upserts, BATCH)) await this.tx().execute(upsertLanes(rows, source, now));
  }

  async isEmpty(): Promise<boolean> {
    const [row] = await queryRows<{ present: boolean }>(this.tx(), sql`select exists (select 1 from serviceability.coverage) as present`);
    return !row.present;
  }

  // ---- uploads: staging and apply ----

  async stageRows(uploadId: string, rows: readonly (CoverageRow & { rowNo: number })[]): Promise<void> {
    if (!rows.length) return;
    await this.tx().execute(sql`insert into serviceability.upload_rows (upload_id, row_no, ${LANE_COLUMNS})
      select ${uploadId}::uuid, l.* from ${lanesUnnest(rows, (r) => r.rowNo)} as l(row_no, ${LANE_COLUMNS})`);
  }

  /** Rows repeating a courier/service/pincode seen on an earlier row, with the count of all such rows. */
  async duplicateRows(uploadId: string, limit: number): Promise<{ errors: RowError[]; total: number }> {
    const rows = await queryRows<{ row_no: number; first_row: number; pincode: string; courier: string; service: string; total: number }>(
      this.tx(),
      sql`select row_no, first_row, pincode, courier, service, count(*) over ()::int as total from (
            select row_no, courier, service, pincode, min(row_no) over (partition by courier, service, pincode) as first_row
            from serviceability.upload_rows where upload_id = ${uploadId}) d
          where row_no <> first_row order by row_no limit ${limit}`,
    );
    return {
      total: rows[0]?.total ?? 0,
      errors: rows.map((r) => ({ row: r.row_no, field: 'pincode', message: `duplicates row ${r.first_row} (${r.courier} ${r.service} ${r.pincode})` })),
    };
  }

  async stagedLanes(uploadId: string): Promise<{ courier: string; service: string }[]> {
    return queryRows(this.tx(), sql`select distinct courier, service from serviceability.upload_rows where upload_id = ${uploadId} order by courier, service`);
  }

  /**
   * Applies the staged rows: merge = insert new lanes and update changed ones; replace = also delete every stored lane
   * of the file's couriers/services that the file does not list. Returns the counts. Call inside one unit of work.
   */
  async applyStaged(uploadId: string, mode: 'merge' | 'replace', now: Date): Promise<{ added: number; updated: number; removed: number }> {
    const [counts] = await queryRows<{ added: number; updated: number }>(
      this.tx(),
      sql`select count(*) filter (where c.pincode is null)::int as added,
                 count(*) filter (where c.pincode is not null and (c.prepaid, c.cod, c.pickup, c.reverse, c.oda, c.max_weight_grams, c.max_cod_paise)
                   is distinct from (s.prepaid, s.cod, s.pickup, s.reverse, s.oda, s.max_weight_grams, s.max_cod_paise))::int as updated
          from serviceability.upload_rows s
          left join serviceability.coverage c on c.pincode = s.pincode and c.courier = s.courier and c.service = s.service
          where s.upload_id = ${uploadId}`,
    );
    let removed = 0;
    if (mode === 'replace') {
      const deleted = await queryRows<{ x: number }>(
        this.tx(),
        sql`delete from serviceability.coverage c
            where (c.courier, c.service) in (select distinct courier, service from serviceability.upload_rows where upload_id = ${uploadId})
              and not exists (select 1 from serviceability.upload_rows s where s.upload_id = ${uploadId} and s.pincode = c.pincode and s.courier = c.courier and s.service = c.service)
            returning 1 as x`,
      );
      removed = deleted.length;
    }
    await this.tx().execute(sql`insert into serviceability.coverage (${LANE_COLUMNS}, source, updated_at)
      select ${LANE_COLUMNS}, 'upload', ${now.toISOString()}::timestamptz from serviceability.upload_rows where upload_id = ${uploadId}
      on conflict (pincode, courier, service) do update set prepaid = excluded.prepaid, cod = excluded.cod, pickup = excluded.pickup, reverse = excluded.reverse,
        oda = excluded.oda, max_weight_grams = excluded.max_weight_grams, max_cod_paise = excluded.max_cod_paise, source = excluded.source, updated_at = excluded.updated_at
      where (coverage.prepaid, coverage.cod, coverage.pickup, coverage.reverse, coverage.oda, coverage.max_weight_grams, coverage.max_cod_paise)
        is distinct from (excluded.prepaid, excluded.cod, excluded.pickup, excluded.reverse, excluded.oda, excluded.max_weight_grams, excluded.max_cod_paise)`);
    return { added: counts.added, updated: counts.updated, removed };
  }

  async dropStaged(uploadId: string): Promise<void> {
    await this.tx().execute(sql`delete from serviceability.upload_rows where upload_id = ${uploadId}`);
  }
}
