'use strict';
/**
 * npm run bench:http — the cost of Shipcrowd's HTTP stack on an authenticated read.
 *
 * Candidate: the real API (dist/, NODE_ENV=production, PostgreSQL server, Redis) serving GET /v1/me with a
 *   bearer token: Fastify + Nest, rate limiter (Redis), auth guard (JWT + session check), CQRS query,
 *   a transaction with the row-level-security settings, serialisation.
 * Baseline: a bare Fastify server doing the same primary-key SELECT of the user row through `pg`, in the
 *   same run, on the same database, at the same concurrency.
 * Goal: candidate req/s >= 0.5 x baseline req/s.
 *
 * Uses a throw-away database (dropped afterwards) on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432),
 * Redis at REDIS_URL with a unique key prefix (removed afterwards). Knobs: BENCH_CONNECTIONS (50),
 * BENCH_DURATION (10 s per target), BENCH_WARMUP (3 s), BENCH_ROUNDS (5 alternating rounds), BENCH_LOG_LEVEL (warn), BENCH_STRICT=1 (exit 1 when the goal is missed).
 */
const { randomBytes } = require('node:crypto');
const { apiProcesses, startApi, requestJson } = require('./lib/api');
const { createCleanup } = require('./lib/cleanup');
const { createThrowawayDatabase } = require('./lib/database');
const { DEFAULTS, measureInterleaved, assertClean } = require('./lib/load');
const { freePort, startNode, waitForHttp } = require('./lib/process');
const { deleteKeysWithPrefix, uniquePrefix } = require('./lib/redis');
const { printComparison } = require('./lib/report');

const GOAL = 0.5;
// The statement GET /v1/me's query handler runs (libs/identity/src/application/queries/get-me).
const USER_SQL = `select id, name, email, email_verified_at, phone, backup_email, backup_email_verified_at, avatar_key,
  platform_admin, status, deletion_scheduled_for from identity.users where id = $1 limit 1`;

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  try {
    const database = await createThrowawayDatabase('http');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = uniquePrefix('bench-http');
    cleanup.add(`remove Redis keys ${queuePrefix}*`, () => deleteKeysWithPrefix(queuePrefix));

    const api = await startApi({ databaseUrl: database.url, queuePrefix });
    cleanup.add('stop api', () => api.stop());
    log(`api ready on ${api.baseUrl} (database ${database.name}) after ${seconds(started)} s`);

    const { token, userId } = await signUpAndSignIn(api.baseUrl);

    const barePort = await freePort();
    const bare = startNode('bench/baselines/fastify-pg.js', {
      name: 'bare fastify+pg',
      env: {
        PORT: String(barePort),
        DATABASE_URL: database.url,
        POOL_MAX: process.env.DATABASE_POOL_MAX || '10', PROCESSES: apiProcesses(),
        ROUTE: '/v1/me',
        SQL: USER_SQL,
        PARAMS: JSON.stringify([userId]),
      },
    });
    cleanup.add('stop baseline', () => bare.stop());
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareUrl}/health`, bare);
    const probe = await requestJson(bareUrl, { url: '/v1/me' });
    if (probe.json?.id !== userId) throw new Error(`baseline did not find the user row: ${JSON.stringify(probe.json)}`);

    log(`load: ${DEFAULTS.connections} connections, ${DEFAULTS.warmupSeconds} s warm-up each, then ${DEFAULTS.rounds} alternating rounds over ${DEFAULTS.durationSeconds} s per target`);
    const rounds = await measureInterleaved(
      { label: 'shipcrowd GET /v1/me', url: `${api.baseUrl}/v1/me`, headers: { authorization: `Bearer ${token}` } },
      { label: 'bare fastify + pg', url: `${bareUrl}/v1/me` },
    );
    assertClean(rounds.candidate);
    assertClean(rounds.baseline);

    const { met } = printComparison('GET /v1/me (authenticated primary-key read)', rounds.candidate, rounds.baseline, GOAL, rounds);
    await cleanup.run();
    log(`done in ${seconds(started)} s`);
    if (!met && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`bench:http failed: ${error.message}\n`);
    process.exitCode = 1;
    await cleanup.run();
  }
}

/** POST /v1/auth/register, then POST /v1/auth/login, then GET /v1/me to learn the user id. */
async function signUpAndSignIn(baseUrl) {
  const email = `bench-${randomBytes(6).toString('hex')}@example.com`;
  const password = `Bench-${randomBytes(9).toString('base64url')}-9`;
  const registration = { name: 'Bench User', email, password, phone: '+919876543210', companyName: 'Bench Traders' };
  await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/register', body: registration, expect: [200, 201] });
  const login = await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/login', body: { email, password }, expect: [200, 201] });
  const token = findAccessToken(login.json);
  if (!token) throw new Error(`POST /v1/auth/login returned no access token: ${JSON.stringify(login.json).slice(0, 500)}`);
  const me = await requestJson(baseUrl, { url: '/v1/me', token });
  const userId = me.json?.id ?? me.json?.user?.id;
  if (!userId) throw new Error(`GET /v1/me returned no user id: ${JSON.stringify(me.json).slice(0, 500)}`);
  return { token, userId };
}

function findAccessToken(body) {
  return body?.accessToken ?? body?.tokens?.accessToken ?? body?.access_token;
}

function log(message) {
  process.stdout.write(`bench:http ${message}\n`);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main();
