import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read off paper.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const RECOVERY_LENGTH = 10;

/** `xxxxx-xxxxx`, ~49 random bits each. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Lower-cases and drops spaces and dashes, so `ABCDE FGHJK` matches `abcde-fghjk`. */
export function normaliseRecoveryCode(input: string): string | null {
  const cleaned = input.toLowerCase().replace(/[\s-]/g, '');
  if (cleaned.length !== RECOVERY_LENGTH) return null;
  for (const c of cleaned) if (!RECOVERY_ALPHABET.includes(c)) return null;
  return cleaned;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(`recovery:${normalised}`).digest('hex');
}

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_MAX_ATTEMPTS = 5;

export function generateSmsCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Salted with the challenge id, so equal codes of different challenges hash differently. */
export function hashSmsCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`sms:${challengeId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
