import { setTimeout as sleep } from 'node:timers/promises';
import CircuitBreaker from 'opossum';
import type { CoverageRow } from '../../domain/coverage';
import { CourierApiError, CourierAuthError, PincodeListSource } from '../../application/ports/pincode-list-source.port';

export interface DelhiveryConnection {
  /** e.g. https://track.delhivery.com, or <simulator>/delhivery in sandbox mode. */
  baseUrl: string;
  token: string | undefined;
}

export interface RetryPolicy {
  timeoutMs: number;
  /** Retries after the first attempt (network errors, timeouts, 429 and 5xx only). */
  retries: number;
  /** First back-off; doubles each retry, plus up to 20% jitter. */
  backoffMs: number;
  /** Failed fetches (after their retries) in a row that open the circuit, and how long it then stays open. */
  breaker: { failures: number; openMs: number };
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { timeoutMs: 60_000, retries: 3, backoffMs: 500, breaker: { failures: 3, openMs: 10 * 60_000 } };

interface PostalCode {
  pin?: unknown;
  pre_paid?: unknown;
  cash?: unknown;
  cod?: unknown;
  pickup?: unknown;
  repl?: unknown;
  is_oda?: unknown;
  max_weight?: unknown;
  max_amount?: unknown;
}

const yes = (v: unknown) => typeof v === 'string' && v.trim().toUpperCase() === 'Y';
const limit = (v: unknown, factor: number) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n * factor) : null;
};

/**
 * Delhivery B2C pincode list: `GET /c/api/pin-codes/json/` with `Authorization: Token <token>`, answering
 * `delivery_codes[].postal_code` {pin, pre_paid, cash, cod, pickup, repl, is_oda, max_weight (kg), max_amount (₹), ...}
 * with Y/N flags; 0.0 limits mean none published. A pincode with none of pre_paid/cod/pickup/repl is not served.
 * The list is Delhivery's B2C network; it is applied to the Delhivery Surface service (Express lanes come by upload).
 * A safe GET: timeout per attempt, retries with exponential back-off on network errors, timeouts, 429 and 5xx;
 * 401/403 fail at once (CourierAuthError). A circuit breaker (opossum) around the whole exchange fails fast once
 * Delhivery kept failing, until it has had time to recover; refused tokens do not count against it.
 */
export class DelhiveryPincodeSource extends PincodeListSource {
  readonly courier = 'delhivery';
  readonly services = ['surface'] as const;

  private readonly breaker: CircuitBreaker<[string], unknown>;

  constructor(
    private readonly connection: () => DelhiveryConnection,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
    this.breaker = new CircuitBreaker((path: string) => this.getWithRetries(path), {
      name: 'delhivery-pincodes',
      timeout: false,
      // Opens when every fetch of the last `failures` or more (within `openMs`) failed.
      volumeThreshold: policy.breaker.failures,
      errorThresholdPercentage: 99,
      rollingCountTimeout: policy.breaker.openMs,
      resetTimeout: policy.breaker.openMs,
      errorFilter: (error: unknown) => error instanceof CourierAuthError,
    });
  }

  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  async fetchCoverage(): Promise<CoverageRow[]> {
    const body = (await this.get('/c/api/pin-codes/json/')) as { delivery_codes?: { postal_code?: PostalCode }[] };
    if (!body || !Array.isArray(body.delivery_codes)) throw new CourierApiError(this.courier, 'Delhivery answered without delivery_codes[]');
    const lanes: CoverageRow[] = [];
    for (const entry of body.delivery_codes) {
      const p = entry?.postal_code;
      const pincode = String(p?.pin ?? '').trim();
      if (!p || !/^[1-9]\d{5}$/.test(pincode)) continue;
      const flags = { prepaid: yes(p.pre_paid), cod: yes(p.cod), pickup: yes(p.pickup), reverse: yes(p.repl) };
      if (!flags.prepaid && !flags.cod && !flags.pickup && !flags.reverse) continue;
      for (const service of this.services) {
        lanes.push({ courier: this.courier, service, pincode, ...flags, oda: yes(p.is_oda), maxWeightGrams: limit(p.max_weight, 1000), maxCodPaise: limit(p.max_amount, 100) });
      }
    }
    return lanes;
  }

  private async get(path: string): Promise<unknown> {
    try {
      return await this.breaker.fire(path);
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') throw new CourierApiError(this.courier, 'Delhivery kept failing: circuit open, not calling it until it has had time to recover');
      throw error;
    }
  }

  private async getWithRetries(path: string): Promise<unknown> {
    const { baseUrl, token } = this.connection();
    if (!token) throw new CourierAuthError(this.courier, 401, 'no API token configured (DELHIVERY_API_TOKEN)');
    const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
    let lastError = 'no attempt made';
    for (let attempt = 0; attempt <= this.policy.retries; attempt++) {
      if (attempt > 0) await sleep(this.policy.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.2));
      let response: Response;
      try {
        response = await fetch(url, { headers: { authorization: `Token ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(this.policy.timeoutMs) });
      } catch (error) {
        lastError = (error as Error).name === 'TimeoutError' ? `timed out after ${this.policy.timeoutMs} ms` : `network error: ${(error as Error).message}`;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        const detail = await response.text().catch(() => '');
        throw new CourierAuthError(this.courier, response.status, detail.slice(0, 200));
      }
      if (response.status === 429 || response.status >= 500) {
        lastError = `HTTP ${response.status}`;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      if (!response.ok) throw new CourierApiError(this.courier, `Delhivery answered HTTP ${response.status}: ${(await response.text().catch(() => '')).slice(0, 200)}`);
      try {
        return await response.json();
      } catch {
        throw new CourierApiError(this.courier, 'Delhivery answered with a body that is not JSON');
      }
    }
    throw new CourierApiError(this.courier, `Delhivery pincode list unavailable after ${this.policy.retries + 1} attempts: ${lastError}`);
  }
}
