import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * The built API process refuses to start with one clear line naming the variable at fault.
 * Compiled here into a private directory (the same swc build as `npm run build`), so the check runs on
 * the code under test and never races another build writing dist/.
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.data', 'test', `startup-build-${process.pid}`);

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function startApi(env: Record<string, string>): Promise<Exit> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', PGLITE_DATA_DIR: 'memory://', ...env };
  delete childEnv.DATABASE_URL;
  if (env.DATABASE_URL) childEnv.DATABASE_URL = env.DATABASE_URL;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(OUT, 'apps', 'api', 'main.js')], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function expectOneLineNaming(exit: Exit, variable: string): void {
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull(); // exited by itself, not killed by the test
  expect(exit.ms).toBeLessThan(10_000);
  const lines = exit.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^shipcrowd: failed to start: ${variable}\\b`));
  // No stack traces anywhere, not even in the JSON log.
  expect(exit.stdout + exit.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('Start-up failures', () => {
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    execFileSync(join(ROOT, 'node_modules', '.bin', 'swc'), ['apps', 'libs', '-d', OUT, '--copy-files', '--quiet'], { cwd: ROOT, stdio: 'pipe' });
    cpSync(join(ROOT, 'migrations'), join(OUT, 'migrations'), { recursive: true });
  }, 60_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('names REDIS_URL when Redis cannot be reached', async () => {
    const exit = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    expectOneLineNaming(exit, 'REDIS_URL');
    expect(exit.stderr).toContain('127.0.0.1:1');
  });

  it('names DATABASE_URL when PostgreSQL cannot be reached', async () => {
    const exit = await startApi({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' });
    expectOneLineNaming(exit, 'DATABASE_URL');
    expect(exit.stderr).not.toContain('postgres@'); // the URL (and any password in it) is not echoed
  });

  it('names the variable whose value is invalid', async () => {
    const exit = await startApi({ PORT: 'abc' });
    expectOneLineNaming(exit, 'PORT');
  });

  it('gives up on a dependency that accepts connections but never answers, after STARTUP_TIMEOUT_MS', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    let exit: Exit;
    try {
      exit = await startApi({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x`, STARTUP_TIMEOUT_MS: '1500' });
    } finally {
      silent.close();
    }
    expectOneLineNaming(exit, 'DATABASE_URL');
    expect(exit.stderr).toMatch(/within 1500 ms|timeout/);
    expect(exit.ms).toBeLessThan(6_000);
  });
});
