import type { SimRequest } from '../http-simulator';
import { bearerTokenOf, SimTokenIssuer } from './sim-auth-helpers';

/**
 * A courier account that trades its user and password for tokens (Xpressbees and NimbusPost `users/login`, DTDC's
 * tracking `authenticate`): any number live at once, each good until it expires or the courier revokes it.
 * Simulators check the header their courier uses.
 */
export class SimBearerAuth {
  private readonly tokens: SimTokenIssuer;
  /** Successful logins so far (tests assert that adapters reuse tokens and log in again after a revocation). */
  logins = 0;

  constructor(
    private readonly account: { user: string; password: string },
    ttlSeconds = 24 * 3600,
  ) {
    this.tokens = new SimTokenIssuer(ttlSeconds);
  }

  /** A fresh token for the account's user and password, else null. */
  login(user: string | undefined, password: string | undefined): string | null {
    if (user !== this.account.user || password !== this.account.password) return null;
    this.logins++;
    return this.tokens.issue();
  }

  /** `Authorization: Bearer <token>` carries a live token. */
  bearerValid(request: SimRequest): boolean {
    return this.tokens.accepts(bearerTokenOf(request));
  }

  valid(token: string | string[] | undefined): boolean {
    return typeof token === 'string' && this.tokens.accepts(token);
  }

  /** The courier dropped every token (password change, key rotation): the next call gets its 401. */
  revokeAll(): void {
    this.tokens.revokeAll();
  }
}
