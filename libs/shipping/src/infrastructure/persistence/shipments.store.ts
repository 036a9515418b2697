import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { Tx, updateVersioned } from '@shipcrowd/platform';
import { ScanSource, Shipment, ShipmentScan, ShipmentSnapshot } from '../../domain/shipment';
import { shipmentEvents, shipments } from './shipping.schema';

type ShipmentRow = typeof shipments.$inferSelect;

/** The reconciliation bookkeeping (booking checks) stays out of the aggregate: only the store's claim and defer write it. */
function toSnapshot(r: ShipmentRow): ShipmentSnapshot {
  const { version: _v, bookingChecks: _checks, nextBookingCheckAt: _next, ...rest } = r;
  return { ...rest, childAwbs: r.childAwbs ?? [] };
}

/** A booking left in flight, claimed for one reconciliation check. */
export interface ClaimedBooking {
  id: string;
  companyId: string;
  /** Checks made so far, this one included. */
  bookingChecks: number;
}

/** Shipments and their scans. Writes happen inside the caller's unit of work. */
@Injectable()
export class ShipmentsStore {
  async insert(tx: Tx, shipment: Shipment): Promise<void> {
    await tx.insert(shipments).values({ ...shipment.state, version: shipment.version });
  }

  async save(tx: Tx, shipment: Shipment): Promise<void> {
    const { id: _id, companyId: _c, createdAt: _ca, createdBy: _cb, ...values } = shipment.state;
    shipment.markSaved(await updateVersioned(tx, shipments, 'Shipment', shipment.id, shipment.version, values));
  }

  async load(tx: Tx, id: string): Promise<Shipment | null> {
    const [row] = await tx.select().from(shipments).where(eq(shipments.id, id));
    return row ? Shipment.restore(toSnapshot(row), row.version) : null;
  }

  /** The order's live shipment (not cancelled, not failed), if any. */
  async liveForOrder(tx: Tx, orderId: string): Promise<Shipment | null> {
    const [row] = await tx.select().from(shipments).where(and(eq(shipments.orderId, orderId), sql`${shipments.status} not in ('cancelled', 'booking_failed')`));
    return row ? Shipment.restore(toSnapshot(row), row.version) : null;
  }

  /**
   * How many bookings of this order ended for good (cancelled, refused): the next reference's attempt number. A booking
   * that failed because the courier was unreachable does not count: its retry reuses the reference so the courier
   * dedupes it if the first request did book.
   */
  async endedAttempts(tx: Tx, orderId: string): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(shipments)
      .where(and(eq(shipments.orderId, orderId), sql`(${shipments.status} = 'cancelled' or (${shipments.status} = 'booking_failed' and coalesce(${shipments.failure}->>'code', '') <> 'courier.unavailable'))`));
    return row?.n ?? 0;
  }

  /**
   * Claims up to `limit` bookings still in flight since before `staleBefore` whose next check is due (system scope),
   * oldest first: rows another worker is claiming are skipped (SKIP LOCKED), and a claimed row is not due again before
   * `leaseUntil`, so two workers never check the same booking at once. The version is left alone: a late answer of
   * the original request still saves, and the reconciliation's own save then loses the race instead.
   */
  async claimStaleBookings(tx: Tx, { staleBefore, now, leaseUntil, limit }: { staleBefore: Date; now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedBooking[]> {
    const due = tx
      .select({ id: shipments.id })
      .from(shipments)
      .where(and(eq(shipments.status, 'booking'), lte(shipments.statusAt, staleBefore), or(isNull(shipments.nextBookingCheckAt), lte(shipments.nextBookingCheckAt, now))))
      .orderBy(asc(shipments.statusAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return tx
      .update(shipments)
      .set({ bookingChecks: sql`${shipments.bookingChecks} + 1`, nextBookingCheckAt: leaseUntil })
      .where(inArray(shipments.id, due))
      .returning({ id: shipments.id, companyId: shipments.companyId, bookingChecks: shipments.bookingChecks });
  }

  /** The courier could not be asked: the booking's next check is due at `at`. */
  async deferBookingCheck(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(shipments).set({ nextBookingCheckAt: at }).where(and(eq(shipments.id, id), eq(shipments.status, 'booking')));
  }

  /** Locates shipments by (courier, AWB) across companies (system scope: webhooks). */
  async locate(tx: Tx, courier: string, awbs: string[]): Promise<{ id: string; companyId: string; awb: string }[]> {
    if (!awbs.length) return [];
    const rows = await tx.select({ id: shipments.id, companyId: shipments.companyId, awb: shipments.awb }).from(shipments).where(and(eq(shipments.courier, courier), inArray(shipments.awb, awbs)));
    return rows.map((r) => ({ id: r.id, companyId: r.companyId, awb: r.awb! }));
  }

  /** Shipments due a tracking pull (system scope), oldest due first. */
  async duePolls(tx: Tx, now: Date, limit: number): Promise<{ id: string; companyId: string; courier: string; awb: string }[]> {
    const rows = await tx
      .select({ id: shipments.id, companyId: shipments.companyId, courier: shipments.courier, awb: shipments.awb })
      .from(shipments)
      .where(and(isNotNull(shipments.nextPollAt), lte(shipments.nextPollAt, now), isNotNull(shipments.awb)))
      .orderBy(asc(shipments.nextPollAt))
      .limit(limit);
    return rows.map((r) => ({ ...r, awb: r.awb! }));
  }

  /** Inserts scans not seen before; returns the new ones (duplicates by shipment + AWB + raw code + time are skipped). */
  async addScans(tx: Tx, shipment: Shipment, scans: readonly Omit<ShipmentScan, 'source'>[], source: ScanSource, receivedAt: Date): Promise<ShipmentScan[]> {
    if (!scans.length) return [];
    const rows = scans.map((e) => ({
      id: newId(),
      companyId: shipment.state.companyId,
      shipmentId: shipment.id,
      awb: e.awb,
      status: e.status,
      rawCode: e.rawCode,
      rawStatus: e.rawStatus,
      location: e.location,
      remarks: e.remarks,
      ndrReason: e.ndrReason,
      chargedWeightGrams: e.chargedWeightGrams,
      source,
      occurredAt: e.occurredAt,
      receivedAt,
    }));
    const inserted = await tx.insert(shipmentEvents).values(rows).onConflictDoNothing().returning();
    return inserted.map((r) => ({
      awb: r.awb,
      status: r.status as ShipmentScan['status'],
      rawCode: r.rawCode,
      rawStatus: r.rawStatus,
      location: r.location,
      occurredAt: r.occurredAt,
      remarks: r.remarks,
      ndrReason: r.ndrReason,
      chargedWeightGrams: r.chargedWeightGrams,
      source: r.source as ScanSource,
    }));
  }

  async timeline(tx: Tx, shipmentId: string) {
    return tx.select().from(shipmentEvents).where(eq(shipmentEvents.shipmentId, shipmentId)).orderBy(asc(shipmentEvents.occurredAt), asc(shipmentEvents.id));
  }
}
