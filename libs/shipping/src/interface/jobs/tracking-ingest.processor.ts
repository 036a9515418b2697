import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Job, Queue } from 'bull';
import { requestContext } from '@shipcrowd/platform';
import { RecordTracking, RecordTrackingResult } from '../../application/commands/record-tracking/record-tracking.command';
import { TRACKING_INGEST_QUEUE, TrackingIngestJob } from '../../application/tracking-ingest/tracking-ingest.queue';

/** Records queued webhook scans; a few jobs at a time (each touches a handful of shipments). */
@Injectable()
export class TrackingIngestProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('tracking');

  constructor(
    private readonly commands: CommandBus,
    @InjectQueue(TRACKING_INGEST_QUEUE) private readonly queue: Queue<TrackingIngestJob>,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue
      .process(4, (job: Job<TrackingIngestJob>) =>
        requestContext.run({ requestId: `tracking:${job.id}` }, (): Promise<RecordTrackingResult> =>
          this.commands.execute(new RecordTracking(job.data.courier, job.data.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })), 'webhook')),
        ),
      )
      .catch((error) => this.logger.error({ err: error }, 'tracking ingest processor stopped'));
  }
}
