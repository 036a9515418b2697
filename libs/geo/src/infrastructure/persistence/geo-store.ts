import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE, DatabaseHandle, Executor, queryRows, Tx, UnitOfWork } from '@shipcrowd/platform';
import type { DirectoryPincode, PincodeView } from '../../../contracts';
import type { MetroCity, ZoneLists } from '../../domain/zone';
import { pincodes, zoneLists } from './geo.schema';

export interface ZoneListRow {
  id: string;
  kind: 'metro' | 'special';
  version: number;
  entries: unknown;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
}

export interface ActiveZoneLists extends ZoneLists {
  version: { metro: number; special: number };
}

/**
 * Identifies the active metro and special lists: the ids of their active rows (every published version is a new row
 * with a new id, so a different key means different lists). Read in the hot statement next to the custom-zone lookup.
 */
export const ACTIVE_LISTS_KEY = sql`(select coalesce(string_agg(id::text, ',' order by kind), '') from geo.zone_lists where active)`;

const columns = {
  pincode: pincodes.pincode,
  place: pincodes.place,
  places: pincodes.places,
  district: pincodes.district,
  state: pincodes.state,
  gstStateCode: pincodes.gstStateCode,
  latitude: pincodes.latitude,
  longitude: pincodes.longitude,
};

/**
 * Reads of the reference tables. They hold no tenant data, so they join the caller's transaction whatever its scope.
 *
 * Two in-process caches keep SQL off the zone hot path:
 * - The pincode directory (~19,000 rows) is immutable reference data: `loadGeoReferenceData` writes it once, in one
 *   transaction, and only into an empty table. The first lookup loads all of it (tens of ms); later lookups are map
 *   reads. An empty load is not kept (a process that starts before the loader commits tries again), and a pincode the
 *   map lacks is still looked up in SQL, so rows added later (a directory refresh) are found; changed rows need a restart.
 * - The active metro/special lists are cached with their key (ACTIVE_LISTS_KEY). Callers pass the key they read in a
 *   statement they run anyway (the custom-zone lookup); the lists reload only when it differs. No time-based
 *   staleness: every process sees a published list in the first statement after its commit.
 */
@Injectable()
export class GeoStore {
  private directory: Promise<Map<string, PincodeView>> | null = null;
  private lists: { key: string; lists: ActiveZoneLists } | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  /**
   * Joins the caller's transaction when there is one; otherwise opens one, in `companyId`'s tenant scope when given
   * (for reads that also touch that company's custom zones), else system scope.
   */
  read<T>(work: (tx: Tx) => Promise<T>, companyId?: string | null): Promise<T> {
    if (this.uow.scope()) return work(this.uow.tx());
    return this.uow.run(companyId ? { companyId } : { system: true }, work);
  }

