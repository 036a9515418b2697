import { Injectable } from '@nestjs/common';
import type { ApiKeyVerifier, SessionRevocationCheck } from './principal';

/**
 * Where the identity context plugs its API-key verifier and session-revocation check into the
 * platform's global guard at start-up, so the platform never imports identity.
 */
@Injectable()
export class AuthExtensions {
  apiKeys?: ApiKeyVerifier;
  sessions?: SessionRevocationCheck;

  useApiKeyVerifier(verifier: ApiKeyVerifier): void {
    this.apiKeys = verifier;
  }

  useSessionRevocationCheck(check: SessionRevocationCheck): void {
    this.sessions = check;
  }
}
