import { InjectQueue } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Queue } from 'bull';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import type { BatchStatus } from '../../../domain/shipment-batch';
import { ShipmentBatchesStore } from '../../../infrastructure/persistence/shipment-batches.store';
import { SHIPMENT_BATCHES_QUEUE, ShipmentBatchJob } from '../../shipment-batches/shipment-batches.queue';
import { StartShipmentBatch } from './start-shipment-batch.command';

export interface StartedShipmentBatch {
  id: string;
  status: BatchStatus;
  total: number;
}

/** Stores the batch and one pending item per order, then queues its job once that has committed (the job must find them). */
@CommandHandler(StartShipmentBatch)
export class StartShipmentBatchHandler implements ICommandHandler<StartShipmentBatch, StartedShipmentBatch> {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentBatchesStore,
    @InjectQueue(SHIPMENT_BATCHES_QUEUE) private readonly queue: Queue<ShipmentBatchJob>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, orderIds, courier, service }: StartShipmentBatch): Promise<StartedShipmentBatch> {
    const { companyId } = actor;
    const id = newId();
    await this.uow.run({ companyId, userId: actor.userId }, (tx) =>
      this.store.insert(tx, { id, companyId, courier: courier ?? null, service: service ?? null, createdBy: actor.userId, createdAt: this.clock.now() }, orderIds),
    );
    try {
      // Retries are safe: a re-run books only the orders without a result, and an order never gets two live shipments.
      await this.queue.add({ companyId, batchId: id }, { jobId: id, attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: true, removeOnFail: 100 });
    } catch (error) {
      this.logger.error({ err: error, batchId: id }, 'could not queue the shipment batch');
      const refusal = new DomainError('shipment_batch.not_queued', 'The batch could not be queued, so nothing was booked; send it again shortly.', 'unavailable');
      await this.uow.run({ companyId }, (tx) => this.store.finish(tx, id, 'failed', this.clock.now(), { code: refusal.code, message: refusal.message }));
      throw refusal;
    }
    return { id, status: 'queued', total: orderIds.length };
  }
}
