import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, Tx, UnitOfWork } from '@shipcrowd/platform';
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

/** Reads of the reference tables. They hold no tenant data, so they join the caller's transaction whatever its scope. */
@Injectable()
export class GeoStore {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Joins the caller's transaction when there is one; otherwise opens one, in `companyId`'s tenant scope when given
   * (for reads that also touch that company's custom zones), else system scope.
   */
  read<T>(work: (tx: Tx) => Promise<T>, companyId?: string | null): Promise<T> {
    if (this.uow.scope()) return work(this.uow.tx());
    return this.uow.run(companyId ? { companyId } : { system: true }, work);
  }

  pincodes(pins: string[]): Promise<PincodeView[]> {
    return this.read((tx) => tx.select(columns).from(pincodes).where(inArray(pincodes.pincode, pins)));
  }

  allPincodes(): Promise<DirectoryPincode[]> {
    return this.read((tx) =>
      tx.select({ pincode: pincodes.pincode, gstStateCode: pincodes.gstStateCode, district: pincodes.district, latitude: pincodes.latitude, longitude: pincodes.longitude }).from(pincodes).orderBy(pincodes.pincode),
    );
  }

  /** Trigram word similarity of the query against place names, district and state; best first, ties broken by the primary place's similarity. */
  search(q: string, limit: number): Promise<(PincodeView & { score: number })[]> {
    const needle = q.toLowerCase();
    return this.read(async (tx) => {
      const rows = await queryRows<{ pincode: string; place: string; places: string[]; district: string; state: string; gst_state_code: string; latitude: number | null; longitude: number | null; score: number }>(
        tx,
        sql`select pincode, place, places, district, state, gst_state_code, latitude, longitude, word_similarity(${needle}, search_text) as score
            from geo.pincodes where ${needle} <% search_text
            order by score desc, similarity(${needle}, lower(place)) desc, place_count desc, pincode limit ${limit}`,
      );
      return rows.map((r) => ({ pincode: r.pincode, place: r.place, places: r.places, district: r.district, state: r.state, gstStateCode: r.gst_state_code, latitude: r.latitude, longitude: r.longitude, score: Number(r.score) }));
    });
  }

  activeLists(): Promise<ActiveZoneLists> {
    return this.read(async (tx) => {
      const rows = (await tx.select().from(zoneLists).where(eq(zoneLists.active, true))) as ZoneListRow[];
      const metro = rows.find((r) => r.kind === 'metro');
      const special = rows.find((r) => r.kind === 'special');
      return {
        metros: (metro?.entries as MetroCity[] | undefined) ?? [],
        specialStateCodes: (special?.entries as string[] | undefined) ?? [],
        version: { metro: metro?.version ?? 0, special: special?.version ?? 0 },
      };
    });
  }

  allLists(): Promise<ZoneListRow[]> {
    return this.read(async (tx) => (await tx.select().from(zoneLists).orderBy(zoneLists.kind, desc(zoneLists.version))) as ZoneListRow[]);
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