  /**
   * One statement on reference data: joins the caller's transaction when there is one, else runs on its own
   * (autocommit: no BEGIN/COMMIT round trips for a single read).
   */
  readOnce<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.uow.scope() ? work(this.uow.tx()) : work(this.database.db);
  }

  /** The directory's rows for these pincodes (unknown ones are left out), from memory. Callers get copies. */
  async pincodes(pins: string[]): Promise<PincodeView[]> {
    const directory = await this.loadDirectory();
    const found: PincodeView[] = [];
    const missing: string[] = [];
    for (const pin of pins) {
      const row = directory.get(pin);
      if (row) found.push({ ...row, places: [...row.places] });
      else missing.push(pin);
    }
    if (missing.length === 0) return found;
    const late = await this.readOnce((db) => db.select(columns).from(pincodes).where(inArray(pincodes.pincode, missing)));
    return [...found, ...late];
  }

  async allPincodes(): Promise<DirectoryPincode[]> {
    const directory = await this.loadDirectory();
    return [...directory.values()]
      .map((p) => ({ pincode: p.pincode, gstStateCode: p.gstStateCode, district: p.district, latitude: p.latitude, longitude: p.longitude }))
      .sort((a, b) => (a.pincode < b.pincode ? -1 : a.pincode > b.pincode ? 1 : 0));
  }

  private loadDirectory(): Promise<Map<string, PincodeView>> {
    if (!this.directory) {
      const loading = this.readOnce(async (db) => new Map((await db.select(columns).from(pincodes)).map((p) => [p.pincode, p] as const)));
      this.directory = loading;
      loading.then(
        (map) => map.size === 0 && this.directory === loading && (this.directory = null),
        () => this.directory === loading && (this.directory = null),
      );
    }
    return this.directory;
  }

  /** Trigram word similarity of the query against place names, district and state; best first, ties broken by the primary place's similarity. */
  search(q: string, limit: number): Promise<(PincodeView & { score: number })[]> {
    const needle = q.toLowerCase();
    return this.readOnce(async (tx) => {
      const rows = await queryRows<{ pincode: string; place: string; places: string[]; district: string; state: string; gst_state_code: string; latitude: number | null; longitude: number | null; score: number }>(
        tx,
        sql`select pincode, place, places, district, state, gst_state_code, latitude, longitude, word_similarity(${needle}, search_text) as score
            from geo.pincodes where ${needle} <% search_text
            order by score desc, similarity(${needle}, lower(place)) desc, place_count desc, pincode limit ${limit}`,
      );
      return rows.map((r) => ({ pincode: r.pincode, place: r.place, places: r.places, district: r.district, state: r.state, gstStateCode: r.gst_state_code, latitude: r.latitude, longitude: r.longitude, score: Number(r.score) }));
    });
  }

  /**
   * The active lists. With the key the caller just read (ACTIVE_LISTS_KEY, e.g. via CustomZoneStore.lookup), the cached
   * copy is used when it matches; otherwise (or with no key) they are read. The cache is labelled with the key of the
   * rows actually loaded (under READ COMMITTED they may be newer than the caller's key), so it never claims lists it
   * does not hold. Treat the result as read-only (it is shared).
   */
  async activeLists(key?: string): Promise<ActiveZoneLists> {
    if (key !== undefined && this.lists?.key === key) return this.lists.lists;
    const rows = await this.readOnce(async (db) => (await db.select().from(zoneLists).where(eq(zoneLists.active, true))) as ZoneListRow[]);
    const metro = rows.find((r) => r.kind === 'metro');
    const special = rows.find((r) => r.kind === 'special');
    const lists: ActiveZoneLists = {
      metros: (metro?.entries as MetroCity[] | undefined) ?? [],
      specialStateCodes: (special?.entries as string[] | undefined) ?? [],
      version: { metro: metro?.version ?? 0, special: special?.version ?? 0 },
    };
    // Same order as ACTIVE_LISTS_KEY: by kind ('metro' < 'special').
    this.lists = { key: [metro?.id, special?.id].filter(Boolean).join(','), lists };
    return lists;
  }

  allLists(): Promise<ZoneListRow[]> {
    return this.readOnce(async (db) => (await db.select().from(zoneLists).orderBy(zoneLists.kind, desc(zoneLists.version))) as ZoneListRow[]);
  }

  /** Inside the caller's unit of work: deactivates the kind's current version and appends the next one. */
  async appendVersion(tx: Tx, row: Omit<ZoneListRow, 'version' | 'active'>): Promise<ZoneListRow> {
    await tx.execute(sql`select pg_advisory_xact_lock(727274102, hashtext(${row.kind}))`);
    const [{ next }] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(version), 0) + 1 as next from geo.zone_lists where kind = ${row.kind}`);
    await tx.update(zoneLists).set({ active: false }).where(and(eq(zoneLists.kind, row.kind), eq(zoneLists.active, true)));
    const inserted = { ...row, version: Number(next), active: true };
    await tx.insert(zoneLists).values(inserted);
    return inserted;
  }
}
