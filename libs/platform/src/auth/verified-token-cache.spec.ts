import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  const exp = 1_900_000_000; // seconds

  it('answers for the exact token only, until the second it expires (the jsonwebtoken rule)', () => {
    const cache = new VerifiedTokenCache<{ sub: string; exp?: number; perms?: string[] }>();
    cache.set('a.b.c', { sub: 'u1', exp, perms: ['company.read'] });
    expect(cache.get('a.b.c', exp * 1000 - 1)).toMatchObject({ sub: 'u1' });
    expect(cache.get('a.b.x', exp * 1000 - 1)).toBeUndefined();
    expect(cache.get('a.b.c', exp * 1000)).toBeUndefined(); // expired: the guard verifies again and gets token_expired
    expect(cache.size).toBe(0);
  });

  it('keeps neither tokens without an expiry nor tokens with a not-before', () => {
    const cache = new VerifiedTokenCache<{ exp?: number; nbf?: number }>();
    cache.set('no-exp', {});
    cache.set('nbf', { exp, nbf: exp - 10 });
    expect(cache.size).toBe(0);
  });

  it('is bounded, dropping the oldest entry', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(2);
    cache.set('t1', { exp });
    cache.set('t2', { exp });
    cache.set('t3', { exp });
    expect(cache.size).toBe(2);
    expect(cache.get('t1', 0)).toBeUndefined();
    expect(cache.get('t3', 0)).toBeDefined();
  });

  it('freezes the shared claims so one request cannot change another request’s permissions', () => {
    const cache = new VerifiedTokenCache<{ exp: number; perms: string[] }>();
    cache.set('t', { exp, perms: ['a'] });
    const claims = cache.get('t', 0)!;
    expect(() => (claims.perms as string[]).push('b')).toThrow(TypeError);
    expect(Object.isFrozen(claims)).toBe(true);
  });
});
