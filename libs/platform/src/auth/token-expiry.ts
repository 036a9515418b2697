/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The last Server-Sent Event of a stream whose access token expired; the stream then closes. */
export const AUTH_EXPIRED_EVENT = 'auth_expired';

/** What a long-lived connection (socket, event stream) is told just before it is closed for an expired access token. */
export const TOKEN_EXPIRED_NOTICE = { code: 'auth.token_expired', message: 'The access token has expired; reconnect with a fresh one.' } as const;

/** Runs `expired` when the access token's expiry passes (never for a token without one); returns the cancel. */
export function onTokenExpiry(expiresAt: Date | null, expired: () => void): () => void {
  if (!expiresAt) return () => undefined;
  const timer = setTimeout(expired, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - Date.now())));
  return () => clearTimeout(timer);
}
