import { parseTrustProxy } from '@shipcrowd/platform';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { BatchedRedisRateLimitStore } from '../../libs/platform/src/http/rate-limit-store';
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

  /** Waits until the instances' batched counts for this key have reached Redis (one sync interval, 100 ms here). */
  async function syncedTo(ip: string, total: number): Promise<void> {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const deadline = Date.now() + 3000;
      let seen: string | null = null;
      while (Date.now() < deadline) {
        seen = await redis.get(`${prefix}:ratelimit:api:${ip}`);
        if (Number(seen) >= total) return;
        await sleep(20);
      }
      throw new Error(`Redis holds ${seen} requests for ${ip}, expected ${total}`);
    } finally {
      redis.disconnect();
    }
  }

  it('counts in Redis, so instances sharing a prefix share the budget', async () => {
    const ip = client();
    for (let i = 0; i < 3; i++) expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(200);
    // Counts are batched: the second instance learns the first's 3 at its first sync after they reach Redis.
    await syncedTo(ip, 3);
    for (let i = 0; i < 2; i++) expect((await get(second, '/v1/test-limited', ip)).statusCode).toBe(200);
    await syncedTo(ip, 5);
    await sleep(50); // the second instance's sync that wrote 5 has read it back
    expect((await get(second, '/v1/test-limited', ip)).statusCode).toBe(429);
    // The first instance is one sync behind (the documented overshoot): once it syncs, it refuses too.
    await get(first, '/v1/test-limited', ip);
    await syncedTo(ip, 7);
    await sleep(50);
    expect((await get(first, '/v1/test-limited', ip)).statusCode).toBe(429);
  });
});

describe('BatchedRedisRateLimitStore', () => {
  const prefix = `test-rls-${randomBytes(5).toString('hex')}:`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const stores: BatchedRedisRateLimitStore[] = [];
  const store = (syncMs: number, on: Redis = redis, logger?: { warn: jest.Mock; log: jest.Mock }) => {
    const created = new BatchedRedisRateLimitStore({ redis: on, prefix, syncMs, logger });
    stores.push(created);
    return created;
  };
  const incr = (s: BatchedRedisRateLimitStore, key: string, windowMs = 60_000) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => s.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, 5));
  const read = (s: BatchedRedisRateLimitStore, key: string, windowMs = 60_000) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => s.read(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs));
  const key = () => `k-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('decides locally between syncs, and the instances converge on the shared total after a flush', async () => {
    const k = key();
    // A long interval, so only the explicit flushes below sync.
    const a = store(60_000);
    const b = store(60_000);
    expect((await Promise.all([incr(a, k), incr(a, k), incr(a, k)])).map((r) => r.current)).toEqual([1, 2, 3]);
    expect((await incr(b, k)).current).toBe(1);
    expect((await incr(b, k)).current).toBe(2);
    expect(await redis.get(prefix + k)).toBeNull(); // nothing sent yet: no Redis call per request

    await a.flush();
    expect(await redis.get(prefix + k)).toBe('3');
    await b.flush(); // sends b's 2 and reads back the total, a's requests included
    expect(await redis.get(prefix + k)).toBe('5');
    expect((await read(b, k)).current).toBe(5);
    expect((await incr(b, k)).current).toBe(6);

    // a is one sync behind until it flushes its next increment, which reads back everything.
    expect((await incr(a, k)).current).toBe(4);
    await a.flush();
    expect((await read(a, k)).current).toBe(6);
    await b.flush();
    expect((await read(b, k)).current).toBe(7);
    expect(await redis.get(prefix + k)).toBe('7');
  });

  it('flushes on its own every syncMs', async () => {
    const k = key();
    const s = store(30);
    await incr(s, k);
    await incr(s, k);
    await sleep(150);
    expect(await redis.get(prefix + k)).toBe('2');
  });

  it('with syncMs 0 counts in Redis on every request (exact)', async () => {
    const k = key();
    const a = store(0);
    const b = store(0);
    expect((await incr(a, k)).current).toBe(1);
    expect((await incr(b, k)).current).toBe(2);
    expect((await incr(a, k)).current).toBe(3);
    expect(await redis.get(prefix + k)).toBe('3');
    expect((await read(b, k)).current).toBe(3);
  });

  it("takes the window from Redis, and starts a new one once it has expired", async () => {
    const k = key();
    const a = store(60_000);
    const b = store(60_000);
    await incr(a, k, 800);
    await a.flush();
    const pttl = await redis.pttl(prefix + k);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(800);

    await sleep(300);
    // b has never seen the key: provisionally a full window, then Redis's remaining time after its sync.
    expect((await incr(b, k, 800)).ttl).toBeGreaterThan(700);
    await b.flush();
    const synced = await read(b, k, 800);
    expect(synced.current).toBe(2);
    expect(synced.ttl).toBeLessThanOrEqual(520);
    expect(synced.ttl).toBeGreaterThan(200);

    await sleep(600); // the window is over, in Redis and locally
    expect(await redis.get(prefix + k)).toBeNull();
    expect((await incr(b, k, 800)).current).toBe(1);
    await b.flush();
    expect(await redis.get(prefix + k)).toBe('1');
    expect(await redis.pttl(prefix + k)).toBeGreaterThan(600);
  });

  it.each([100, 0])('lets requests through when Redis is unavailable (syncMs %i), and logs it once', async (syncMs) => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const logger = { warn: jest.fn(), log: jest.fn() };
    const limits = BatchedRedisRateLimitStore.plugin({ redis: down, prefix, syncMs, logger });
    const app = Fastify();
    await app.register(rateLimit, { global: true, max: 1, timeWindow: 60_000, store: limits.Store as never, skipOnError: true });
    app.get('/x', async () => ({ ok: true }));
    try {
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      await Promise.all(limits.instances.map((s) => s.flush())); // the sync fails: Redis is down
      for (let i = 0; i < 4; i++) expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toMatchObject({ msg: expect.stringContaining('Redis is unavailable') });
    } finally {
      await app.close();
      await Promise.all(limits.instances.map((s) => s.close()));
      down.disconnect();
    }
  });

  it('refuses over a working Redis with the same set-up (so the test above is meaningful)', async () => {
    const limits = BatchedRedisRateLimitStore.plugin({ redis, prefix: `${prefix}plugin:`, syncMs: 100 });
    const app = Fastify();
    await app.register(rateLimit, { global: true, max: 1, timeWindow: 60_000, store: limits.Store as never, skipOnError: true });
    app.get('/x', async () => ({ ok: true }));
    try {
      expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/x' })).statusCode).toBe(429);
    } finally {
      await app.close();
      await Promise.all(limits.instances.map((s) => s.close()));
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    const twoHops = parseTrustProxy('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16')).toEqual(['10.0.0.1', '10.1.0.0/16']);
  });
});
