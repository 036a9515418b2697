/** Outbound ports of the identity application layer (adapters live in infrastructure/adapters). */

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so unknown emails answer as slowly as wrong passwords. */
  abstract verifyDummy(password: string): Promise<void>;
}

/** Session ids whose access tokens must stop working before they expire. */
export abstract class SessionRevocationList {
  abstract markRevoked(sessionIds: string[]): Promise<void>;
  abstract isRevoked(sessionId: string): Promise<boolean>;
}

/** Failed sign-in counting per email (known or not, so the answers never reveal which emails exist). */
export abstract class LoginThrottle {
  abstract failures(email: string): Promise<number>;
  /** Counts one failure; returns the new count. */
  abstract recordFailure(email: string): Promise<number>;
  abstract lockedUntil(email: string): Promise<Date | null>;
  abstract lock(email: string, until: Date): Promise<void>;
  abstract reset(email: string): Promise<void>;
}

/** What identity needs from Google's userinfo (OpenID Connect claims). */
export interface GoogleProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
}

/**
 * Google OAuth 2.0 (authorization-code flow with PKCE). The adapter keeps the per-attempt state (single use,
 * short-lived) and its PKCE verifier. Errors are DomainErrors: auth.google_state_invalid, auth.google_denied,
 * auth.google_code_invalid, auth.google_unavailable.
 */
export abstract class GoogleOAuth {
  /** True when GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and GOOGLE_CALLBACK_URL are set. */
  abstract get enabled(): boolean;
  /** Google's consent URL for a new attempt, and the attempt's state value. */
  abstract start(): Promise<{ authorizationUrl: string; state: string }>;
  /** Consumes the state, exchanges the code and reads the profile. */
  abstract complete(callback: { code?: string; state?: string; error?: string; errorDescription?: string }): Promise<GoogleProfile>;
}

/**
 * Short-lived memo of "is this API key's creator still an active member of the key's company (and an active
 * account)?" so the guard does not ask the companies context on every request. Entries live at most
 * API_KEY_CREATOR_CACHE_SECONDS; losing access evicts them at once (see IdentityFacade.revokeAllSessions).
 */
export abstract class ApiKeyCreatorCache {
  abstract get(userId: string, companyId: string): Promise<boolean | null>;
  abstract set(userId: string, companyId: string, active: boolean): Promise<void>;
  abstract evict(userId: string): Promise<void>;
}
