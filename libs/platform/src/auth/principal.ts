/** The authenticated caller, as the guard resolved it from a bearer JWT or an API key. */
export interface Principal {
  userId: string;
  companyId: string | null;
  role: string | null;
  permissions: string[];
  platformAdmin: boolean;
  via: 'jwt' | 'api_key';
  sessionId?: string;
  apiKeyId?: string;
  /** When the access token behind this request expires (long-lived streams end then); absent for API keys. */
  expiresAt?: Date | null;
}

/** Claims of an access token (15 minutes by default). */
export interface AccessTokenClaims {
  sub: string;
  cid: string | null;
  sid: string;
  role: string | null;
  perms: string[];
  pa: boolean;
  typ: 'access';
}

/** Identity implements this so the platform guard can accept API keys without knowing how they are stored. */
export interface ApiKeyVerifier {
  verify(rawKey: string, ip: string | undefined): Promise<Principal | null>;
}

/** Identity implements this so a revoked session's access token stops working at once. */
export interface SessionRevocationCheck {
  isRevoked(sessionId: string): Promise<boolean>;
}
