import { createHash } from 'node:crypto';
import type { CourierCall } from '../../../application/ports/courier-provider';
import { CourierAuthFailed } from '../../../application/ports/courier-provider';

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * For couriers that issue a bearer token from a login call (Shiprocket, NimbusPost, Xpressbees ...): one cached token
 * per base URL + credentials, refreshed a minute before it expires, and once more when the courier answers 401
 * (a token revoked early). Concurrent callers share one login.
 */
export class BearerSession {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly login: (call: CourierCall) => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  async token(call: CourierCall): Promise<string> {
    const key = this.keyOf(call);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - 60_000 > this.now()) return cached.token;
    let inFlight = this.pending.get(key);
    if (!inFlight) {
      inFlight = this.login(call)
        .then(({ token, expiresInSeconds }) => {
          const entry = { token, expiresAt: this.now() + expiresInSeconds * 1000 };
          this.tokens.set(key, entry);
          return entry;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, inFlight);
    }
    return (await inFlight).token;
  }

  /** Runs `send` with a token; on CourierAuthFailed drops the token and tries once more with a fresh login. */
  async withToken<T>(call: CourierCall, send: (token: string) => Promise<T>): Promise<T> {
    try {
      return await send(await this.token(call));
    } catch (error) {
      if (!(error instanceof CourierAuthFailed)) throw error;
      this.tokens.delete(this.keyOf(call));
      return send(await this.token(call));
    }
  }

  private keyOf(call: CourierCall): string {
    const fingerprint = createHash('sha256').update(JSON.stringify(Object.entries(call.credentials).sort())).digest('hex').slice(0, 16);
    return `${call.baseUrl}|${fingerprint}`;
  }
}
