import { DomainError } from '@shipcrowd/kernel';
import { assertAcceptablePassword, deviceFingerprint, deviceLabel, generateApiKey, normaliseIndianMobile, parseApiKey, User } from './index';

describe('identity domain', () => {
  it('password policy: length bounds, not email or name, not common; no composition rules', () => {
    expect(() => assertAcceptablePassword('all lowercase words ok', { email: 'a@b.in', name: 'Asha' })).not.toThrow();
    expect(() => assertAcceptablePassword('ab'.repeat(64), {})).not.toThrow();
    const codes = (pw: string, ctx = {}) => {
      try {
        assertAcceptablePassword(pw, ctx, 'newPassword');
        return [];
      } catch (e) {
        return (e as DomainError).details.errors!.map((x) => `${x.field}:${x.message}`);
      }
    };
    expect(codes('short')).toEqual(['newPassword:must be at least 10 characters']);
    expect(codes('x'.repeat(129))[0]).toContain('at most 128');
    expect(codes('Asha@Example.in', { email: 'asha@example.in' })[0]).toContain('email');
    expect(codes('Asha Verma Ji', { name: 'asha verma ji' })[0]).toContain('name');
    expect(codes('password123')[0]).toContain('too common');
  });

  it('normalises Indian mobiles to E.164 and rejects others', () => {
    expect(normaliseIndianMobile('9876543210')).toBe('+919876543210');
    expect(normaliseIndianMobile('+919876543210')).toBe('+919876543210');
    expect(normaliseIndianMobile('5876543210')).toBeNull();
    expect(normaliseIndianMobile('+449876543210')).toBeNull();
  });

  it('device fingerprint ignores the last octet and browser version, not the browser', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36';
    expect(deviceLabel(chrome)).toBe('Chrome on Windows');
    expect(deviceFingerprint(chrome, '203.0.113.7')).toBe(deviceFingerprint(chrome.replace('126.0', '127.0'), '203.0.113.99'));
    expect(deviceFingerprint(chrome, '203.0.113.7')).not.toBe(deviceFingerprint(chrome, '198.51.100.7'));
    expect(deviceFingerprint(chrome, '203.0.113.7')).not.toBe(deviceFingerprint('Mozilla/5.0 (Macintosh) Firefox/127.0', '203.0.113.7'));
  });

  it('API keys round-trip through their format and reject anything else', () => {
    const key = generateApiKey();
    expect(parseApiKey(key.key)).toEqual({ prefix: key.prefix, secret: key.secret });
    expect(parseApiKey(`sc_test_${key.prefix}_${key.secret}`)).toBeNull();
    expect(parseApiKey(key.key.slice(0, -1))).toBeNull();
  });

  it('user lifecycle: verify once, deletion scheduled and cancelled, deactivated cannot sign in', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const user = User.register({ id: 'u1', email: 'a@b.in', name: 'A', passwordHash: 'h', phone: null, now });
    expect(user.pullEvents().map((e) => e.type)).toEqual(['identity.user_registered.v1']);
    user.verifyEmail(now);
    expect(() => user.verifyEmail(now)).toThrow(expect.objectContaining({ code: 'auth.email_already_verified' }));
    expect(user.scheduleDeletion(now, 14).toISOString()).toBe('2025-01-15T00:00:00.000Z');
    expect(() => user.assertCanSignIn()).not.toThrow();
    user.cancelDeletion(now);
    expect(() => user.cancelDeletion(now)).toThrow(expect.objectContaining({ code: 'account.no_deletion_scheduled' }));
    user.deactivate(now);
    expect(() => user.assertCanSignIn()).toThrow(expect.objectContaining({ code: 'auth.account_deactivated' }));
  });
});
