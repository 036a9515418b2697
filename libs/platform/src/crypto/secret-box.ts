import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets at rest (TOTP seeds, courier credentials) with AES-256-GCM.
 *
 * Sealed format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id travels with the
 * data so keys can rotate: ENCRYPTION_KEY lists `keyId:key` pairs separated by commas, the FIRST one
 * encrypts, every one decrypts. Add a new key in front, re-encrypt at leisure, drop the old key last.
 * A key is 32 bytes given as base64 / base64url (44 or 43 chars) or hex (64 chars).
 *
 * Without ENCRYPTION_KEY (development and tests only; production refuses to start) a key with id
 * `dev` is derived from JWT_SECRET with HKDF. Data sealed that way becomes unreadable when JWT_SECRET
 * changes, which is acceptable for local data only.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: { id: string; key: Buffer }[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    this.keys = new Map();
    for (const { id, key } of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`SecretBox key id "${id}" must be 1-32 of [A-Za-z0-9_-]`);
      if (key.length !== 32) throw new Error(`SecretBox key "${id}" must be 32 bytes`);
      if (this.keys.has(id)) throw new Error(`SecretBox key id "${id}" is listed twice`);
      this.keys.set(id, key);
    }
    this.currentKeyId = keys[0].id;
  }

  /** Keys from ENCRYPTION_KEY, or (outside production) one derived from JWT_SECRET. */
  static fromConfig(config: { ENCRYPTION_KEY?: string; JWT_SECRET: string; NODE_ENV?: string }): SecretBox {
    if (config.ENCRYPTION_KEY) return new SecretBox(parseKeyList(config.ENCRYPTION_KEY));
    if (config.NODE_ENV === 'production') throw new Error('ENCRYPTION_KEY is required in production');
    const derived = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'shipcrowd', 'secret-box/dev', 32));
    return new SecretBox([{ id: 'dev', key: derived }]);
  }

  seal(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(aad(this.currentKeyId, associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.currentKeyId, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
  }

  /** Throws if the data was tampered with, sealed for other associated data, or under a key no longer listed. */
  open(sealed: string, associatedData = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new Error('SecretBox: not a sealed value');
    const [, keyId, iv, ciphertext, tag] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`SecretBox: key "${keyId}" is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(keyId, associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}

export const SECRET_BOX = Symbol('SecretBox');

/** `k2:base64key,k1:hexkey` → keys, first is current. */
export function parseKeyList(value: string): { id: string; key: Buffer }[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      if (separator <= 0) throw new Error('ENCRYPTION_KEY entries must look like <keyId>:<32-byte key as base64 or hex>');
      return { id: entry.slice(0, separator), key: decodeKey(entry.slice(separator + 1)) };
    });
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('ENCRYPTION_KEY keys must be 32 bytes (base64 or 64 hex characters)');
  return key;
}

function aad(keyId: string, associatedData: string): Buffer {
  return createHash('sha256').update(`${keyId}\0${associatedData}`).digest();
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}
