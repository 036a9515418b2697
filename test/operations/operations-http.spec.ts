import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { sql } from 'drizzle-orm';
import type Redis from 'ioredis';
import { newId } from '@shipcrowd/kernel';
import { BullBoardModule, DATABASE, DatabaseHandle, HealthModule, MetricsModule, REDIS, SCHEDULES_QUEUE, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { accessToken } from '../audit/helpers';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('operations over HTTP', () => {
  let t: TestApp;
  let adminToken: string;
  let tenantToken: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [HealthModule, MetricsModule, BullBoardModule], env: { METRICS_TOKEN } });
    adminToken = accessToken(t, { pa: true });
    tenantToken = accessToken(t, { cid: newId(), role: 'owner', perms: ['audit.read'] });
  });
  afterAll(() => t.close());

  describe('/metrics', () => {
    it('refuses scrapes without the METRICS_TOKEN bearer', async () => {
      const missing = await t.http({ method: 'GET', url: '/metrics' });
      expect(missing.statusCode).toBe(401);
      expect(missing.json().code).toBe('metrics.unauthorized');
      expect((await t.http({ method: 'GET', url: '/metrics', token: 'metrics-token-0123456780' })).statusCode).toBe(401);
    });

    it('reports HTTP latency, queue depth per state and the outbox backlog', async () => {
      await t.http({ method: 'GET', url: '/health/live' });
      const queue = t.app.get<Queue>(getQueueToken(SCHEDULES_QUEUE), { strict: false });
      await queue.add('test.metrics', {}, { delay: 60_000 });
      await t.get(UnitOfWork).run({ system: true }, (tx) =>
        tx.execute(sql`insert into platform.outbox (id, type, aggregate_id, payload, occurred_at, created_at) values (${newId()}, 'test.happened', 'a', '{}', now(), now() - interval '30 seconds')`),
      );

      const res = await t.http({ method: 'GET', url: '/metrics', token: METRICS_TOKEN });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const body = res.body;
      expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/);
      expect(body).toContain('queue_jobs{queue="schedules",state="delayed"} 1');
      expect(body).toContain('queue_jobs{queue="schedules",state="waiting"} 0');
      expect(body).toContain('queue_jobs{queue="schedules",state="active"} 0');
      expect(body).toContain('outbox_unpublished_events 1');
      const lag = Number(/^outbox_lag_seconds (\S+)$/m.exec(body)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(30);
      expect(lag).toBeLessThan(120);
    });
  });

  describe('Bull Board at /admin/queues', () => {
    it('answers 401 without credentials and 403 to non-admins, as problems', async () => {
      const anonymous = await t.http({ method: 'GET', url: '/admin/queues' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(anonymous.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
      const tenant = await t.http({ method: 'GET', url: '/admin/queues/api/queues', token: tenantToken });
      expect(tenant.statusCode).toBe(403);
      expect(tenant.json().code).toBe('auth.platform_admin_required');
      expect((await t.http({ method: 'GET', url: '/admin/queues', token: 'not-a-jwt' })).json().code).toBe('auth.invalid_token');
    });

    it('serves the board and its API to a platform admin bearer', async () => {
      const page = await t.http({ method: 'GET', url: '/admin/queues', token: adminToken });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await t.http({ method: 'GET', url: '/admin/queues/api/queues', token: adminToken });
      expect(api.statusCode).toBe(200);
      expect(api.json().queues.map((q: { name: string }) => q.name).sort()).toEqual(['schedules']);
    });

    it('lets a browser sign in through /login, which sets an httpOnly cookie', async () => {
      expect((await t.http({ method: 'GET', url: '/admin/queues/login?token=bogus' })).statusCode).toBe(401);
      expect((await t.http({ method: 'GET', url: `/admin/queues/login?token=${tenantToken}` })).statusCode).toBe(403);
      const login = await t.http({ method: 'GET', url: `/admin/queues/login?token=${adminToken}` });
      expect(login.statusCode).toBe(303);
      expect(login.headers.location).toBe('/admin/queues/');
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^sc_queues=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=\d+/);
      const viaCookie = await t.http({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: cookie.split(';')[0] } });
      expect(viaCookie.statusCode).toBe(200);
      const tenantCookie = await t.http({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: `sc_queues=${tenantToken}` } });
      expect(tenantCookie.statusCode).toBe(403);
    });

    it('stays out of the OpenAPI document, where /metrics is documented', async () => {
      const doc = (await t.http({ method: 'GET', url: '/docs/openapi.json' })).json();
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin/queues'))).toEqual([]);
      expect(doc.paths['/metrics'].get.tags).toEqual(['operations']);
    });
  });

  describe('health', () => {
    it('live answers without touching dependencies; ready checks database and Redis', async () => {
      expect((await t.http({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
      const ready = await t.http({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
    });

    it('ready answers 503 health.not_ready when the database fails', async () => {
      const db = t.get<DatabaseHandle>(DATABASE).db;
      const spy = jest.spyOn(db, 'execute').mockRejectedValueOnce(new Error('connection refused'));
      try {
        const res = await t.http({ method: 'GET', url: '/health/ready' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 503, code: 'health.not_ready', detail: 'Not ready: database is down.', error: { database: { status: 'down', message: 'connection refused' } }, info: { redis: { status: 'up' } } });
      } finally {
        spy.mockRestore();
      }
    });

    it('ready answers 503 while Redis is unreachable, and recovers', async () => {
      const redis = t.get<Redis>(REDIS);
      redis.disconnect();
      try {
        const res = await t.http({ method: 'GET', url: '/health/ready' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'health.not_ready', error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } });
        expect((await t.http({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      } finally {
        await redis.connect();
      }
      expect((await t.http({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    });
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  it('is public', async () => {
    const t = await createTestApp({ imports: [MetricsModule] });
    try {
      const res = await t.http({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('# TYPE outbox_lag_seconds gauge');
    } finally {
      await t.close();
    }
  });
});
