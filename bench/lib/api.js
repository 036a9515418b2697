'use strict';
// Starts the real, built API (dist/) as a child process against a given database, and talks JSON to it.
const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { ROOT, freePort, startNode, waitForHttp } = require('./process');

/**
 * Runs `node dist/apps/api/main.js` the way production does (NODE_ENV=production, its own JWT secret,
 * a server database, the worker NOT in-process). Rate limits are lifted so the load generator is not throttled.
 * Request logs are at BENCH_LOG_LEVEL (default warn): the load generator is not measuring log shipping.
 * BENCH_API_NODE_ARGS adds node flags to the API process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 * BENCH_API_PROCESSES sets API_PROCESSES (default 1; `auto` = one per CPU); benches run their baseline with as many.
 */
async function startApi({ databaseUrl, queuePrefix, env = {} }) {
  const main = path.join(ROOT, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error('dist/ is missing: run `npm run build` (npm run bench:* does it for you)');
  const port = await freePort();
  const proc = startNode(main, {
    name: 'api',
    nodeArgs: (process.env.BENCH_API_NODE_ARGS || '').split(' ').filter(Boolean),
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: `bench:${randomBytes(32).toString('hex')}`,
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_AUTH_MAX: '1000000000',
      MAIL_TRANSPORT: 'local',
      LOCAL_SMTP_PORT: '0',
      SCHEDULES_ENABLED: 'false',
      API_PROCESSES: apiProcesses(),
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/health/ready`, proc, 60_000);
  } catch (error) {
    await proc.stop(2000);
    throw error;
  }
  return { baseUrl, port, proc, stop: () => proc.stop() };
}

/** BENCH_API_PROCESSES as a count (the API and, for a fair comparison, the baseline run that many processes). */
function apiProcesses() {
  const setting = process.env.BENCH_API_PROCESSES || '1';
  return String(setting === 'auto' ? require('node:os').availableParallelism() : Math.max(1, Number(setting) || 1));
}

/** fetch() with JSON in and out; throws with the problem document when the status is not the expected one. */
async function requestJson(baseUrl, { method = 'GET', url, body, token, headers = {}, expect }) {
  const response = await fetch(baseUrl + url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const ok = expect === undefined ? response.ok : [].concat(expect).includes(response.status);
  if (!ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 1000)}`);
  return { status: response.status, headers: response.headers, json };
}

module.exports = { startApi, requestJson, apiProcesses };
