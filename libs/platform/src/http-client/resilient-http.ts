import CircuitBreaker from 'opossum';

export interface ResilienceOptions {
  /** Names the breaker in logs and errors. */
  name: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts after the first, only for 5xx, `retryStatuses`, network errors and timeouts. */
  retries?: number;
  /** Other statuses that mean "try again later" for this provider (e.g. 429); default none. */
  retryStatuses?: readonly number[];
  baseDelayMs?: number;
  maxDelayMs?: number;
  breaker?: { errorThresholdPercentage?: number; volumeThreshold?: number; resetTimeoutMs?: number; rollingCountTimeoutMs?: number };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  /** The body as received (binary documents such as PDFs: `body` is its UTF-8 reading). */
  bytes: Buffer;
}

/** The upstream could not be reached or kept failing: 5xx/network/timeout after the retries, or the breaker is open. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly upstream: string,
    readonly reason: 'circuit_open' | 'server_error' | 'network' | 'timeout',
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${upstream} unavailable (${reason}${status ? ` ${status}` : ''})`, options);
    this.name = 'UpstreamUnavailableError';
  }
}

class TransientFailure extends Error {
  constructor(
    readonly reason: 'server_error' | 'network' | 'timeout',
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * Outbound HTTP for provider adapters: fetch (undici) with a per-attempt timeout, retries with exponential backoff
 * and jitter on 5xx / `retryStatuses` / network errors / timeouts only, and an opossum circuit breaker around the whole exchange. 4xx answers
 * are returned to the adapter (they are the provider saying no, not the provider being down) and do not
 * count against the breaker.
 */
export class ResilientHttp {
  private readonly breaker: CircuitBreaker<[string, RequestInit], HttpResult>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly options: ResilienceOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = options.retries ?? 2;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.breaker = new CircuitBreaker((url: string, init: RequestInit) => this.withRetries(url, init), {
      name: options.name,
      timeout: false,
      errorThresholdPercentage: options.breaker?.errorThresholdPercentage ?? 50,
      volumeThreshold: options.breaker?.volumeThreshold ?? 5,
      resetTimeout: options.breaker?.resetTimeoutMs ?? 30_000,
      rollingCountTimeout: options.breaker?.rollingCountTimeoutMs ?? 60_000,
    });
  }

  get circuitState(): 'open' | 'half_open' | 'closed' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half_open' : 'closed';
  }

  async request(url: string, init: RequestInit): Promise<HttpResult> {
    try {
      return await this.breaker.fire(url, init);
    } catch (error) {
      if (error instanceof TransientFailure) throw new UpstreamUnavailableError(this.options.name, error.reason, error.status, { cause: error.cause });
      if ((error as { code?: string }).code === 'EOPENBREAKER') throw new UpstreamUnavailableError(this.options.name, 'circuit_open');
      throw error;
    }
  }

  /** Stops the breaker's timers (call on shutdown). */
  shutdown(): void {
    this.breaker.shutdown();
  }

  private async withRetries(url: string, init: RequestInit): Promise<HttpResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, init);
      } catch (error) {
        if (!(error instanceof TransientFailure) || attempt >= this.retries) throw error;
        const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
        await this.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      }
    }
  }

  private async attempt(url: string, init: RequestInit): Promise<HttpResult> {
    let response: Response;
    let bytes: Buffer;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const name = (error as Error).name;
      throw new TransientFailure(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network', undefined, { cause: error });
    }
    if (response.status >= 500 || this.options.retryStatuses?.includes(response.status)) throw new TransientFailure('server_error', response.status);
    return { status: response.status, headers: response.headers, body: parseBody(bytes.toString('utf8')), bytes };
  }
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
