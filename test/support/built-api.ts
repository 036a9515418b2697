import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

/** The built API (`npm run build`, then node dist/apps/api/main.js) run as its own process, as production runs it. */
export const ROOT = join(__dirname, '..', '..');

export function buildApi(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
}

export interface StartedApi {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns the API with `env` over this process's environment (minus DATABASE_URL unless `env` sets it); resolves once it logs "listening". */
export async function startBuiltApi(env: Record<string, string>): Promise<StartedApi> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...parentEnv } = process.env;
  let output = '';
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: ROOT,
    env: { ...parentEnv, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SCHEDULES_ENABLED: 'false', LOCAL_SMTP_PORT: '0', ...env },
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

export type Outcome = { status: number; body: string } | { error: string };

/** One request on its own connection; a half-sent body can be finished later (`slowBody`). */
export function call(port: number, method: string, path: string, options: { token?: string; body?: string; slowBody?: Promise<void> } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) } : {}) } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    if (options.body === undefined) return void req.end();
    if (!options.slowBody) return void req.end(options.body);
    // Half the body now, the rest later: the request is in flight meanwhile.
    const half = Math.floor(options.body.length / 2);
    req.write(options.body.slice(0, half));
    void options.slowBody.then(() => req.end(options.body!.slice(half)));
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
