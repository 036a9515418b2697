import { PassportStrategy } from '@nestjs/passport';
import { Passport } from 'passport';
import { Profile, Strategy, StrategyOptions } from 'passport-google-oauth20';
import type { GoogleProfile } from '../../../application/ports';
import type { RedisOAuthStateStore } from './redis-oauth-state-store';

export interface GoogleStrategyOptions {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  authorizationURL: string;
  tokenURL: string;
  userProfileURL: string;
  store: RedisOAuthStateStore;
}

// Each strategy gets its own Passport instance instead of the process-wide registry, so two apps in one
// process (tests) never overwrite each other's 'google' strategy.
const instances = new WeakMap<object, InstanceType<typeof Passport>>();

/** passport-google-oauth20 with PKCE (S256) and the Redis state store; validate() turns the profile into a GoogleProfile. */
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor(options: GoogleStrategyOptions) {
    // The store's 5-argument form (PKCE verifier) is not in the typings, hence the cast.
    super({ ...options, scope: ['openid', 'email', 'profile'], pkce: true, state: true } as unknown as StrategyOptions);
    // node-oauth would otherwise put the access token in the userinfo URL's query string; Google wants the header.
    (this as unknown as { _oauth2: { useAuthorizationHeaderforGET(use: boolean): void } })._oauth2.useAuthorizationHeaderforGET(true);
  }

  getPassportInstance(): InstanceType<typeof Passport> {
    let instance = instances.get(this);
    if (!instance) {
      instance = new Passport();
      instances.set(this, instance);
    }
    return instance;
  }

  validate(_accessToken: string, _refreshToken: string | undefined, profile: Profile): GoogleProfile {
    const email = profile.emails?.[0];
    return {
      subject: profile.id,
      email: email?.value ?? null,
      // Google's userinfo answers a boolean; some older endpoints answered the string "true".
      emailVerified: (email?.verified as unknown) === true || (email?.verified as unknown) === 'true',
      name: profile.displayName || null,
      picture: profile.photos?.[0]?.value ?? null,
    };
  }
}
