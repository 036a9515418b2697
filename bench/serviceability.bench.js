'use strict';
/**
 * npm run bench:serviceability — GET /v1/serviceability on the hot path pricing uses for every quote.
 *
 * Candidate: the real API (dist/, NODE_ENV=production, PostgreSQL server, Redis, sandbox coverage seeded at start:
 *   ~330,000 lanes over 11 couriers / 20 services) answering GET /v1/serviceability for a metro-to-metro COD parcel
 *   with a bearer token: auth guard, validation, the zone (geo: pincode rows + zone lists), one aggregated
 *   statement for coverage of both pincodes, the company's blocklist and the zone's transit days, the rules for
 *   20 services, serialisation.
 * Baseline: a bare Fastify server running ONE indexed SELECT on the same data (every lane of the two pincodes, by
 *   primary key), in the same run, same database, same concurrency.
 * Goal: candidate p99 < 5 ms (printed with p50, req/s and the throughput ratio to the baseline).
 *
 * Needs ServiceabilityHttpModule in apps/api. Throw-away database on BENCH_PG_URL, Redis key prefix removed afterwards.
 * Knobs as every bench: BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (3 s), BENCH_ROUNDS (5), BENCH_STRICT=1.
 */
const { randomBytes } = require('node:crypto');
const { apiProcesses, startApi, requestJson } = require('./lib/api');
const { createCleanup } = require('./lib/cleanup');
const { createThrowawayDatabase } = require('./lib/database');
const { DEFAULTS, measure, measureInterleaved, assertClean } = require('./lib/load');
const { freePort, startNode, waitForHttp } = require('./lib/process');
const { deleteKeysWithPrefix, uniquePrefix } = require('./lib/redis');
const { printComparison } = require('./lib/report');
const { describeServerLatency, serverLatencyWindow } = require('./lib/server-latency');

