import { createHmac, timingSafeEqual } from 'node:crypto';
import { encodeKeyPath } from './storage-keys';

/**
 * HMAC-SHA256 links for files the API serves itself (local storage): `/v1/files/<key>?expires=<unix s>&sig=<hex>`.
 * The signature covers the key and the expiry, so neither can be changed; the secret is derived from JWT_SECRET.
 */
export class FileUrlSigner {
  private readonly key: Buffer;

  constructor(secret: string, private readonly baseUrl: string) {
    this.key = createHmac('sha256', secret).update('shipcrowd:file-urls:v1').digest();
  }

  url(objectKey: string, expiresAtSeconds: number): string {
    const base = this.baseUrl.replace(/\/+$/, '');
    return `${base}/v1/files/${encodeKeyPath(objectKey)}?expires=${expiresAtSeconds}&sig=${this.signature(objectKey, expiresAtSeconds)}`;
  }

  /** 'ok', 'expired' or 'forged' (bad or missing signature). */
  check(objectKey: string, expires: string | undefined, sig: string | undefined, nowSeconds: number): 'ok' | 'expired' | 'forged' {
    if (!expires || !/^\d{1,12}$/.test(expires) || !sig || !/^[0-9a-f]{64}$/.test(sig)) return 'forged';
    const expected = Buffer.from(this.signature(objectKey, Number(expires)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'forged';
    return Number(expires) <= nowSeconds ? 'expired' : 'ok';
  }

  private signature(objectKey: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${objectKey}\n${expires}`).digest('hex');
  }
}
