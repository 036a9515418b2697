import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { SITEVERIFY, SiteverifyPort } from './ports/captcha.port';

/** Human check on public forms (sign-up, sign-in, password reset) when CAPTCHA_PROVIDER is set. */
@Injectable()
export class CaptchaVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SITEVERIFY) private readonly siteverify: SiteverifyPort | null,
  ) {}

  isEnabled(): boolean {
    return this.config.CAPTCHA_PROVIDER !== 'off' && !!this.siteverify;
  }

  /**
   * True when CAPTCHA is off, or the provider accepts the token. An absent, blank or oversized token is
   * false without asking the provider. Provider outage or a rejected secret: DomainError captcha.unavailable (503).
   */
  async verify(token: string | undefined, ip?: string): Promise<boolean> {
    if (!this.isEnabled()) return true;
    if (!token || !token.trim() || token.length > 2048) return false;
    return (await this.siteverify!.verify(token, ip)).success;
  }
}
