import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { queryRows } from '../database/rows';
import { UnitOfWork } from '../database/unit-of-work';
import { Metrics } from '../metrics/metrics';
import { EventSubscribers } from './event-subscribers';
import { IntegrationEvent } from './integration-event';

export const INTEGRATION_EVENTS_QUEUE_TOKEN = Symbol('IntegrationEventsQueue');

interface OutboxRow {
  id: string;
  type: string;
  aggregate_id: string;
  company_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
  attempts: number;
}

export interface RelayOptions {
  batchSize?: number;
  /** How long a claim lasts; a relay that dies leaves rows due again after this. */
  claimSeconds?: number;
}

/**
 * Moves committed outbox rows to Bull and to in-process consumers, at least once.
 * Rows are claimed in a short transaction with SKIP LOCKED, so two relays never take the same row,
 * and are marked published only after every consumer took them. Consumers dedupe through the inbox.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger('outbox-relay');
  private readonly relayId = newId();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly subscribers: EventSubscribers,
    private readonly metrics: Metrics,
    @Inject(INTEGRATION_EVENTS_QUEUE_TOKEN) private readonly queue: Queue | null,
  ) {}

  start(pollMs: number): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().catch((error) => this.logger.error({ err: error }, 'relay pass failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Relays until nothing is due; returns how many events were published. */
  async drain(options: RelayOptions = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch(options);
      total += published;
      if (published === 0 || this.stopped) return total;
    }
  }

  /** Claims up to batchSize due rows, delivers them, marks the delivered ones published. */
  async relayBatch(options: RelayOptions = {}, onDelivered?: (event: IntegrationEvent) => void): Promise<number> {
    const rows = await this.claim(options.batchSize ?? 100, options.claimSeconds ?? 30);
    let published = 0;
    for (const row of rows) {
      if (this.stopped) break;
      const event = toEvent(row);
      try {
        if (this.queue) await this.queue.add(event.type, event, { jobId: event.eventId, removeOnComplete: 1000, removeOnFail: 5000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
        await this.subscribers.dispatch(event);
        await this.markPublished(event.eventId);
        published += 1;
        this.metrics.outboxRelayed.inc();
        onDelivered?.(event);
      } catch (error) {
        await this.markFailed(event.eventId, row.attempts + 1, error);
      }
    }
    return published;
  }

  private claim(limit: number, claimSeconds: number): Promise<OutboxRow[]> {
    return this.uow.run({ system: true }, (tx) =>
      queryRows<OutboxRow>(
        tx,
        sql`update platform.outbox set claimed_until = now() + make_interval(secs => ${claimSeconds})
            where id in (
              select id from platform.outbox
              where published_at is null and (claimed_until is null or claimed_until < now())
              order by sequence limit ${limit}
              for update skip locked)
            returning id, type, aggregate_id, company_id, payload, occurred_at, attempts`,
      ),
    ).then((rows) => rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }

  private markPublished(id: string): Promise<void> {
    return this.uow.run({ system: true }, async (tx) => {
      await tx.execute(sql`update platform.outbox set published_at = now(), claimed_until = null where id = ${id}`);
    });
  }

  private markFailed(id: string, attempts: number, error: unknown): Promise<void> {
    const backoffSeconds = Math.min(2 ** attempts, 300);
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ eventId: id, attempts, err: error }, 'event delivery failed; will retry');
    return this.uow.run({ system: true }, async (tx) => {
      await tx.execute(
        sql`update platform.outbox set attempts = ${attempts}, last_error = ${message.slice(0, 2000)},
            claimed_until = now() + make_interval(secs => ${backoffSeconds}) where id = ${id}`,
      );
    });
  }

  /** Seconds since the oldest unpublished event was written (0 when none): the outbox lag metric. */
  async lagSeconds(): Promise<number> {
    const [row] = await this.uow.run({ system: true }, (tx) =>
      queryRows<{ lag: number | null }>(tx, sql`select extract(epoch from now() - min(created_at))::float8 as lag from platform.outbox where published_at is null`),
    );
    return Number(row?.lag ?? 0);
  }
}

function toEvent(row: OutboxRow): IntegrationEvent {
  return {
    eventId: row.id,
    type: row.type,
    aggregateId: row.aggregate_id,
    companyId: row.company_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: row.payload,
  };
}
