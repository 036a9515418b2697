import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createTestDatabase, testDatabaseKind } from '@shipcrowd/platform/testing';
import { connectLiveSocket } from '../shipping/live-tracking-support';
import { buildApi, call, sleep, startBuiltApi, StartedApi } from '../support/built-api';

/** API_PROCESSES: several HTTP processes on one port under a supervisor (ADR 21), run from the build. */
const prefix = `test-${randomBytes(5).toString('hex')}`;
const JWT_SECRET = randomBytes(32).toString('hex');

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The count of GET /health/live requests in the Prometheus text (summed over the label sets it appears in). */
function liveRequestCount(metrics: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/health/live"'))
    .reduce((n, line) => n + Number(line.split(' ').pop()), 0);
}

afterAll(async () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const onServer = testDatabaseKind() === 'pg';

// Each run of `npm test` covers one database kind: the cluster itself on the server, the PGlite refusal otherwise.
if (onServer) describe('API_PROCESSES=2 on a PostgreSQL server', () => {
  let api: StartedApi;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    buildApi();
    database = await createTestDatabase();
    api = await startBuiltApi({ DATABASE_URL: database.url!, API_PROCESSES: '2', QUEUE_PREFIX: prefix, JWT_SECRET, SHUTDOWN_TIMEOUT_MS: '8000' });
  }, 90_000);

  afterAll(async () => {
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await database?.close(); // drops it
  });

  it('serves one port from two processes and sums their metrics', async () => {
    expect(api.output()).toContain('"processes":2');
    expect(childrenOf(api.child.pid!)).toHaveLength(2);
    // A new connection per request: the supervisor hands connections out in turn, so both processes serve some.
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(api.port, 'GET', '/health/live')));
    expect(answers.filter((a) => !('status' in a) || a.status !== 200)).toEqual([]);
    // Scrapes reach the processes in turn too; each reports all 20 (a process on its own saw about half of them).
    for (let scrape = 0; scrape < 4; scrape++) {
      const metrics = await call(api.port, 'GET', '/metrics');
      expect(metrics).toMatchObject({ status: 200 });
      expect(liveRequestCount((metrics as { body: string }).body)).toBe(20);
    }
  });

  it('offers Socket.IO over WebSocket only (long-polling would need sticky sessions)', async () => {
    const polling = await call(api.port, 'GET', '/socket.io/?EIO=4&transport=polling');
    expect(polling).toMatchObject({ status: 400 });
    expect((polling as { body: string }).body).toContain('Transport unknown');
    // Over WebSocket the handshake reaches the gateway, which answers with its own refusal (no token).
    const refusal = await connectLiveSocket(`http://127.0.0.1:${api.port}`, { transports: ['websocket'] }).then(
      ({ socket }) => (socket.close(), 'connected'),
      (error: Error & { data?: unknown }) => error.data,
    );
    expect(refusal).toMatchObject({ code: 'auth.unauthenticated', status: 401 });
  });

  it('replaces a process that dies and keeps answering', async () => {
    const [victim, survivor] = childrenOf(api.child.pid!);
    process.kill(victim, 'SIGKILL');
    const replacement = await waitFor('a replacement process', () => {
      const now = childrenOf(api.child.pid!);
      return now.length === 2 && !now.includes(victim) ? now.find((pid) => pid !== survivor) : undefined;
    });
    expect(replacement).not.toBe(victim);
    await waitFor('the replacement to log that it died', () => (api.output().includes('"msg":"API process died; replacing it"') ? true : undefined));
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(api.port, 'GET', '/health/live')));
    expect(answers.filter((a) => !('status' in a) || a.status !== 200)).toEqual([]);
  });

  it('stops and says why when its processes cannot start', async () => {
    const missing = new URL(database.url!);
    missing.pathname = '/shipcrowd_no_such_database';
    const failed = await startBuiltApi({ DATABASE_URL: missing.toString(), API_PROCESSES: '2', QUEUE_PREFIX: prefix, JWT_SECRET }).then(
      (started) => (started.child.kill('SIGKILL'), 'started'),
      (error: Error) => error.message,
    );
    expect(failed).toContain('API did not start');
    expect(failed).toContain('DATABASE_URL: cannot reach');
    expect(failed).toContain('an API process exited before it listened');
  }, 60_000);

  it('on SIGTERM every process drains and the supervisor exits 0', async () => {
    const children = childrenOf(api.child.pid!);
    api.child.kill('SIGTERM');
    const { code } = await api.exited;
    expect(code).toBe(0);
    expect(api.output()).toContain('"msg":"stopping API processes"');
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});

else describe('API_PROCESSES=2 without DATABASE_URL (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shipcrowd-cluster-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves from one process and says why', async () => {
    buildApi();
    const api = await startBuiltApi({ PGLITE_DATA_DIR: join(dataDir, 'pglite'), API_PROCESSES: '2', QUEUE_PREFIX: prefix, JWT_SECRET });
    try {
      expect(api.output()).toContain('API_PROCESSES > 1 needs DATABASE_URL');
      expect(api.output()).toContain('"processes":1');
      expect(await call(api.port, 'GET', '/health/live')).toMatchObject({ status: 200 });
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  }, 90_000);
});
