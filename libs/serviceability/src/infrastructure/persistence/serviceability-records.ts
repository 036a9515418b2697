import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows, Tx, UnitOfWork } from '@shipcrowd/platform';
import type { RowError } from '../../domain/coverage';
import type { TransitTime, ZoneCode } from '../../domain/sandbox-coverage';
import { arrayLiteral } from './lane-statements';
import { blocklist, syncRuns, transitTimes, uploads } from './serviceability.schema';

export type UploadRecord = typeof uploads.$inferSelect;
export type SyncRunRecord = typeof syncRuns.$inferSelect;
export type BlockRecord = typeof blocklist.$inferSelect;

/** Uploads, sync runs, blocklists and transit times: plain reads and writes inside the caller's unit of work. */
@Injectable()
export class ServiceabilityRecords {
  constructor(private readonly uow: UnitOfWork) {}

  private tx(): Tx {
    return this.uow.tx();
  }

  // ---- uploads ----
  async insertUpload(row: typeof uploads.$inferInsert): Promise<void> {
    await this.tx().insert(uploads).values(row);
  }

  async upload(id: string): Promise<UploadRecord | null> {
    return (await this.tx().select().from(uploads).where(eq(uploads.id, id)))[0] ?? null;
  }

  async updateUpload(id: string, patch: Partial<typeof uploads.$inferInsert>): Promise<void> {
    await this.tx().update(uploads).set(patch).where(eq(uploads.id, id));
  }

  async failUpload(id: string, errors: RowError[], errorCount: number, processedRows: number, now: Date): Promise<void> {
    await this.updateUpload(id, { status: 'failed', errors, errorCount, processedRows, added: 0, updated: 0, removed: 0, finishedAt: now });
  }

  // ---- sync runs ----
  async insertSyncRun(row: typeof syncRuns.$inferInsert): Promise<void> {
    await this.tx().insert(syncRuns).values(row);
  }

  async updateSyncRun(id: string, patch: Partial<typeof syncRuns.$inferInsert>): Promise<void> {
    await this.tx().update(syncRuns).set(patch).where(eq(syncRuns.id, id));
  }

  async syncRun(id: string): Promise<SyncRunRecord | null> {
    return (await this.tx().select().from(syncRuns).where(eq(syncRuns.id, id)))[0] ?? null;
  }

  /** Newest first; `before` = [startedAt, id] of the last row of the previous page. */
  async syncRuns(limit: number, before?: { startedAt: string; id: string }, courier?: string): Promise<SyncRunRecord[]> {
    const conditions = [courier ? eq(syncRuns.courier, courier) : undefined];
    if (before) {
      const at = new Date(before.startedAt);
      conditions.push(or(lt(syncRuns.startedAt, at), and(eq(syncRuns.startedAt, at), lt(syncRuns.id, before.id))));
    }
    return this.tx().select().from(syncRuns).where(and(...conditions)).orderBy(desc(syncRuns.startedAt), desc(syncRuns.id)).limit(limit);
  }

  // ---- blocklist (RLS: the caller's company only) ----
  /** Inserts the entries that are not there yet; returns the inserted ones. */
  async addBlocks(rows: (typeof blocklist.$inferInsert)[]): Promise<BlockRecord[]> {
    if (!rows.length) return [];
    return this.tx().insert(blocklist).values(rows).onConflictDoNothing().returning();
  }

  /** Deletes the company's entries for the pincodes (one courier's, or all when courier is undefined). */
  async removeBlocks(companyId: string, pincodes: string[], courier?: string | null): Promise<BlockRecord[]> {
    const byCourier = courier === undefined ? undefined : courier === null ? isNull(blocklist.courier) : eq(blocklist.courier, courier);
    return this.tx().delete(blocklist).where(and(eq(blocklist.companyId, companyId), inArray(blocklist.pincode, pincodes), byCourier)).returning();
  }

  /** Ordered by pincode, courier ('' first); `after` = [pincode, courier] of the previous page's last row. */
  async blocks(companyId: string, limit: number, after?: { pincode: string; courier: string }, pincode?: string): Promise<BlockRecord[]> {
    const key = sql`(${blocklist.pincode}, coalesce(${blocklist.courier}, ''))`;
    return this.tx()
      .select()
      .from(blocklist)
      .where(and(eq(blocklist.companyId, companyId), pincode ? eq(blocklist.pincode, pincode) : undefined, after ? sql`${key} > (${after.pincode}::bpchar, ${after.courier}::text)` : undefined))
      .orderBy(asc(blocklist.pincode), sql`coalesce(${blocklist.courier}, '')`)
      .limit(limit);
  }

  // ---- transit times ----
  async transitTimes(): Promise<(TransitTime & { updatedAt: Date })[]> {
    const rows = await this.tx().select().from(transitTimes).orderBy(asc(transitTimes.courier), asc(transitTimes.service), asc(transitTimes.zone));
    return rows.map((r) => ({ courier: r.courier, service: r.service, zone: r.zone as ZoneCode, days: r.days, updatedAt: r.updatedAt }));
  }

  async setTransitTimes(times: readonly TransitTime[], userId: string | null, now: Date): Promise<void> {
    await this.tx().execute(sql`insert into serviceability.transit_times (courier, service, zone, days, updated_at, updated_by)
      select t.*, ${now.toISOString()}::timestamptz, ${userId}::uuid from unnest(${arrayLiteral(times.map((t) => t.courier))}::text[], ${arrayLiteral(times.map((t) => t.service))}::text[],
        ${arrayLiteral(times.map((t) => t.zone))}::text[], ${arrayLiteral(times.map((t) => t.days))}::smallint[]) as t(courier, service, zone, days)
      on conflict (zone, courier, service) do update set days = excluded.days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  }

  // ---- coverage report ----
  /** Served pincodes per courier (any of its services) and state, against all directory pincodes of the state. */
  async coverageByState(directory: { gstStateCode: string; pincodes: string[] }[]): Promise<{ courier: string; state: string; prepaid: number; cod: number; pickup: number }[]> {
    const pins: string[] = [];
    const states: string[] = [];
    for (const d of directory) for (const p of d.pincodes) {
      pins.push(p);
      states.push(d.gstStateCode);
    }
    return queryRows(
      this.tx(),
      sql`with dir as (select * from unnest(${arrayLiteral(pins)}::bpchar[], ${arrayLiteral(states)}::text[]) as d(pincode, state)),
          served as (select courier, pincode, bool_or(prepaid) as prepaid, bool_or(cod) as cod, bool_or(pickup) as pickup from serviceability.coverage group by courier, pincode)
          select s.courier, d.state, count(*) filter (where s.prepaid)::int as prepaid, count(*) filter (where s.cod)::int as cod, count(*) filter (where s.pickup)::int as pickup
          from served s join dir d on d.pincode = s.pincode group by s.courier, d.state order by s.courier, d.state`,
    );
  }
}
