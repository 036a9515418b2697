import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '@shipcrowd/kernel';
import { FileUrlSigner } from './file-url-signer';
import { assertStorageKey } from './storage-keys';
import type { FileStorage, StoredObject } from './storage.port';

/**
 * Files under STORAGE_LOCAL_DIR. Content types live in a sidecar tree (`.meta/<key>.json`) that no key can
 * reach (keys never start with a dot). Every path is resolved and checked to stay under the root.
 */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;

  constructor(rootDir: string, readonly signer: FileUrlSigner, private readonly clock: Clock) {
    this.root = resolve(rootDir);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredObject> {
    const path = this.pathOf(key);
    const meta = this.metaPathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await mkdir(dirname(meta), { recursive: true });
    // Write-then-rename so a reader never sees half a file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, body);
    await writeFile(meta, JSON.stringify({ contentType, size: body.length }));
    await rename(temp, path);
    return { key, size: body.length, contentType };
  }

  async get(key: string): Promise<{ body: Readable; contentType: string; size: number } | null> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => null);
    if (!info || !info.isFile()) return null;
    const meta = await readFile(this.metaPathOf(key), 'utf8')
      .then((text) => JSON.parse(text) as { contentType?: string })
      .catch(() => ({}) as { contentType?: string });
    return { body: createReadStream(path), contentType: meta.contentType ?? 'application/octet-stream', size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
    await rm(this.metaPathOf(key), { force: true });
  }

  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    assertStorageKey(key);
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + Math.max(1, Math.floor(expiresInSeconds));
    return this.signer.url(key, expiresAt);
  }

  private pathOf(key: string): string {
    return this.inside(join(this.root, assertStorageKey(key)));
  }

  private metaPathOf(key: string): string {
    return this.inside(join(this.root, '.meta', `${assertStorageKey(key)}.json`));
  }

  private inside(path: string): string {
    const resolved = resolve(path);
    if (!resolved.startsWith(this.root + sep)) throw new Error('storage path escapes the storage root');
    return resolved;
  }
}
