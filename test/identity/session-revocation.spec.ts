import { randomBytes } from 'node:crypto';
import { TestApp } from '@shipcrowd/platform/testing';
import { AuthExtensions } from '@shipcrowd/platform';
import { register, startIdentityApp } from './identity-test-kit';

/** Revocation must reach every API process at once, without a Redis round trip per request. */
describe('session revocation across processes', () => {
  const shared = { QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}`, JWT_SECRET: randomBytes(32).toString('hex') };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startIdentityApp(shared);
    b = await startIdentityApp(shared);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const sessionOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;

  it('a logout in one process revokes the token in another within a pub/sub hop', async () => {
    const seller = await register(a);
    const sid = sessionOf(seller.accessToken);
    const check = b.get(AuthExtensions).sessions!;
    expect(await check.isRevoked(sid)).toBe(false);

    expect((await a.http({ method: 'POST', url: '/v1/auth/logout', token: seller.accessToken })).statusCode).toBe(204);
    expect((await a.http({ method: 'GET', url: '/v1/me', token: seller.accessToken })).json().code).toBe('auth.session_revoked');

    const deadline = Date.now() + 2000;
    while (!(await check.isRevoked(sid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await check.isRevoked(sid)).toBe(true);
  });

  it('a process that starts later loads earlier revocations from Redis', async () => {
    const seller = await register(a);
    await a.http({ method: 'POST', url: '/v1/auth/logout', token: seller.accessToken });
    const late = await startIdentityApp(shared);
    try {
      expect(await late.get(AuthExtensions).sessions!.isRevoked(sessionOf(seller.accessToken))).toBe(true);
      expect(await late.get(AuthExtensions).sessions!.isRevoked('01900000-0000-7000-8000-000000000000')).toBe(false);
    } finally {
      await late.close();
    }
  });
});
