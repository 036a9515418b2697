import { HttpSimulator, SimRequest, SimResponse } from './http-simulator';

export interface SiteverifySimulatorOptions {
  /** 'turnstile' (Cloudflare) or 'hcaptcha': they differ only in the code for a reused token. */
  flavour?: 'turnstile' | 'hcaptcha';
  /** When set, any other secret gets 'invalid-input-secret'. */
  secret?: string;
  hostname?: string;
}

/**
 * Cloudflare Turnstile / hCaptcha siteverify: POST (form or JSON) {secret, response, remoteip} →
 * 200 {success, 'error-codes', challenge_ts, hostname}. Tokens starting with 'pass' are valid once;
 * anything else is 'invalid-input-response'; a token seen before is 'timeout-or-duplicate'
 * (hCaptcha: 'already-seen-response').
 */
export class SiteverifySimulator extends HttpSimulator {
  private readonly seen = new Set<string>();

  constructor(private readonly options: SiteverifySimulatorOptions = {}) {
    super();
  }

  protected serverErrorBody(): unknown {
    return { success: false, 'error-codes': ['internal-error'] };
  }

  protected handle(request: SimRequest): SimResponse {
    if (request.method !== 'POST') return { status: 405, body: { success: false, 'error-codes': ['bad-request'] } };
    const { secret, response } = request.fields;
    if (!secret) return failure('missing-input-secret');
    if (this.options.secret && secret !== this.options.secret) return failure('invalid-input-secret');
    if (!response) return failure('missing-input-response');
    if (!response.startsWith('pass')) return failure('invalid-input-response');
    if (this.seen.has(response)) return failure(this.options.flavour === 'hcaptcha' ? 'already-seen-response' : 'timeout-or-duplicate');
    this.seen.add(response);
    return {
      status: 200,
      body: { success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: this.options.hostname ?? 'localhost', action: '', cdata: '' },
    };
  }
}

function failure(code: string): SimResponse {
  return { status: 200, body: { success: false, 'error-codes': [code] } };
}
