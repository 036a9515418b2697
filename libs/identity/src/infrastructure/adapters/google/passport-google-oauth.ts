import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DomainError } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { GoogleOAuth, GoogleProfile } from '../../../application/ports';
import { IdentityErrors } from '../../../domain';
import { GoogleStrategy } from './google.strategy';
import { RedisOAuthStateStore } from './redis-oauth-state-store';

/** Token exchange + userinfo must finish within this; Google codes are single use, so nothing is retried. */
const GOOGLE_TIMEOUT_MS = 15_000;

type Outcome = { kind: 'redirect'; url: string } | { kind: 'user'; user: GoogleProfile } | { kind: 'fail'; info: { message?: string; reason?: string } | undefined };

interface PassportError extends Error {
  code?: string;
}

/**
 * GoogleOAuth on passport-google-oauth20, run through passport's own authenticate() with a minimal request
 * (the callback's query) and a response that only records the redirect: the API answers JSON itself rather than
 * handing Fastify's reply to Express-style middleware. The URLs come from GOOGLE_AUTHORIZATION_URL /
 * GOOGLE_TOKEN_URL / GOOGLE_USERINFO_URL, so tests and sandboxes point it at the Google simulator.
 */
@Injectable()
export class PassportGoogleOAuth extends GoogleOAuth {
  private readonly logger = new Logger('identity.google');
  private readonly strategy: GoogleStrategy | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    super();
    const { GOOGLE_CLIENT_ID: clientID, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_CALLBACK_URL: callbackURL } = config;
    this.strategy =
      clientID && clientSecret && callbackURL
        ? new GoogleStrategy({
            clientID,
            clientSecret,
            callbackURL,
            authorizationURL: config.GOOGLE_AUTHORIZATION_URL,
            tokenURL: config.GOOGLE_TOKEN_URL,
            userProfileURL: config.GOOGLE_USERINFO_URL,
            store: new RedisOAuthStateStore(redis, config.QUEUE_PREFIX),
          })
        : null;
  }

  get enabled(): boolean {
    return this.strategy !== null;
  }

  async start(): Promise<{ authorizationUrl: string; state: string }> {
    const outcome = await this.run({}, { prompt: 'select_account' });
    if (outcome.kind !== 'redirect') throw new Error('Google sign-in did not produce an authorization URL');
    const state = new URL(outcome.url).searchParams.get('state');
    if (!state) throw new Error('Google authorization URL without state');
    return { authorizationUrl: outcome.url, state };
  }

  async complete(callback: { code?: string; state?: string; error?: string; errorDescription?: string }): Promise<GoogleProfile> {
    const query: Record<string, string> = {};
    if (callback.error) {
      query.error = callback.error;
      if (callback.errorDescription) query.error_description = callback.errorDescription;
    } else if (!callback.code) {
      // Without a code passport would start a new attempt (redirect); a callback without one is just invalid.
      throw IdentityErrors.googleCodeInvalid();
    } else {
      query.code = callback.code;
    }
    if (callback.state) query.state = callback.state;

    let outcome: Outcome;
    try {
      outcome = await this.run(query, {});
    } catch (error) {
      throw this.translate(error as PassportError);
    }
    if (outcome.kind === 'user') return outcome.user;
    if (outcome.kind === 'fail' && outcome.info?.reason === 'state') throw IdentityErrors.googleStateInvalid();
    if (outcome.kind === 'fail') throw IdentityErrors.googleDenied();
    throw IdentityErrors.googleCodeInvalid();
  }

  private translate(error: PassportError): DomainError {
    if (error instanceof DomainError) return error;
    if (error.name === 'AuthorizationError') return IdentityErrors.googleDenied();
    // invalid_grant: the code is expired, used or not ours. Any other token error (invalid_client, redirect_uri_mismatch,
    // a 5xx body) is our configuration or Google's outage: logged and answered as unavailable.
    if (error.name === 'TokenError' && error.code === 'invalid_grant') return IdentityErrors.googleCodeInvalid();
    this.logger.error({ err: { name: error.name, message: error.message, code: error.code } }, 'Google sign-in failed');
    return IdentityErrors.googleUnavailable();
  }

  private run(query: Record<string, string>, options: Record<string, unknown>): Promise<Outcome> {
    const strategy = this.strategy;
    if (!strategy) throw IdentityErrors.googleDisabled();
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(IdentityErrors.googleUnavailable()), GOOGLE_TIMEOUT_MS);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      const headers: Record<string, string> = {};
      const response = {
        statusCode: 200,
        setHeader: (name: string, value: string) => {
          headers[name.toLowerCase()] = value;
        },
        end: () => settle(() => resolve({ kind: 'redirect', url: headers.location })),
      };
      const request = { query, body: {}, headers: {}, url: '/v1/auth/google/callback' };
      const authenticate = strategy.getPassportInstance().authenticate('google', { session: false, ...options }, (error: Error | null, user: GoogleProfile | false, info: { message?: string; reason?: string } | undefined) =>
        settle(() => (error ? reject(error) : user ? resolve({ kind: 'user', user }) : resolve({ kind: 'fail', info }))),
      );
      authenticate(request, response, (error?: unknown) => settle(() => reject(error ?? new Error('Google strategy passed the request on'))));
    });
  }
}
