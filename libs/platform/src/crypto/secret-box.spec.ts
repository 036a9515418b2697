import { randomBytes } from 'node:crypto';
import { parseKeyList, SecretBox } from './secret-box';

const key = () => randomBytes(32);

describe('SecretBox', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const box = new SecretBox([{ id: 'k1', key: key() }]);
    const a = box.seal('JBSWY3DPEHPK3PXP');
    const b = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('नमस्ते ✓'))).toBe('नमस्ते ✓');
  });

  it('still opens data sealed with an old key after a new current key is added, and seals with the new one', () => {
    const oldKey = key();
    const before = new SecretBox([{ id: '2024', key: oldKey }]);
    const sealedOld = before.seal('courier-password', 'courier:delhivery');

    const rotated = new SecretBox(parseKeyList(`2025:${key().toString('base64')},2024:${oldKey.toString('hex')}`));
    expect(rotated.currentKeyId).toBe('2025');
    expect(rotated.open(sealedOld, 'courier:delhivery')).toBe('courier-password');
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    const resealed = rotated.seal('courier-password', 'courier:delhivery');
    expect(resealed.split('.')[1]).toBe('2025');
    expect(rotated.needsRotation(resealed)).toBe(false);
    // Once the old key is dropped, old data no longer opens; new data does.
    const withoutOld = new SecretBox([{ id: '2025', key: (rotated as unknown as { keys: Map<string, Buffer> }).keys.get('2025')! }]);
    expect(() => withoutOld.open(sealedOld, 'courier:delhivery')).toThrow(/key "2024" is not configured/);
    expect(withoutOld.open(resealed, 'courier:delhivery')).toBe('courier-password');
  });

  it('detects tampering, the wrong associated data and a key swapped under the same id', () => {
    const box = new SecretBox([{ id: 'k1', key: key() }]);
    const sealed = box.seal('secret', 'totp:user-1');
    expect(() => box.open(sealed, 'totp:user-2')).toThrow();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.'), 'totp:user-1')).toThrow();
    expect(() => new SecretBox([{ id: 'k1', key: key() }]).open(sealed, 'totp:user-1')).toThrow();
    expect(() => box.open('garbage')).toThrow(/not a sealed value/);
  });

  it('parses ENCRYPTION_KEY strictly', () => {
    expect(() => parseKeyList('no-id-here')).toThrow(/<keyId>:/);
    expect(() => parseKeyList(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => new SecretBox(parseKeyList(`k1:${key().toString('base64')},k1:${key().toString('base64')}`))).toThrow(/twice/);
    expect(() => new SecretBox([])).toThrow();
    expect(parseKeyList(` a:${key().toString('hex')} , b:${key().toString('base64url')} `).map((k) => k.id)).toEqual(['a', 'b']);
  });

  it('derives a dev key from JWT_SECRET outside production and refuses production without ENCRYPTION_KEY', () => {
    const jwt = 'x'.repeat(40);
    const one = SecretBox.fromConfig({ JWT_SECRET: jwt, NODE_ENV: 'development' });
    const two = SecretBox.fromConfig({ JWT_SECRET: jwt, NODE_ENV: 'test' });
    expect(one.currentKeyId).toBe('dev');
    expect(two.open(one.seal('same key'))).toBe('same key');
    expect(() => SecretBox.fromConfig({ JWT_SECRET: 'y'.repeat(40), NODE_ENV: 'test' }).open(one.seal('s'))).toThrow();
    expect(() => SecretBox.fromConfig({ JWT_SECRET: jwt, NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEY/);
    const configured = SecretBox.fromConfig({ JWT_SECRET: jwt, NODE_ENV: 'production', ENCRYPTION_KEY: `prod1:${key().toString('base64')}` });
    expect(configured.currentKeyId).toBe('prod1');
  });
});
