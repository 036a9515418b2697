import { ResilientHttp, UpstreamUnavailableError } from '@shipcrowd/platform';
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
  /** First back-off; doubles each retry (with jitter). */
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
 * A safe GET through the platform's ResilientHttp: timeout per attempt, retries with exponential back-off on network
 * errors, timeouts, 429 and 5xx; 401/403 fail at once (CourierAuthError). Its circuit breaker fails fast once
 * Delhivery kept failing, until it has had time to recover; refused tokens do not count against it.
 */
export class DelhiveryPincodeSource extends PincodeListSource {
  readonly courier = 'delhivery';
  readonly services = ['surface'] as const;

  private readonly http: ResilientHttp;

  constructor(
    private readonly connection: () => DelhiveryConnection,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
    this.http = new ResilientHttp({
      name: 'delhivery-pincodes',
      timeoutMs: policy.timeoutMs,
      retries: policy.retries,
      retryStatuses: [429],
      baseDelayMs: policy.backoffMs,
      maxDelayMs: policy.backoffMs * 2 ** policy.retries,
      // Opens when every fetch of the last `failures` or more (within `openMs`) failed.
      breaker: { volumeThreshold: policy.breaker.failures, errorThresholdPercentage: 99, rollingCountTimeoutMs: policy.breaker.openMs, resetTimeoutMs: policy.breaker.openMs },
    });
  }

  get circuitOpen(): boolean {
    return this.http.circuitState === 'open';
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
    const { baseUrl, token } = this.connection();
    if (!token) throw new CourierAuthError(this.courier, 401, 'no API token configured (DELHIVERY_API_TOKEN)');
    const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
    let result;
    try {
      result = await this.http.request(url, { headers: { authorization: `Token ${token}`, accept: 'application/json' } });
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError)) throw error;
      if (error.reason === 'circuit_open') throw new CourierApiError(this.courier, 'Delhivery kept failing: circuit open, not calling it until it has had time to recover');
      const why = error.reason === 'server_error' ? `HTTP ${error.status}` : error.reason === 'timeout' ? `timed out after ${this.policy.timeoutMs} ms` : 'network error';
      throw new CourierApiError(this.courier, `Delhivery pincode list unavailable after ${this.policy.retries + 1} attempts: ${why}`);
    }
    const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? '');
    if (result.status === 401 || result.status === 403) throw new CourierAuthError(this.courier, result.status, text.slice(0, 200));
    if (result.status < 200 || result.status >= 300) throw new CourierApiError(this.courier, `Delhivery answered HTTP ${result.status}: ${text.slice(0, 200)}`);
    if (typeof result.body !== 'object' || result.body === null) throw new CourierApiError(this.courier, 'Delhivery answered with a body that is not JSON');
    return result.body;
  }
}
