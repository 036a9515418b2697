import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { COURIERS_FACADE, CouriersFacade, CourierCode, isCourierCode } from '@shipcrowd/couriers/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { TRACKING_INGEST_QUEUE, TrackingIngestJob } from './tracking-ingest.queue';

/**
 * The fast half of webhook ingest: authenticate and parse (the courier adapter, no database), then queue the scans
 * in one Redis call under a job id derived from the body, so a courier's retry of the same body adds no second job
 * while the first is still known to the queue (Bull ignores a known job id); scans are deduplicated again when
 * recorded, so a retry after that is harmless too.
 */
@Injectable()
export class AcceptCourierWebhook {
  constructor(
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @InjectQueue(TRACKING_INGEST_QUEUE) private readonly queue: Queue<TrackingIngestJob>,
  ) {}

  async accept(courier: string, headers: Record<string, string | string[] | undefined>, rawBody: Buffer | undefined): Promise<{ accepted: number }> {
    if (!isCourierCode(courier)) throw new DomainError('courier.unknown', `No courier ${courier}.`, 'not_found');
    const events = this.couriers.parseWebhook(courier as CourierCode, { headers, rawBody: rawBody ?? Buffer.alloc(0) });
    if (!events.length) return { accepted: 0 };
    const jobId = `${courier}:${createHash('sha256').update(rawBody ?? '').digest('base64url')}`;
    await this.queue.add(
      { courier, events: events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })), receivedAt: new Date().toISOString() },
      { jobId, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 10_000, removeOnFail: 10_000 },
    );
    return { accepted: events.length };
  }
}
