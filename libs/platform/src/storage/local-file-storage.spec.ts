import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@shipcrowd/kernel';
import { FileUrlSigner } from './file-url-signer';
import { LocalFileStorage } from './local-file-storage';
import { assertStorageKey } from './storage-keys';

describe('LocalFileStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipcrowd-files-'));
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  const signer = new FileUrlSigner('x'.repeat(32), 'https://api.example.in/');
  const storage = new LocalFileStorage(root, signer, clock);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('round-trips bytes and content type', async () => {
    await storage.put('companies/c1/logo/l.png', Buffer.from('png!'), 'image/png');
    const got = await storage.get('companies/c1/logo/l.png');
    expect(got).toMatchObject({ contentType: 'image/png', size: 4 });
    const chunks: Buffer[] = [];
    for await (const c of got!.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('png!');
    await storage.delete('companies/c1/logo/l.png');
    expect(await storage.get('companies/c1/logo/l.png')).toBeNull();
    expect(readdirSync(join(root, 'companies/c1/logo'))).toEqual([]);
  });

  it.each(['../outside.txt', 'a/../../b', '/etc/passwd', 'a//b', '.meta/x.json', 'a/.hidden', 'a\\..\\b', '', 'a/b/', 'a b.png'])('refuses the unsafe key %p', async (key) => {
    expect(() => assertStorageKey(key)).toThrow();
    await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ code: 'storage.invalid_key' });
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'storage.invalid_key' });
  });

  it('signs URLs over key and expiry; tampering, other keys and time all break them', async () => {
    const url = new URL(await storage.signedUrl('companies/c1/logo/a_b-1.v2.png', 600));
    expect(url.origin + url.pathname).toBe('https://api.example.in/v1/files/companies/c1/logo/a_b-1.v2.png');
    const expires = url.searchParams.get('expires')!;
    const sig = url.searchParams.get('sig')!;
    expect(Number(expires)).toBe(Date.parse('2026-01-01T00:10:00Z') / 1000);
    const now = Date.parse('2026-01-01T00:05:00Z') / 1000;
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', expires, sig, now)).toBe('ok');
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', expires, sig, Number(expires))).toBe('expired');
    expect(signer.check('companies/c2/logo/a_b-1.v2.png', expires, sig, now)).toBe('forged');
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', String(Number(expires) + 1), sig, now)).toBe('forged');
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', expires, sig.replace(/.$/, (c) => (c === '0' ? '1' : '0')), now)).toBe('forged');
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', undefined, sig, now)).toBe('forged');
    expect(signer.check('companies/c1/logo/a_b-1.v2.png', expires, 'zz', now)).toBe('forged');
    expect(new FileUrlSigner('y'.repeat(32), 'https://api.example.in').check('companies/c1/logo/a_b-1.v2.png', expires, sig, now)).toBe('forged');
  });
});
