import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Queue } from 'bull';
import { processJobs } from '@shipcrowd/platform';
import { RecordTracking } from '../../application/commands/record-tracking/record-tracking.command';
import { TRACKING_INGEST_QUEUE, TrackingIngestJob } from '../../application/tracking-ingest/tracking-ingest.queue';

/** Records queued webhook scans; a few jobs at a time (each touches a handful of shipments). */
@Injectable()
export class TrackingIngestProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly commands: CommandBus,
    @InjectQueue(TRACKING_INGEST_QUEUE) private readonly queue: Queue<TrackingIngestJob>,
  ) {}

  onApplicationBootstrap(): void {
    processJobs(this.queue, { concurrency: 4, logger: new Logger('tracking'), requestIdOf: (job) => `tracking:${job.id}` }, ({ data }) =>
      this.commands.execute(new RecordTracking(data.courier, data.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })), 'webhook', data.companyId ?? null)),
    );
  }
}