const P99_GOAL_MS = 5;
const ORIGIN = '110001';
const DESTINATION = '400001';
const QUERY = `/v1/serviceability?origin=${ORIGIN}&destination=${DESTINATION}&paymentMode=cod&weightGrams=1200&codAmountPaise=150000`;
// The coverage part of the candidate's statement, alone: both pincodes' lanes by primary key.
const LANES_SQL = `select json_agg(json_build_array(courier, service, pincode, prepaid, cod, pickup, reverse, oda, max_weight_grams, max_cod_paise)) as lanes
  from serviceability.coverage where pincode = any($1::bpchar[])`;

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  try {
    const database = await createThrowawayDatabase('serviceability');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = uniquePrefix('bench-svc');
    cleanup.add(`remove Redis keys ${queuePrefix}*`, () => deleteKeysWithPrefix(queuePrefix));

    const api = await startApi({ databaseUrl: database.url, queuePrefix, env: { COURIER_MODE: 'sandbox' } });
    cleanup.add('stop api', () => api.stop());
    say(`api ready on ${api.baseUrl} (database ${database.name}, sandbox coverage seeded) after ${secondsSince(started)} s`);

    const token = await sellerToken(api.baseUrl);
    const answer = await requestJson(api.baseUrl, { url: QUERY, token, expect: [200, 404] });
    if (answer.status === 404) throw new Error('GET /v1/serviceability is not served: import ServiceabilityHttpModule in apps/api/api.module.ts');
    const options = answer.json.options.length;
    if (options === 0) throw new Error(`no serviceable option for ${ORIGIN} -> ${DESTINATION}: is the sandbox coverage seeded? ${JSON.stringify(answer.json).slice(0, 300)}`);

    const barePort = await freePort();
    const bare = startNode('bench/baselines/fastify-pg.js', {
      name: 'bare fastify+pg',
      env: { PORT: String(barePort), DATABASE_URL: database.url, POOL_MAX: process.env.DATABASE_POOL_MAX || '10', PROCESSES: apiProcesses(), ROUTE: '/v1/serviceability', SQL: LANES_SQL, PARAMS: JSON.stringify([`{${ORIGIN},${DESTINATION}}`]) },
    });
    cleanup.add('stop baseline', () => bare.stop());
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareUrl}/health`, bare);
    const probe = await requestJson(bareUrl, { url: '/v1/serviceability' });
    if (!Array.isArray(probe.json?.lanes) || probe.json.lanes.length < options) throw new Error(`baseline found ${probe.json?.lanes?.length} lanes for ${options} options`);

    say(`${options} serviceable options per answer; baseline reads ${probe.json.lanes.length} lanes`);
    say(`load: ${apiProcesses()} API process(es) and as many baseline processes, ${DEFAULTS.connections} connections, ${DEFAULTS.warmupSeconds} s warm-up each, then ${DEFAULTS.rounds} alternating rounds over ${DEFAULTS.durationSeconds} s per target`);
    const window = await serverLatencyWindow(api.baseUrl, 'GET', '/v1/serviceability');
    const rounds = await measureInterleaved(
      { label: 'shipcrowd GET /v1/serviceability', url: `${api.baseUrl}${QUERY}`, headers: { authorization: `Bearer ${token}` } },
      { label: 'bare fastify + 1 indexed SELECT', url: `${bareUrl}/v1/serviceability` },
    );
    const server = await window.finish();
    assertClean(rounds.candidate);
    assertClean(rounds.baseline);

    printComparison(`GET /v1/serviceability (${ORIGIN} -> ${DESTINATION}, COD, ${options} options)`, rounds.candidate, rounds.baseline, 0, rounds);
    const p99Met = rounds.candidate.p99 < P99_GOAL_MS;
    process.stdout.write(`p99 ${rounds.candidate.p99.toFixed(2)} ms at ${DEFAULTS.connections} connections, measured by the client (goal < ${P99_GOAL_MS} ms) ${p99Met ? 'MET' : 'NOT MET'}; p99 ratio to baseline ${(rounds.candidate.p99 / rounds.baseline.p99).toFixed(2)}\n`);
    process.stdout.write(`${describeServerLatency(server)} (goal < ${P99_GOAL_MS} ms) ${server.p99 < P99_GOAL_MS ? 'MET' : 'NOT MET'} server-side\n`);
    // Little's law: at N connections, p50 >= N / throughput. The service time of one request is seen at one connection.
    const seconds = Math.max(2, Math.round(DEFAULTS.durationSeconds / 2));
    const single = await measure('shipcrowd, 1 connection', { url: `${api.baseUrl}${QUERY}`, headers: { authorization: `Bearer ${token}` }, connections: 1, durationSeconds: seconds, warmupSeconds: 1 });
    const bareSingle = await measure('baseline, 1 connection', { url: `${bareUrl}/v1/serviceability`, connections: 1, durationSeconds: seconds, warmupSeconds: 1 });
    for (const r of [single, bareSingle]) process.stdout.write(`${r.label.padEnd(26)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ${r.rps.toFixed(0)} req/s\n`);
    process.stdout.write('\n');
    await cleanup.run();
    say(`done in ${secondsSince(started)} s`);
    if (!p99Met && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`bench:serviceability failed: ${error.message}\n`);
    process.exitCode = 1;
    await cleanup.run();
  }
}

/** A seller (owner of a fresh company, so rates.read): POST /v1/auth/register answers with an access token. */
async function sellerToken(baseUrl) {
  const suffix = randomBytes(6).toString('hex');
  const body = { name: 'Bench Seller', email: `svc-${suffix}@example.com`, password: `Svc-${randomBytes(9).toString('base64url')}-7`, phone: '+919876543210', companyName: `Bench Pincodes ${suffix}` };
  const res = await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/register', body, expect: [200, 201] });
  const token = res.json?.accessToken;
  if (!token) throw new Error(`POST /v1/auth/register returned no accessToken: ${JSON.stringify(res.json).slice(0, 300)}`);
  return token;
}

function say(message) {
  process.stdout.write(`bench:serviceability ${message}\n`);
}

function secondsSince(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main();
