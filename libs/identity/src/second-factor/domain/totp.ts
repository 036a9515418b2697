import { authenticator } from 'otplib';

export const TOTP_STEP_SECONDS = 30;
const ISSUER = 'Shipcrowd';

/** A new base32 secret (160 bits, as RFC 4226 recommends). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URI authenticator apps read from a QR code. */
export function totpUri(secret: string, accountName: string): string {
  return authenticator.keyuri(accountName, ISSUER, secret);
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The time step a 6-digit code belongs to if it is valid now or one step either side (clock drift),
 * else null. Callers remember the step so the same code is never accepted twice.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: now.getTime(), window: 1 }).checkDelta(code, secret);
  return delta === null ? null : totpStepAt(now) + delta;
}

/** The code an authenticator app would show at `at` (tests, and nothing else). */
export function totpCodeAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}
