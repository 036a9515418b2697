import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { queryRows } from '../database/rows';
import { UnitOfWork } from '../database/unit-of-work';
import { Metrics } from '../metrics/metrics';
import { EventSubscribers } from './event-subscribers';
import { IntegrationEvent } from './integration-event';

interface OutboxRow {
  id: string;
  type: string;
  sequence: number | string;
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
 * Rows per claim. The outbox is written once per batch, so a bigger batch costs less per event (an import publishes
 * 10,000 at once); consumers must still get through a batch well within the claim.
 */
const DEFAULT_BATCH = 250;

interface Pass {
  aborted: boolean;
}

/**
 * Moves committed outbox rows to their consumers (EventSubscribers), at least once, in commit order.
 * Rows are claimed in a short transaction with SKIP LOCKED and a claim deadline (claimed_until), so two
 * relays never hold the same row at the same time and a relay that dies leaves its rows due again once the
 * claim expires. A row is marked published only after every consumer took it; consumers dedupe through
 * the inbox. A failed delivery is retried with exponential backoff. Consumers whose work is slow or leaves the
 * process (emails, webhooks) enqueue their own jobs, in queues that have a processor (ADR 4).
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger('outbox-relay');
  private readonly relayId = newId();
  private readonly passes = new Map<Pass, Promise<unknown>>();
  private readonly insidePass = new AsyncLocalStorage<Pass>();
  private timer?: NodeJS.Timeout;
  private polling = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly subscribers: EventSubscribers,
    private readonly metrics: Metrics,
  ) {}

  start(pollMs: number): void {
    if (this.polling) return;
    this.polling = true;
    const tick = async () => {
      if (!this.polling) return;
      await this.drain().catch((error) => this.logger.error({ err: error, relayId: this.relayId }, 'relay pass failed'));
      if (this.polling) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  /**
   * Stops polling and aborts passes in flight after the event in hand; the rows they claimed but did not
   * deliver are released at once (not left until the claim expires). Safe to call from inside a consumer.
   */
  async stop(): Promise<void> {
    this.polling = false;
    clearTimeout(this.timer);
    for (const pass of this.passes.keys()) pass.aborted = true;
    // A consumer of this relay calling stop() must not wait for the pass that is waiting for it.
    if (this.insidePass.getStore()) return;
    await Promise.allSettled([...this.passes.values()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Relays until nothing is due (or stop() is called); returns how many events were published. */
  drain(options: RelayOptions = {}): Promise<number> {
    return this.track(async (pass) => {
      let total = 0;
      while (!pass.aborted) {
        const { claimed, published } = await this.runBatch(options, pass);
        total += published;
        if (claimed === 0) break;
      }
      return total;
    });
  }

  /** Claims up to batchSize due rows, delivers them, marks the delivered ones published. */
  relayBatch(options: RelayOptions = {}, onDelivered?: (event: IntegrationEvent) => void): Promise<number> {
    return this.track(async (pass) => (await this.runBatch(options, pass, onDelivered)).published);
  }

  private track<T>(work: (pass: Pass) => Promise<T>): Promise<T> {
    const pass: Pass = { aborted: false };
    const promise = this.insidePass.run(pass, () => work(pass));
    this.passes.set(pass, promise);
    return promise.finally(() => this.passes.delete(pass));
  }

  /**
   * One transaction marks the batch's delivered rows published, not one per event (an import of 10,000 orders
   * publishes 10,000 events). Consumers take the events one by one in sequence order; a stop aborts after the
   * event in hand.
   */
  private async runBatch(options: RelayOptions, pass: Pass, onDelivered?: (event: IntegrationEvent) => void): Promise<{ claimed: number; published: number }> {
    if (pass.aborted) return { claimed: 0, published: 0 };
    const rows = await this.claim(options.batchSize ?? DEFAULT_BATCH, options.claimSeconds ?? 30);
    if (rows.length === 0) return { claimed: 0, published: 0 };
    const events = rows.map(toEvent);
    const delivered: IntegrationEvent[] = [];
    let handled = 0;
    try {
      for (; handled < events.length && !pass.aborted; handled++) {
        const event = events[handled];
        try {
          await this.subscribers.dispatch(event);
          delivered.push(event);
        } catch (error) {
          await this.markFailed(event.eventId, rows[handled].attempts + 1, error);
        }
      }
    } finally {
      await this.settle(
        delivered.map((e) => e.eventId),
        rows.slice(handled).map((r) => r.id),
      );
    }
    this.metrics.outboxRelayed.inc(delivered.length);
    if (onDelivered) delivered.forEach(onDelivered);
    return { claimed: rows.length, published: delivered.length };
  }

  private async claim(limit: number, claimSeconds: number): Promise<OutboxRow[]> {
    const rows = await this.uow.run({ system: true }, (tx) =>
      queryRows<OutboxRow>(
        tx,
        sql`update platform.outbox set claimed_until = now() + make_interval(secs => ${claimSeconds})
            where id in (
              select id from platform.outbox
              where published_at is null and (claimed_until is null or claimed_until < now())
              order by sequence limit ${limit}
              for update skip locked)
            returning id, sequence, type, aggregate_id, company_id, payload, occurred_at, attempts`,
      ),
    );
    // UPDATE … RETURNING has no order: deliver in commit (sequence) order, not by id.
    return rows.sort((a, b) => Number(a.sequence) - Number(b.sequence));
  }

  /**
   * Marks the delivered rows published and gives the ones not yet handled back (the pass was stopped), so any relay
   * may take them at once instead of after the claim expires.
   */
  private async settle(published: string[], undelivered: string[]): Promise<void> {
    if (!published.length && !undelivered.length) return;
    await this.uow.run({ system: true }, async (tx) => {
      if (published.length) await tx.execute(sql`update platform.outbox set published_at = now(), claimed_until = null where id = any(${uuidArray(published)})`);
      if (undelivered.length) await tx.execute(sql`update platform.outbox set claimed_until = null where published_at is null and id = any(${uuidArray(undelivered)})`);
    });
  }

  private markFailed(id: string, attempts: number, error: unknown): Promise<void> {
    const backoffSeconds = Math.min(2 ** attempts, 300);
    const message = describeError(error);
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

/** A uuid[] parameter: one bind value whatever the count. */
function uuidArray(ids: string[]) {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
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

/** The consumers' own messages, not just "1 consumer(s) failed", so last_error says what went wrong. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError) return [error.message, ...error.errors.map(describeError)].join('; ');
  return error instanceof Error ? error.message : String(error);
}
