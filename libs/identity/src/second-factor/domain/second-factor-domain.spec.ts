import { authenticator } from 'otplib';
import { generateRecoveryCodes, generateSmsCode, hashRecoveryCode, hashSmsCode, normaliseRecoveryCode, sameHash } from './codes';
import { maskPhone, normalisePhone } from './phone';
import { generateTotpSecret, matchTotpStep, totpCodeAt, totpStepAt, totpUri } from './totp';

describe('TOTP', () => {
  const secret = generateTotpSecret();
  const now = new Date('2025-03-01T10:00:15Z');

  it('makes a 160-bit base32 secret and an otpauth URI apps understand', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'asha@example.in'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Shipcrowd:asha@example.in');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Shipcrowd');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('accepts the current code and one step either side, and names the step', () => {
    const step = totpStepAt(now);
    expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 60_000)), now)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 60_000)), now)).toBeNull();
  });

  it('matches the RFC 6238 reference implementation (otplib defaults: SHA-1, 6 digits, 30 s)', () => {
    expect(totpCodeAt(secret, now)).toBe(authenticator.clone({ epoch: now.getTime() }).generate(secret));
  });

  it('rejects malformed codes and codes of another secret', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(matchTotpStep(secret, code, now)).toBeNull();
    const other = generateTotpSecret();
    const code = totpCodeAt(other, now);
    const valid = [-1, 0, 1].map((d) => totpCodeAt(secret, new Date(now.getTime() + d * 30_000)));
    if (!valid.includes(code)) expect(matchTotpStep(secret, code, now)).toBeNull();
  });
});

describe('recovery and SMS codes', () => {
  it('makes ten distinct readable recovery codes that normalise and hash stably', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
      const n = normaliseRecoveryCode(code)!;
      expect(normaliseRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(n);
      expect(hashRecoveryCode(n)).toBe(hashRecoveryCode(normaliseRecoveryCode(code.replace('-', ''))!));
      expect(hashRecoveryCode(n)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(normaliseRecoveryCode('abcde-fghi')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghi1')).toBeNull(); // '1' is not in the alphabet
    expect(normaliseRecoveryCode('123456')).toBeNull();
  });

  it('makes 6-digit SMS codes hashed per challenge', () => {
    for (let i = 0; i < 50; i++) expect(generateSmsCode()).toMatch(/^\d{6}$/);
    expect(hashSmsCode('a', '123456')).not.toBe(hashSmsCode('b', '123456'));
    expect(sameHash(hashSmsCode('a', '123456'), hashSmsCode('a', '123456'))).toBe(true);
    expect(sameHash(hashSmsCode('a', '123456'), hashSmsCode('a', '123457'))).toBe(false);
    expect(sameHash(hashSmsCode('a', '123456'), 'abcd')).toBe(false);
  });
});

describe('phones', () => {
  it.each([
    ['+919876543210', '+919876543210'],
    ['9876543210', '+919876543210'],
    ['98765 43210', '+919876543210'],
    ['098765-43210', '+919876543210'],
    ['91 98765 43210', '+919876543210'],
    ['+1 (415) 555-2671', '+14155552671'],
  ])('normalises %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each(['', '12345', '5876543210', '+0123456789', 'phone', '+91 98765 43210 99999'])('rejects %s', (input) => expect(normalisePhone(input)).toBeNull());

  it('masks all but the country code and the last four digits', () => {
    expect(maskPhone('+919876543210')).toBe('+91******3210');
    expect(maskPhone('+14155552671')).toBe('+1******2671');
  });
});
