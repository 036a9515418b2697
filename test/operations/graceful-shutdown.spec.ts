import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { newId } from '@shipcrowd/kernel';
import { buildApi, call, sleep, startBuiltApi } from '../support/built-api';

/**
 * The built API as production runs it: embedded PGlite in a temp dir, so the worker (relay, queues, schedules)
 * runs in the same process.
 */
const JWT_SECRET = randomBytes(32).toString('hex');
const prefix = `test-${randomBytes(5).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'shipcrowd-shutdown-'));
const adminToken = new JwtService({ secret: JWT_SECRET }).sign({ sub: newId(), cid: null, sid: newId(), role: null, perms: [], pa: true, typ: 'access' });

const start = (env: Record<string, string>) =>
  startBuiltApi({ PGLITE_DATA_DIR: join(dataDir, 'pglite'), QUEUE_PREFIX: prefix, JWT_SECRET, OUTBOX_RELAY_AUTOSTART: 'true', ...env });

describe('graceful shutdown of the built API', () => {
  beforeAll(() => buildApi(), 60_000);

  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('on SIGTERM finishes in-flight requests, refuses new connections and exits 0', async () => {
    const api = await start({ SHUTDOWN_TIMEOUT_MS: '10000' });
    try {
      const metrics = await call(api.port, 'GET', '/metrics');
      expect(metrics).toMatchObject({ status: 200 });
      expect((metrics as { body: string }).body).toContain('outbox_unpublished_events 0');

      let finishBody!: () => void;
      const slowBody = new Promise<void>((resolve) => (finishBody = resolve));
      const inFlight = call(api.port, 'POST', '/v1/admin/audit-log/verify', { token: adminToken, body: JSON.stringify({ companyId: 'platform' }), slowBody });
      const burst = Array.from({ length: 20 }, () => call(api.port, 'GET', '/health/ready'));
      await sleep(150);

      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      await sleep(400);
      const refused = await call(api.port, 'GET', '/health/live');
      expect(refused).toEqual({ error: 'ECONNREFUSED' });
      finishBody();

      const slow = await inFlight;
      expect(slow).toMatchObject({ status: 200 });
      expect(JSON.parse((slow as { body: string }).body)).toEqual({ ok: true, checked: 0, chains: 1 });
      for (const outcome of await Promise.all(burst)) {
        // Accepted requests are answered; none gets a 5xx because the process was going away.
        if ('status' in outcome) expect(outcome.status).toBe(200);
        else expect(['ECONNRESET', 'ECONNREFUSED']).toContain(outcome.error);
      }
      const { code, at } = await api.exited;
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(10_000);
      expect(api.output()).toContain('"msg":"shutdown complete"');
      expect(api.output()).toContain('"msg":"connections closed"');
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 1 once SHUTDOWN_TIMEOUT_MS passes with a request still open', async () => {
    const api = await start({ SHUTDOWN_TIMEOUT_MS: '1500' });
    try {
      const never = new Promise<void>(() => undefined);
      const hanging = call(api.port, 'POST', '/v1/admin/audit-log/verify', { token: adminToken, body: JSON.stringify({ companyId: 'platform' }), slowBody: never });
      await sleep(150);
      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      const { code, at } = await api.exited;
      expect(code).toBe(1);
      expect(at - signalledAt).toBeGreaterThanOrEqual(1400);
      expect(at - signalledAt).toBeLessThan(5000);
      expect(api.output()).toContain('"msg":"shutdown timed out; exiting"');
      expect(await hanging).toMatchObject({ error: expect.any(String) });
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  }, 60_000);
});
