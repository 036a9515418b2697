import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lte, SQL, sql } from 'drizzle-orm';
import { Tx, updateVersioned } from '@shipcrowd/platform';
import { WeightDiscrepancy, WeightDiscrepancySnapshot, WeightDiscrepancyStatus } from '../../domain/weight-discrepancy';
import { weightDiscrepancies } from './weight-discrepancies.schema';

type Row = typeof weightDiscrepancies.$inferSelect;

const restore = ({ version, ...snapshot }: Row) => WeightDiscrepancy.restore(snapshot, version);

export interface WeightDiscrepancyFilters {
  status?: WeightDiscrepancyStatus[];
  courier?: string;
}

export interface Keyset {
  openedAt: string;
  id: string;
}

/** Weight discrepancies. Writes happen inside the caller's unit of work; its scope decides which companies' rows show. */
@Injectable()
export class WeightDiscrepanciesStore {
  async insert(tx: Tx, discrepancy: WeightDiscrepancy): Promise<void> {
    await tx.insert(weightDiscrepancies).values({ ...discrepancy.state, version: discrepancy.version });
  }

  async save(tx: Tx, discrepancy: WeightDiscrepancy): Promise<void> {
    const { id: _id, companyId: _c, shipmentId: _s, openedAt: _o, ...values } = discrepancy.state;
    discrepancy.markSaved(await updateVersioned(tx, weightDiscrepancies, 'WeightDiscrepancy', discrepancy.id, discrepancy.version, values));
  }

  async load(tx: Tx, id: string): Promise<WeightDiscrepancy | null> {
    const [row] = await tx.select().from(weightDiscrepancies).where(eq(weightDiscrepancies.id, id));
    return row ? restore(row) : null;
  }

  async forShipment(tx: Tx, shipmentId: string): Promise<WeightDiscrepancy | null> {
    const [row] = await tx.select().from(weightDiscrepancies).where(eq(weightDiscrepancies.shipmentId, shipmentId));
    return row ? restore(row) : null;
  }

  /** Open cases whose deadline has passed (system scope), earliest deadline first. */
  async overdue(tx: Tx, now: Date, limit: number): Promise<{ id: string; companyId: string }[]> {
    return tx
      .select({ id: weightDiscrepancies.id, companyId: weightDiscrepancies.companyId })
      .from(weightDiscrepancies)
      .where(and(eq(weightDiscrepancies.status, 'open'), lte(weightDiscrepancies.deadlineAt, now)))
      .orderBy(asc(weightDiscrepancies.deadlineAt))
      .limit(limit);
  }

  /** Newest first, keyset-paginated on (opened_at, id); fetches limit + 1 rows so the caller can tell there is more. */
  async page(tx: Tx, filters: WeightDiscrepancyFilters, limit: number, after?: Keyset): Promise<WeightDiscrepancySnapshot[]> {
    const t = weightDiscrepancies;
    const where: (SQL | undefined)[] = [];
    if (filters.status?.length) where.push(inArray(t.status, filters.status));
    if (filters.courier) where.push(eq(t.courier, filters.courier));
    if (after) where.push(sql`(${t.openedAt}, ${t.id}) < (${new Date(after.openedAt)}, ${after.id}::uuid)`);
    const rows = await tx.select().from(t).where(and(...where)).orderBy(desc(t.openedAt), desc(t.id)).limit(limit + 1);
    return rows.map((row) => restore(row).state);
  }
}
