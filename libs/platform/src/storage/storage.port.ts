import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
}

/**
 * Files (logos, avatars, later labels and invoices). Local filesystem by default, S3-compatible when configured.
 * Keys are paths like `companies/<companyId>/logo/<id>.png`; links to them are signed and expire.
 */
export interface FileStorage {
  put(key: string, body: Buffer, contentType: string): Promise<StoredObject>;
  get(key: string): Promise<{ body: Readable; contentType: string; size: number } | null>;
  delete(key: string): Promise<void>;
  /** A URL that serves the object until `expiresInSeconds` from now. */
  signedUrl(key: string, expiresInSeconds: number): Promise<string>;
}

export const FILE_STORAGE = Symbol('FileStorage');
