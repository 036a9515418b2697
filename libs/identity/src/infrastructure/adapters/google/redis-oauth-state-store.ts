import type Redis from 'ioredis';
import { hashToken, randomToken } from '../../../application/services/secret-tokens';

/** How long a started Google sign-in may take before its state expires. */
export const OAUTH_STATE_TTL_SECONDS = 600;

type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, ok?: string | false, info?: { message: string; reason: 'state' }) => void;

/**
 * passport-oauth2 state store (the `store` option) backed by Redis: each attempt gets a random, single-use state
 * that expires after OAUTH_STATE_TTL_SECONDS and carries the PKCE code verifier. Only the state's hash is a key.
 * The arities matter: passport-oauth2 picks the (req, verifier, state, meta, cb) / (req, state, meta, cb) forms by
 * `Function.length`.
 */
export class RedisOAuthStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(state: string): string {
    return `${this.prefix}:identity:google-state:${hashToken(state)}`;
  }

  store(_req: unknown, verifier: string, _state: unknown, _meta: unknown, callback: StoreCallback): void {
    const state = randomToken();
    this.redis.set(this.key(state), verifier ?? '', 'EX', OAUTH_STATE_TTL_SECONDS).then(
      () => callback(null, state),
      (error: Error) => callback(error),
    );
  }

  verify(_req: unknown, providedState: string | undefined, _meta: unknown, callback: VerifyCallback): void {
    if (!providedState || providedState.length > 128) return callback(null, false, { message: 'missing state', reason: 'state' });
    this.redis.getdel(this.key(providedState)).then(
      (verifier) => (verifier === null ? callback(null, false, { message: 'unknown, used or expired state', reason: 'state' }) : callback(null, verifier)),
      (error: Error) => callback(error),
    );
  }
}
