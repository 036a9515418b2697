import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Queue } from 'bull';
import { processJobs } from '@shipcrowd/platform';
import { RunShipmentBatch } from '../../application/commands/run-shipment-batch/run-shipment-batch.command';
import { SHIPMENT_BATCHES_QUEUE, ShipmentBatchJob } from '../../application/shipment-batches/shipment-batches.queue';

/** Runs shipment batches in the worker, two at a time per process (each books a few orders at a time). */
@Injectable()
export class ShipmentBatchProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly commands: CommandBus,
    @InjectQueue(SHIPMENT_BATCHES_QUEUE) private readonly queue: Queue<ShipmentBatchJob>,
  ) {}

  onApplicationBootstrap(): void {
    processJobs(this.queue, { concurrency: 2, logger: new Logger('shipping'), requestIdOf: (job) => `shipment-batch:${job.data.batchId}` }, ({ data, attemptsMade, opts }) =>
      this.commands.execute(new RunShipmentBatch(data.companyId, data.batchId, attemptsMade + 1 >= (opts.attempts ?? 1))),
    );
  }
}
