import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { assertStorageKey } from './storage-keys';
import type { FileStorage, StoredObject } from './storage.port';

export interface S3StorageOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Per-request timeout in ms (default 10 s); the SDK retries with backoff up to 3 attempts. */
  requestTimeoutMs?: number;
}

/**
 * Any S3-compatible store (AWS S3, MinIO, R2). Signed links are S3 presigned GET URLs (SigV4, query auth),
 * so the object store serves the bytes, not the API. Checksums are only sent when the operation requires
 * them, because several S3-compatible servers reject the newer default CRC headers.
 */
export class S3FileStorage implements FileStorage {
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      maxAttempts: 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 3_000, requestTimeout: options.requestTimeoutMs ?? 10_000 },
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredObject> {
    await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: assertStorageKey(key), Body: body, ContentType: contentType, ContentLength: body.length }));
    return { key, size: body.length, contentType };
  }

  async get(key: string): Promise<{ body: Readable; contentType: string; size: number } | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: assertStorageKey(key) }));
      return { body: out.Body as Readable, contentType: out.ContentType ?? 'application/octet-stream', size: Number(out.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: assertStorageKey(key) }));
  }

  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    // SigV4 presigned URLs live at most 7 days.
    const expiresIn = Math.min(Math.max(1, Math.floor(expiresInSeconds)), 7 * 24 * 3600);
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.options.bucket, Key: assertStorageKey(key) }), { expiresIn });
  }

  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as S3ServiceException;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
