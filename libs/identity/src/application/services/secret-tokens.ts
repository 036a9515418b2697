import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what we email or hand out as refresh tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 (hex) of a high-entropy random secret. Stored instead of the secret: a database leak reveals
 * nothing usable, and unlike passwords these secrets have 256 bits of entropy, so a fast unsalted hash
 * cannot be brute-forced and lets us look the row up by hash in one indexed read.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
