import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { newId } from '@shipcrowd/kernel';

/**
 * The built API (`npm run build`, then node dist/apps/api/main.js) as production runs it: embedded PGlite
 * in a temp dir, so the worker (relay, queues, schedules) runs in the same process.
 */
const ROOT = join(__dirname, '..', '..');
const JWT_SECRET = randomBytes(32).toString('hex');
const prefix = `test-${randomBytes(5).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'shipcrowd-shutdown-'));
const adminToken = new JwtService({ secret: JWT_SECRET }).sign({ sub: newId(), cid: null, sid: newId(), role: null, perms: [], pa: true, typ: 'access' });

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...parentEnv } = process.env;
  let output = '';
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: ROOT,
    env: { ...parentEnv, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', PGLITE_DATA_DIR: join(dataDir, 'pglite'), QUEUE_PREFIX: prefix, JWT_SECRET, LOG_LEVEL: 'info', SCHEDULES_ENABLED: 'false', OUTBOX_RELAY_AUTOSTART: 'true', LOCAL_SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  const deadline = Date.now() + 40_000;
  while (!output.includes('"msg":"listening"')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`API did not start:\n${output.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, port, output: () => output, exited };
}

type Outcome = { status: number; body: string } | { error: string };

function call(port: number, method: string, path: string, options: { token?: string; body?: string; slowBody?: Promise<void> } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) } : {}) } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    if (options.body === undefined) return void req.end();
    if (!options.slowBody) return void req.end(options.body);
    // Half the body now, the rest later: the request is in flight while the server shuts down.
    const half = Math.floor(options.body.length / 2);
    req.write(options.body.slice(0, half));
    void options.slowBody.then(() => req.end(options.body!.slice(half)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the built API', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  }, 60_000);

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
