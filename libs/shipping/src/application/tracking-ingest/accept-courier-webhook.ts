import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { COURIERS_FACADE, CouriersFacade, CourierCode, isCourierCode, TrackingEvent } from '@shipcrowd/couriers/contracts';
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
    const code = knownCourier(courier);
    const events = this.couriers.parseWebhook(code, { headers, rawBody: rawBody ?? Buffer.alloc(0) });
    return this.enqueue(code, events, rawBody, null);
  }

  /** A webhook for a company's own courier account: its scans may only move that company's shipments. */
  async acceptForAccount(courier: string, accountId: string, headers: Record<string, string | string[] | undefined>, rawBody: Buffer | undefined): Promise<{ accepted: number }> {
    const code = knownCourier(courier);
    const { companyId, events } = await this.couriers.parseAccountWebhook(code, accountId, { headers, rawBody: rawBody ?? Buffer.alloc(0) });
    return this.enqueue(code, events, rawBody, { accountId, companyId });
  }

  private async enqueue(courier: CourierCode, events: TrackingEvent[], rawBody: Buffer | undefined, account: { accountId: string; companyId: string } | null): Promise<{ accepted: number }> {
    if (!events.length) return { accepted: 0 };
    // An account's bodies are deduplicated apart from the platform's and other accounts': a body only one of them
    // may apply must not take the job id of another.
    const jobId = `${courier}:${account ? `${account.accountId}:` : ''}${createHash('sha256').update(rawBody ?? '').digest('base64url')}`;
    await this.queue.add(
      { courier, ...(account ? { companyId: account.companyId } : {}), events: events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })), receivedAt: new Date().toISOString() },
      { jobId, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 10_000, removeOnFail: 10_000 },
    );
    return { accepted: events.length };
  }
}

function knownCourier(courier: string): CourierCode {
  if (!isCourierCode(courier)) throw new DomainError('courier.unknown', `No courier ${courier}.`, 'not_found');
  return courier;
}
