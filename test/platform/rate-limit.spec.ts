import { parseTrustProxy } from '@shipcrowd/platform';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { HealthModule, PublicRoute } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

@ApiTags('operations')
@Controller('v1')
@PublicRoute()
class LimitedController {
  @Get('test-limited')
  ping() {
    return { ok: true };
  }

  @Post('auth/test-login')
  login() {
    return { ok: true };
  }
}

@Module({ controllers: [LimitedController] })
class LimitedModule {}

describe('Rate limiting', () => {
  // Two API instances sharing one Redis key prefix, as two replicas behind a load balancer do.
  const prefix = `test-rl-${randomBytes(5).toString('hex')}`;
  const env = { QUEUE_PREFIX: prefix, RATE_LIMIT_MAX: '5', RATE_LIMIT_AUTH_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '60' };
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp({ imports: [HealthModule, LimitedModule], env });
    second = await createTestApp({ imports: [HealthModule, LimitedModule], env });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  /** Each test uses its own client address, so counters do not leak between tests. */
  const client = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;
  const get = (app: TestApp, url: string, ip: string) => app.http({ method: 'GET', url, remoteAddress: ip });

  it('answers 429 problem+json with Retry-After once the limit is spent', async () => {
    const ip = client();
    for (let i = 0; i < 5; i++) expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(200);
    const limited = await get(first, '/v1/test-limited', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', requestId: limited.headers['x-request-id'] });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client is not affected.
    expect((await get(first, '/v1/test-limited', client())).statusCode).toBe(200);
  });

  it('cannot be dodged with a forged X-Forwarded-For (no trusted proxy by default)', async () => {
    const ip = client();
    const forged = (i: number) => first.http({ method: 'GET', url: '/v1/test-limited', remoteAddress: ip, headers: { 'x-forwarded-for': `192.0.2.${i}` } });
    for (let i = 0; i < 5; i++) expect((await forged(i)).statusCode).toBe(200);
    expect((await forged(99)).statusCode).toBe(429);
  });

  it('limits /v1/auth/* more strictly', async () => {
    const ip = client();
    const login = () => first.http({ method: 'POST', url: '/v1/auth/test-login', remoteAddress: ip });
    expect((await login()).statusCode).toBe(201);
    expect((await login()).statusCode).toBe(201);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // The auth budget is separate: the same client still reaches ordinary routes.
    expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(200);
  });

  it('never limits health checks', async () => {
    const ip = client();
    for (let i = 0; i < 12; i++) {
      expect((await get(first, '/health/live', ip)).statusCode).toBe(200);
    }
    expect((await get(first, '/health/ready?verbose=1', ip)).statusCode).toBe(200);
  });

  it('counts in Redis, so instances sharing a prefix share the budget', async () => {
    const ip = client();
    for (let i = 0; i < 3; i++) expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(second, '/v1/test-limited', ip)).statusCode).toBe(200);
    expect((await get(second, '/v1/test-limited', ip)).statusCode).toBe(429);
    expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(429);
  });
});

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16')).toEqual(['10.0.0.1', '10.1.0.0/16']);
  });
});
