import { Injectable } from '@nestjs/common';
import { CaptchaVerifier } from '../../second-factor';
import { IdentityErrors } from '../../domain';

/** Asks for a captcha only when a provider is configured (CAPTCHA_PROVIDER); otherwise lets everything through. */
@Injectable()
export class CaptchaGate {
  constructor(private readonly verifier: CaptchaVerifier) {}

  get enabled(): boolean {
    return this.verifier.isEnabled();
  }

  async check(token: string | undefined, ip: string | null): Promise<void> {
    if (!this.verifier.isEnabled()) return;
    if (!token) throw IdentityErrors.captchaRequired();
    if (!(await this.verifier.verify(token, ip ?? undefined))) throw IdentityErrors.captchaFailed();
  }
}
