import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isClusteredApiProcess } from '../cluster/api-cluster';
import { shareRegistryWithCluster } from './cluster-metrics';

const MAX_CACHED_HTTP_SERIES = 2_000;

/** The process's Prometheus registry and the metrics the platform itself records. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly outboxRelayed = new Counter({
    name: 'outbox_events_relayed_total',
    help: 'Outbox events handed to queues and in-process consumers',
    registers: [this.registry],
  });

  /** Label-bound children of httpDuration, so a request does not build and check a label object again. */
  private readonly httpChildren = new Map<string, { observe(value: number): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    if (isClusteredApiProcess()) shareRegistryWithCluster(this.registry);
  }

  /** Records one HTTP request; `route` is the route pattern (a fixed set) or one shared value for unmatched URLs. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.httpDuration.labels(method, route, String(status));
      // Routes, methods and statuses are bounded; the cap only guards against a surprise.
      if (this.httpChildren.size < MAX_CACHED_HTTP_SERIES) this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  /** Registers a gauge whose value is computed at scrape time (queue depth, outbox lag). */
  gauge(name: string, help: string, labelNames: string[], collect: (gauge: Gauge<string>) => Promise<void>): Gauge<string> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) this.registry.removeSingleMetric(name);
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
