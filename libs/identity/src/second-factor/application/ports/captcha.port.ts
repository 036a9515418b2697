/** A CAPTCHA provider's siteverify answer, provider-neutral. */
export interface SiteverifyResult {
  success: boolean;
  errorCodes: string[];
  hostname?: string;
  challengeTs?: string;
}

export interface SiteverifyPort {
  verify(token: string, ip?: string): Promise<SiteverifyResult>;
}

export const SITEVERIFY = Symbol('Siteverify');
