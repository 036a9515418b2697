import { Injectable, Logger } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '@shipcrowd/platform';
import type { TrackingEvent } from '../../../contracts';

export type CallOutcome = 'ok' | 'rejected' | 'auth_failed' | 'unavailable' | 'error';

/** Latencies kept per courier for the health percentiles. */
const LATENCY_WINDOW = 500;
/** Raw codes are the courier's words: cut so one odd answer cannot blow up the label set. */
const MAX_CODE_LABEL = 40;

interface CourierStats {
  calls: number;
  failures: number;
  latenciesMs: number[];
  next: number;
  lastFailureAt: Date | null;
  lastFailure: string | null;
}

export interface CourierCallStats {
  calls: number;
  failures: number;
  latencyMs: { p50: number | null; p95: number | null };
  lastFailureAt: string | null;
  lastFailure: string | null;
}

/**
 * What this process saw of each courier: Prometheus series (call latency by operation and outcome, unknown raw status
 * codes) and in-memory counters with a window of recent latencies for GET /v1/admin/couriers/health.
 */
@Injectable()
export class CourierTelemetry {
  private readonly logger = new Logger('couriers');
  private readonly stats = new Map<string, CourierStats>();
  private readonly durations: Histogram<'courier' | 'operation' | 'outcome'>;
  private readonly unknownStatuses: Counter<'courier' | 'code'>;

  constructor(metrics: Metrics) {
    const registry = metrics.registry;
    this.durations =
      (registry.getSingleMetric('shipcrowd_courier_call_duration_seconds') as Histogram<'courier' | 'operation' | 'outcome'> | undefined) ??
      new Histogram({
        name: 'shipcrowd_courier_call_duration_seconds',
        help: 'Courier API calls by courier, operation and outcome (ok, rejected, auth_failed, unavailable, error), retries included',
        labelNames: ['courier', 'operation', 'outcome'] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
        registers: [registry],
      });
    this.unknownStatuses =
      (registry.getSingleMetric('shipcrowd_courier_unknown_status_total') as Counter<'courier' | 'code'> | undefined) ??
      new Counter({
        name: 'shipcrowd_courier_unknown_status_total',
        help: 'Scans whose raw status code no mapping table knows (stored as exception): add the code to the courier status map',
        labelNames: ['courier', 'code'] as const,
        registers: [registry],
      });
  }

  record(courier: string, operation: string, outcome: CallOutcome, seconds: number, error?: unknown): void {
    this.durations.observe({ courier, operation, outcome }, seconds);
    const stats = this.statsOf(courier);
    stats.calls += 1;
    if (stats.latenciesMs.length < LATENCY_WINDOW) stats.latenciesMs.push(seconds * 1000);
    else stats.latenciesMs[stats.next] = seconds * 1000;
    stats.next = (stats.next + 1) % LATENCY_WINDOW;
    if (outcome === 'ok' || outcome === 'rejected') return;
    stats.failures += 1;
    stats.lastFailureAt = new Date();
    stats.lastFailure = `${operation}: ${error instanceof Error ? error.message : outcome}`.slice(0, 300);
  }

  /** Counts and logs scans that came back as `exception` (a raw code the courier's table does not know). */
  noteUnknownStatuses(courier: string, events: Iterable<TrackingEvent>): void {
    for (const event of events) {
      if (event.status !== 'exception') continue;
      const code = event.rawCode.slice(0, MAX_CODE_LABEL);
      this.unknownStatuses.inc({ courier, code });
      this.logger.warn({ msg: 'unknown courier status code', courier, rawCode: event.rawCode, rawStatus: event.rawStatus, awb: event.awb });
    }
  }

  snapshot(courier: string): CourierCallStats {
    const stats = this.stats.get(courier);
    if (!stats) return { calls: 0, failures: 0, latencyMs: { p50: null, p95: null }, lastFailureAt: null, lastFailure: null };
    const sorted = [...stats.latenciesMs].sort((a, b) => a - b);
    return {
      calls: stats.calls,
      failures: stats.failures,
      latencyMs: { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) },
      lastFailureAt: stats.lastFailureAt?.toISOString() ?? null,
      lastFailure: stats.lastFailure,
    };
  }

  private statsOf(courier: string): CourierStats {
    let stats = this.stats.get(courier);
    if (!stats) {
      stats = { calls: 0, failures: 0, latenciesMs: [], next: 0, lastFailureAt: null, lastFailure: null };
      this.stats.set(courier, stats);
    }
    return stats;
  }
}

/** Nearest-rank percentile of ascending values, rounded to 0.1 ms. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return Math.round(value * 10) / 10;
}
