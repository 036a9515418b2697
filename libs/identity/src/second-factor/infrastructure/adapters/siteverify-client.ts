import { Logger } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import { SiteverifyPort, SiteverifyResult } from '../../application/ports/captcha.port';
import { ResilientHttp, UpstreamUnavailableError } from '@shipcrowd/platform';

export const SITEVERIFY_URLS = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
} as const;

interface SiteverifyResponse {
  success: boolean;
  'error-codes'?: string[];
  challenge_ts?: string;
  hostname?: string;
}

/** Cloudflare Turnstile and hCaptcha share the siteverify protocol: form {secret, response, remoteip} → JSON. */
export class SiteverifyClient implements SiteverifyPort {
  private readonly logger = new Logger('SiteverifyClient');

  constructor(
    private readonly options: { url: string; secret: string },
    readonly http: ResilientHttp,
  ) {}

  async verify(token: string, ip?: string): Promise<SiteverifyResult> {
    const form = new URLSearchParams({ secret: this.options.secret, response: token });
    if (ip) form.set('remoteip', ip);
    let result;
    try {
      result = await this.http.request(this.options.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) throw unavailable();
      throw error;
    }
    const body = result.body as Partial<SiteverifyResponse> | null;
    if (!body || typeof body.success !== 'boolean') {
      this.logger.error({ msg: 'unexpected siteverify answer', status: result.status });
      throw unavailable();
    }
    const errorCodes = Array.isArray(body['error-codes']) ? body['error-codes'].map(String) : [];
    if (errorCodes.some((c) => c === 'missing-input-secret' || c === 'invalid-input-secret' || c === 'sitekey-secret-mismatch')) {
      // Our configuration is wrong: say so loudly rather than blaming every user's token.
      this.logger.error({ msg: 'CAPTCHA secret rejected by the provider', errorCodes });
      throw unavailable();
    }
    return { success: body.success, errorCodes, hostname: body.hostname, challengeTs: body.challenge_ts };
  }
}

function unavailable(): DomainError {
  return new DomainError('captcha.unavailable', 'CAPTCHA verification is unavailable right now; try again shortly.', 'unavailable');
}
