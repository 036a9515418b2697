/**
 * Claims of bearer tokens whose HS256 signature this process already verified. A client sends the same access
 * token on every request until it expires; verifying it again (base64, JSON, HMAC) gives the same answer, so
 * the guard looks it up here first. Only successful verifications are kept, keyed by the exact token string,
 * and an entry is used only while the token has not expired (the same `exp` rule as jsonwebtoken). Every other
 * check (token type, session revocation, permissions) still runs on every request.
 */
export class VerifiedTokenCache<T extends { exp?: number; nbf?: number }> {
  private readonly entries = new Map<string, Readonly<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  get(token: string, nowMs = Date.now()): Readonly<T> | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if (Math.floor(nowMs / 1000) >= claims.exp!) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: T): void {
    // Tokens without an expiry or with a not-before are left to the full verification every time.
    if (typeof claims.exp !== 'number' || claims.nbf !== undefined) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // Shared by the requests that send this token: frozen, so no request can change another's claims.
    for (const value of Object.values(claims)) if (Array.isArray(value)) Object.freeze(value);
    this.entries.set(token, Object.freeze(claims));
  }

  get size(): number {
    return this.entries.size;
  }
}
