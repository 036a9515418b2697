import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Job, Queue } from 'bull';
import { requestContext } from '@shipcrowd/platform';
import { ORDER_IMPORTS_QUEUE, OrderImportJob } from '../../application/actor';
import { ProcessOrderImport } from '../../application/commands/process-import/process-import.command';

/** Runs order imports in the worker, one at a time per process (each holds its file's drafts in memory). */
@Injectable()
export class OrderImportProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('order-imports');

  constructor(
    private readonly commands: CommandBus,
    @InjectQueue(ORDER_IMPORTS_QUEUE) private readonly queue: Queue<OrderImportJob>,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue
      .process(1, (job: Job<OrderImportJob>) =>
        requestContext.run({ requestId: `order-import:${job.data.importId}` }, () => this.commands.execute(new ProcessOrderImport(job.data.companyId, job.data.importId))),
      )
      .catch((error) => this.logger.error({ err: error }, 'order import processor stopped'));
  }
}
