import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { BatchItemOutcome, failureOf, finishedStatus } from '../../../domain/shipment-batch';
import { ShipmentBatchesStore, ShipmentBatchItemRow, ShipmentBatchRow } from '../../../infrastructure/persistence/shipment-batches.store';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { BookShipment } from '../book-shipment/book-shipment.command';
import type { BookedShipment } from '../book-shipment/book-shipment.handler';
import { RunShipmentBatch } from './run-shipment-batch.command';

/** Bookings of one batch in flight at once: each is mostly waiting on the courier's API. */
export const BOOKINGS_IN_FLIGHT = 4;

/**
 * Books every order of the batch that has no result yet with BookShipment, a few at a time, recording each result and
 * counting it on the batch as it lands (so progress shows from any process). A re-run (a retried or redelivered job)
 * skips the orders already done; BookShipment refuses a second live shipment for an order, so nothing is booked twice.
 */
@CommandHandler(RunShipmentBatch)
export class RunShipmentBatchHandler implements ICommandHandler<RunShipmentBatch, void> {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentBatchesStore,
    private readonly shipments: ShipmentsStore,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ companyId, batchId, finalAttempt }: RunShipmentBatch): Promise<void> {
    const batch = await this.uow.run({ companyId }, (tx) => this.store.start(tx, batchId, this.clock.now()));
    if (!batch) return;
    try {
      const pending = await this.uow.run({ companyId }, (tx) => this.store.pendingItems(tx, batchId));
      await inParallel(pending, BOOKINGS_IN_FLIGHT, (item) => this.book(batch, item));
      await this.uow.run({ companyId }, async (tx) => {
        const counted = await this.store.get(tx, batchId);
        if (counted) await this.store.finish(tx, batchId, finishedStatus(counted), this.clock.now());
      });
    } catch (error) {
      if (!finalAttempt) throw error;
      this.logger.error({ err: error, batchId }, 'shipment batch stopped');
      await this.uow.run({ companyId }, (tx) =>
        this.store.finish(tx, batchId, 'failed', this.clock.now(), {
          code: 'shipment_batch.interrupted',
          message: 'The batch stopped part-way on an internal error. Its items show which orders were booked; book the pending ones in a new batch.',
        }),
      );
    }
  }

  private async book(batch: ShipmentBatchRow, item: ShipmentBatchItemRow): Promise<void> {
    const scope = { companyId: batch.companyId };
    await this.uow.run(scope, (tx) => this.store.markAttempted(tx, item, this.clock.now()));
    let outcome: BatchItemOutcome;
    try {
      const booked = await this.commands.execute<BookShipment, BookedShipment>(
        new BookShipment({ companyId: batch.companyId, userId: batch.createdBy }, item.orderId, batch.courier ?? undefined, batch.service ?? undefined),
      );
      outcome = { ok: true, shipmentId: booked.shipmentId, awb: booked.awb, courier: booked.courier, service: booked.service };
    } catch (error) {
      outcome = (item.attemptedAt && (await this.bookedByEarlierRun(batch.companyId, item.attemptedAt, error))) || { ok: false, ...failureOf(error) };
    }
    await this.uow.run(scope, (tx) => this.store.recordOutcome(tx, item, outcome, this.clock.now()));
  }

  /** An earlier run booked this order but stopped before recording it: the live shipment it made, if that is the one refusing us. */
  private async bookedByEarlierRun(companyId: string, attemptedAt: Date, error: unknown): Promise<BatchItemOutcome | null> {
    if (!(error instanceof DomainError) || error.code !== 'shipment.already_booked' || typeof error.details.shipmentId !== 'string') return null;
    const shipmentId = error.details.shipmentId;
    const shipment = (await this.uow.run({ companyId }, (tx) => this.shipments.load(tx, shipmentId)))?.state;
    if (!shipment?.awb || shipment.createdAt < attemptedAt) return null;
    return { ok: true, shipmentId: shipment.id, awb: shipment.awb, courier: shipment.courier, service: shipment.service };
  }
}

/** Runs `work` over the items, at most `limit` at once; after a failure no new item starts, and the first error is thrown once the rest settle. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}
