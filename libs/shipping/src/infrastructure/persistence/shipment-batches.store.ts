import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@shipcrowd/platform';
import type { BatchFailure, BatchItemOutcome, BatchItemStatus, BatchStatus } from '../../domain/shipment-batch';
import { shipmentBatchItems, shipmentBatches } from './shipment-batches.schema';

export type ShipmentBatchRow = typeof shipmentBatches.$inferSelect;
export type ShipmentBatchItemRow = typeof shipmentBatchItems.$inferSelect;

/** Shipment batches and their items. Every call runs in the caller's unit of work (company scope). */
@Injectable()
export class ShipmentBatchesStore {
  async insert(tx: Tx, batch: Pick<ShipmentBatchRow, 'id' | 'companyId' | 'courier' | 'service' | 'createdBy' | 'createdAt'>, orderIds: readonly string[]): Promise<void> {
    await tx.insert(shipmentBatches).values({ ...batch, status: 'queued', total: orderIds.length, updatedAt: batch.createdAt });
    await tx.insert(shipmentBatchItems).values(orderIds.map((orderId, i) => ({ batchId: batch.id, position: i + 1, companyId: batch.companyId, orderId, status: 'pending' as const })));
  }

  async get(tx: Tx, id: string): Promise<ShipmentBatchRow | null> {
    const [row] = await tx.select().from(shipmentBatches).where(eq(shipmentBatches.id, id));
    return row ?? null;
  }

  /** Newest first, keyset-paged by (created_at, id); fetches limit + 1 rows. */
  list(tx: Tx, limit: number, after?: { createdAt: string; id: string }): Promise<ShipmentBatchRow[]> {
    return tx
      .select()
      .from(shipmentBatches)
      .where(after ? sql`(${shipmentBatches.createdAt}, ${shipmentBatches.id}) < (${new Date(after.createdAt)}, ${after.id}::uuid)` : undefined)
      .orderBy(desc(shipmentBatches.createdAt), desc(shipmentBatches.id))
      .limit(limit + 1);
  }

  /** In request order, after a position; fetches limit + 1 rows. */
  items(tx: Tx, batchId: string, statuses: readonly BatchItemStatus[] | null, limit: number, afterPosition = 0): Promise<ShipmentBatchItemRow[]> {
    return tx
      .select()
      .from(shipmentBatchItems)
      .where(and(eq(shipmentBatchItems.batchId, batchId), gt(shipmentBatchItems.position, afterPosition), statuses ? inArray(shipmentBatchItems.status, [...statuses]) : undefined))
      .orderBy(asc(shipmentBatchItems.position))
      .limit(limit + 1);
  }

  /** Moves a queued batch (or one a crashed job left running) to running; null when it has already finished. */
  async start(tx: Tx, id: string, now: Date): Promise<ShipmentBatchRow | null> {
    const [row] = await tx
      .update(shipmentBatches)
      .set({ status: 'running', startedAt: sql`coalesce(${shipmentBatches.startedAt}, ${now})`, updatedAt: now, version: sql`${shipmentBatches.version} + 1` })
      .where(and(eq(shipmentBatches.id, id), inArray(shipmentBatches.status, ['queued', 'running'])))
      .returning();
    return row ?? null;
  }

  pendingItems(tx: Tx, batchId: string): Promise<ShipmentBatchItemRow[]> {
    return tx.select().from(shipmentBatchItems).where(and(eq(shipmentBatchItems.batchId, batchId), eq(shipmentBatchItems.status, 'pending'))).orderBy(asc(shipmentBatchItems.position));
  }

  async markAttempted(tx: Tx, item: Pick<ShipmentBatchItemRow, 'batchId' | 'position'>, now: Date): Promise<void> {
    await tx.update(shipmentBatchItems).set({ attemptedAt: now }).where(and(eq(shipmentBatchItems.batchId, item.batchId), eq(shipmentBatchItems.position, item.position)));
  }

  /**
   * Records how an item's booking ended and counts it on the batch, once: an item already recorded (by a job that ran
   * it before) is left as it is and not counted again. Returns whether it was recorded.
   */
  async recordOutcome(tx: Tx, item: Pick<ShipmentBatchItemRow, 'batchId' | 'position'>, outcome: BatchItemOutcome, now: Date): Promise<boolean> {
    const result = outcome.ok
      ? { status: 'booked' as const, shipmentId: outcome.shipmentId, awb: outcome.awb, courier: outcome.courier, service: outcome.service }
      : { status: 'failed' as const, failure: { code: outcome.code, message: outcome.message } };
    const updated = await tx
      .update(shipmentBatchItems)
      .set({ ...result, finishedAt: now })
      .where(and(eq(shipmentBatchItems.batchId, item.batchId), eq(shipmentBatchItems.position, item.position), eq(shipmentBatchItems.status, 'pending')))
      .returning({ position: shipmentBatchItems.position });
    if (!updated.length) return false;
    const counted = outcome.ok ? { succeeded: sql`${shipmentBatches.succeeded} + 1` } : { failed: sql`${shipmentBatches.failed} + 1` };
    await tx
      .update(shipmentBatches)
      .set({ ...counted, processed: sql`${shipmentBatches.processed} + 1`, updatedAt: now, version: sql`${shipmentBatches.version} + 1` })
      .where(eq(shipmentBatches.id, item.batchId));
    return true;
  }

  /** Ends a queued or running batch; false when it had already ended. */
  async finish(tx: Tx, id: string, status: BatchStatus, now: Date, error: BatchFailure | null = null): Promise<boolean> {
    const rows = await tx
      .update(shipmentBatches)
      .set({ status, error, finishedAt: now, updatedAt: now, version: sql`${shipmentBatches.version} + 1` })
      .where(and(eq(shipmentBatches.id, id), inArray(shipmentBatches.status, ['queued', 'running'])))
      .returning({ id: shipmentBatches.id });
    return rows.length > 0;
  }
}
