import { randomBytes } from 'node:crypto';

/** `sc_live_<12 hex prefix>_<43 base64url secret>`: the prefix finds the row, the secret proves possession. */
const FORMAT = /^sc_live_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { prefix: string; secret: string; key: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, key: `sc_live_${prefix}_${secret}` };
}

export function parseApiKey(raw: string): { prefix: string; secret: string } | null {
  const match = FORMAT.exec(raw.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}
