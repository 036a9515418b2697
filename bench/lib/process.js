'use strict';
// Child processes for benches: free ports, readiness polling, and stopping what was started.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node <script>` with `env` on top of a minimal environment (PATH, HOME), in a private temporary
 * working directory so a developer's .env, .data/mail and .data/files are neither read nor written.
 * Output is kept (last 200 lines) and shown if the process dies early. `nodeArgs` go before the script
 * (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof, which NODE_OPTIONS does not allow).
 */
function startNode(script, { env = {}, name = path.basename(script), args = [], nodeArgs = [] } = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'shipcrowd-bench-'));
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(ROOT, script), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line) tail.push(line);
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stopping;
  return {
    name,
    child,
    exited,
    output: () => tail.join('\n'),
    /** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`; removes the working directory. */
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        rmSync(cwd, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** Polls `url` until it answers 2xx; fails fast with the child's output if the child exits first. */
async function waitForHttp(url, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  proc.exited.then(() => (died = true));
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (died) throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs} ms (${lastError}):\n${proc.output()}`);
}

module.exports = { ROOT, freePort, startNode, waitForHttp };
