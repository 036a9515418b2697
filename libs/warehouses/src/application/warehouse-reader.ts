import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { Tx, UnitOfWork } from '@shipcrowd/platform';
import { warehouses } from '../infrastructure/persistence/warehouses.schema';
import type { WarehouseRow } from '../infrastructure/persistence/warehouses.repository';

/**
 * Read side: selects straight into views. Joins the caller's open transaction when it already sees this
 * company's rows (e.g. the orders context placing orders), else opens a read scoped to the company.
 */
@Injectable()
export class WarehouseReader {
  constructor(private readonly uow: UnitOfWork) {}

  within<T>(companyId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const open = this.uow.scope();
    if (open && (open.system || open.companyId === companyId)) return work(this.uow.tx());
    return this.uow.run({ companyId }, work);
  }

  /** Includes a soft-deleted warehouse (orders that shipped from it still name it). */
  async byId(companyId: string, id: string): Promise<WarehouseRow | null> {
    const [row] = await this.within(companyId, (tx) => tx.select().from(warehouses).where(and(eq(warehouses.companyId, companyId), eq(warehouses.id, id))));
    return row ?? null;
  }

  async byCode(companyId: string, code: string): Promise<WarehouseRow | null> {
    const [row] = await this.within(companyId, (tx) =>
      tx.select().from(warehouses).where(and(eq(warehouses.companyId, companyId), eq(warehouses.code, code.trim().toUpperCase()), isNull(warehouses.deletedAt))),
    );
    return row ?? null;
  }

  async defaultOf(companyId: string): Promise<WarehouseRow | null> {
    const [row] = await this.within(companyId, (tx) => tx.select().from(warehouses).where(and(eq(warehouses.companyId, companyId), eq(warehouses.isDefault, true), isNull(warehouses.deletedAt))));
    return row ?? null;
  }

  /** Live warehouses, oldest first; `active` filters by the flag. */
  list(companyId: string, active?: boolean): Promise<WarehouseRow[]> {
    return this.within(companyId, (tx) =>
      tx
        .select()
        .from(warehouses)
        .where(and(eq(warehouses.companyId, companyId), isNull(warehouses.deletedAt), active === undefined ? undefined : eq(warehouses.active, active)))
        .orderBy(asc(warehouses.createdAt), asc(warehouses.id)),
    );
  }

  async markUsed(companyId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.within(companyId, (tx) =>
      tx
        .update(warehouses)
        .set({ firstUsedAt: sql`now()` })
        .where(and(eq(warehouses.companyId, companyId), inArray(warehouses.id, [...new Set(ids)]), isNull(warehouses.firstUsedAt))),
    );
  }
}
