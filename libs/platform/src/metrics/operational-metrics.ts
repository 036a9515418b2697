import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE, DatabaseHandle } from '../database/database.types';
import { queryRows } from '../database/rows';
import { UnitOfWork } from '../database/unit-of-work';
import { Metrics } from './metrics';
import { QueueDiscovery } from './queue-discovery';

const COLLECT_TIMEOUT_MS = 2_000;
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/**
 * Gauges computed at scrape time: Bull queue depths per state, and the outbox backlog (read from the
 * database, so the API process reports it too while the relay runs in the worker).
 */
@Injectable()
export class OperationalMetrics implements OnModuleInit {
  private readonly logger = new Logger('metrics');

  constructor(
    private readonly metrics: Metrics,
    private readonly queues: QueueDiscovery,
    private readonly uow: UnitOfWork,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('queue_jobs', 'Bull jobs per queue and state', ['queue', 'state'], async (gauge) => {
      gauge.reset();
      for (const queue of this.queues.queues()) {
        try {
          const counts = (await withTimeout(queue.getJobCounts(), COLLECT_TIMEOUT_MS)) as unknown as Record<string, number>;
          const paused = await withTimeout(queue.getPausedCount(), COLLECT_TIMEOUT_MS).catch(() => 0);
          for (const state of QUEUE_STATES) gauge.set({ queue: queue.name, state }, state === 'paused' ? paused : Number(counts[state] ?? 0));
        } catch (error) {
          this.logger.warn({ err: error, queue: queue.name }, 'queue depth unavailable');
        }
      }
    });
    let backlog: Promise<{ lag: number; unpublished: number }> | undefined;
    // Both outbox gauges come from one query per scrape.
    const readBacklog = () => (backlog ??= this.outboxBacklog().finally(() => setTimeout(() => (backlog = undefined), 0)));
    this.metrics.gauge('outbox_lag_seconds', 'Age of the oldest unpublished outbox event (0 when none)', [], async (gauge) => {
      const value = await readBacklog().catch(() => undefined);
      if (value) gauge.set(value.lag);
    });
    this.metrics.gauge('outbox_unpublished_events', 'Outbox events not yet published', [], async (gauge) => {
      const value = await readBacklog().catch(() => undefined);
      if (value) gauge.set(value.unpublished);
    });
  }

  private async outboxBacklog(): Promise<{ lag: number; unpublished: number }> {
    const [row] = await withTimeout(
      this.uow.run({ system: true }, (tx) =>
        queryRows<{ lag: number | string | null; unpublished: number | string }>(
          tx,
          sql`select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag, count(*)::int as unpublished from platform.outbox where published_at is null`,
        ),
      ),
      COLLECT_TIMEOUT_MS,
    );
    return { lag: Math.max(0, Number(row?.lag ?? 0)), unpublished: Number(row?.unpublished ?? 0) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}
