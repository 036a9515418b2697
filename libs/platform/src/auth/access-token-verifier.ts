import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ProblemException } from '../http/problem';
import { AuthExtensions } from './auth-extensions';
import { AccessTokenClaims, Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

export interface VerifiedAccessToken {
  principal: Principal;
  /** When the token stops being valid (its `exp`); null for a token without one. */
  expiresAt: Date | null;
}

const INVALID_TOKEN_HEADERS = { headers: { 'WWW-Authenticate': `Bearer error="invalid_token"` } };

/**
 * Checks a Shipcrowd access JWT: HS256 signature and expiry, token type, and that its session was not signed out.
 * Shared by the HTTP guard and long-lived connections (Socket.IO handshakes) so both accept exactly the same tokens.
 * Failures are 401 ProblemExceptions with a stable code (auth.token_expired, auth.invalid_token, auth.session_revoked).
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new VerifiedTokenCache<AccessTokenClaims & { exp?: number; nbf?: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly extensions: AuthExtensions,
  ) {}

  async verify(token: string): Promise<VerifiedAccessToken> {
    let claims: AccessTokenClaims & { exp?: number };
    try {
      const known = this.verified.get(token);
      claims = known ?? (await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, { algorithms: ['HS256'] }));
      if (!known) this.verified.set(token, claims);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new ProblemException(401, expired ? 'auth.token_expired' : 'auth.invalid_token', expired ? 'The access token has expired; refresh it.' : 'The access token is not valid.', INVALID_TOKEN_HEADERS);
    }
    if (claims.typ !== 'access') throw new ProblemException(401, 'auth.invalid_token', 'The access token is not valid.');
    if (this.extensions.sessions && (await this.extensions.sessions.isRevoked(claims.sid))) throw new ProblemException(401, 'auth.session_revoked', 'This session was signed out.');
    const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
    return {
      principal: {
        userId: claims.sub,
        companyId: claims.cid,
        role: claims.role,
        permissions: claims.perms ?? [],
        platformAdmin: !!claims.pa,
        via: 'jwt',
        sessionId: claims.sid,
        expiresAt,
      },
      expiresAt,
    };
  }
}

/** The guard's authorization rule, for connections outside HTTP routes: a company (unless allowed without) and every permission. */
export function assertPermitted(principal: Principal, required: readonly string[], options: { allowNoCompany?: boolean } = {}): void {
  if (!options.allowNoCompany && !principal.companyId) throw new ProblemException(403, 'auth.no_company', 'This action needs a company; accept an invitation or create one first.');
  const missing = required.filter((p) => !principal.permissions.includes(p));
  if (missing.length) throw new ProblemException(403, 'auth.permission_denied', `Your role lacks the permission: ${missing.join(', ')}.`, { missingPermissions: missing });
}
