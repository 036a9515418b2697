import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Metrics, ResilientHttp } from '@shipcrowd/platform';
import { COURIERS } from '../../../contracts';

export type CircuitState = 'closed' | 'half_open' | 'open';

export interface CourierHttpClients {
  /** Retries 5xx / 429 / network errors / timeouts: tracking, labels, cancel. */
  http: ResilientHttp;
  /** No retries: bookings, pickups, NDR actions (not safe to repeat). */
  httpNoRetry: ResilientHttp;
}

const SEVERITY: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * One pair of resilient HTTP clients per courier, made on first use with the COURIER_HTTP_* settings. The two clients
 * of a pair keep separate breakers (ResilientHttp owns its breaker): the courier's circuit is reported as the worse of
 * the two, on health and as the gauge shipcrowd_courier_circuit_state (0 closed, 1 half open, 2 open).
 */
@Injectable()
export class CourierClients implements OnModuleInit, OnApplicationShutdown {
  private readonly clients = new Map<string, CourierHttpClients>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('shipcrowd_courier_circuit_state', 'Circuit breaker of each courier API: 0 closed, 1 half open, 2 open', ['courier'], async (gauge) => {
      for (const { code } of COURIERS) gauge.set({ courier: code }, SEVERITY[this.circuitOf(code)]);
    });
  }

  of(courier: string): CourierHttpClients {
    let pair = this.clients.get(courier);
    if (!pair) {
      const options = {
        name: `courier:${courier}`,
        timeoutMs: this.config.COURIER_HTTP_TIMEOUT_MS,
        retries: this.config.COURIER_HTTP_RETRIES,
        retryStatuses: [429],
        breaker: { resetTimeoutMs: this.config.COURIER_BREAKER_RESET_MS },
      };
      pair = { http: new ResilientHttp(options), httpNoRetry: new ResilientHttp({ ...options, name: `courier:${courier}:once`, retries: 0 }) };
      this.clients.set(courier, pair);
    }
    return pair;
  }

  circuitOf(courier: string): CircuitState {
    const pair = this.clients.get(courier);
    if (!pair) return 'closed';
    const states = [pair.http.circuitState, pair.httpNoRetry.circuitState];
    return states.reduce((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst), 'closed' as CircuitState);
  }

  onApplicationShutdown(): void {
    for (const pair of this.clients.values()) {
      pair.http.shutdown();
      pair.httpNoRetry.shutdown();
    }
  }
}
