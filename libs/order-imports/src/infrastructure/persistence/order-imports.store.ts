import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { Tx, UnitOfWork } from '@shipcrowd/platform';
import type { RowProblem } from '../../domain/order-rows';
import { importErrors, imports } from './order-imports.schema';

export type ImportRow = typeof imports.$inferSelect;
export type ImportErrorRow = typeof importErrors.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type ImportPatch = Partial<Omit<ImportRow, 'id' | 'companyId' | 'createdAt' | 'version'>>;
export interface StoredProblem extends RowProblem {
  orderNumber: string | null;
  original: string[] | null;
}

/** Import rows and their error reports; every call runs in a unit of work scoped to the import's company. */
@Injectable()
export class OrderImportsStore {
  constructor(private readonly uow: UnitOfWork) {}

  private in<T>(companyId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const open = this.uow.scope();
    if (open && (open.system || open.companyId === companyId)) return work(this.uow.tx());
    return this.uow.run({ companyId }, work);
  }

  insert(row: NewImport): Promise<void> {
    return this.in(row.companyId, async (tx) => {
      await tx.insert(imports).values(row);
    });
  }

  async get(companyId: string, id: string): Promise<ImportRow | null> {
    const [row] = await this.in(companyId, (tx) => tx.select().from(imports).where(and(eq(imports.companyId, companyId), eq(imports.id, id))));
    return row ?? null;
  }

  /** Newest first, keyset-paged by (created_at, id). */
  list(companyId: string, limit: number, after?: { createdAt: string; id: string }): Promise<ImportRow[]> {
    return this.in(companyId, (tx) =>
      tx
        .select()
        .from(imports)
        .where(
          and(
            eq(imports.companyId, companyId),
            after ? or(lt(imports.createdAt, new Date(after.createdAt)), and(eq(imports.createdAt, new Date(after.createdAt)), lt(imports.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(imports.createdAt), desc(imports.id))
        .limit(limit + 1),
    );
  }

  async update(companyId: string, id: string, patch: ImportPatch): Promise<void> {
    await this.in(companyId, (tx) =>
      tx
        .update(imports)
        .set({ ...patch, updatedAt: new Date(), version: sql`${imports.version} + 1` })
        .where(and(eq(imports.companyId, companyId), eq(imports.id, id))),
    );
  }

  /** Moves the import from one status to another only if it is still in `from` (so two workers cannot both start it). */
  async transition(companyId: string, id: string, from: ImportRow['status'][], patch: ImportPatch): Promise<boolean> {
    const rows = await this.in(companyId, (tx) =>
      tx
        .update(imports)
        .set({ ...patch, updatedAt: new Date(), version: sql`${imports.version} + 1` })
        .where(and(eq(imports.companyId, companyId), eq(imports.id, id), sql`${imports.status} in ${from}`))
        .returning({ id: imports.id }),
    );
    return rows.length > 0;
  }

  async insertProblems(companyId: string, importId: string, problems: StoredProblem[]): Promise<void> {
    for (let i = 0; i < problems.length; i += 1000) {
      const batch = problems.slice(i, i + 1000);
      await this.in(companyId, (tx) =>
        tx.insert(importErrors).values(batch.map((p) => ({ id: newId(), companyId, importId, line: p.line, field: p.field, code: p.code, message: p.message, orderNumber: p.orderNumber, original: p.original }))),
      );
    }
  }

  /** The error report in line order, read in pages so a large report is never held in memory at once. */
  async *problems(companyId: string, importId: string, pageSize = 1000): AsyncGenerator<ImportErrorRow> {
    let after: { line: number; id: string } | null = null;
    for (;;) {
      const cursor: { line: number; id: string } | null = after;
      const page: ImportErrorRow[] = await this.in(companyId, (tx) =>
        tx
          .select()
          .from(importErrors)
          .where(
            and(
              eq(importErrors.companyId, companyId),
              eq(importErrors.importId, importId),
              cursor ? or(gt(importErrors.line, cursor.line), and(eq(importErrors.line, cursor.line), gt(importErrors.id, cursor.id))) : undefined,
            ),
          )
          .orderBy(asc(importErrors.line), asc(importErrors.id))
          .limit(pageSize),
      );
      yield* page;
      if (page.length < pageSize) return;
      const last = page[page.length - 1];
      after = { line: last.line, id: last.id };
    }
  }
}
