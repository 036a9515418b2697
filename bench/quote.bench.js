'use strict';
/**
 * npm run bench:quote — POST /v1/rates/quote across all 11 couriers (every serviceable courier/service of the
 * sandbox network, priced from the sandbox platform cards) at 50 concurrent connections.
 *
 * Candidate: the real API (dist/, NODE_ENV=production, PostgreSQL server, Redis): rate limiter, auth guard, DTO
 *   validation, quote cache lookup (pricing + serviceability revisions), and on a miss the serviceability check,
 *   the rate-card read models, GST state, pricing of ~20 options, scoring and the cache write.
 *   - cache hit: the same request over and over;
 *   - cache miss: every request differs (its COD amount changes per request, its weight stays one every courier
 *     carries), so each one prices all 11 couriers again.
 * Baseline: a bare Fastify server doing one indexed SELECT of an active rate card (the same data) through `pg`,
 *   in the same run, on the same database, at the same concurrency.
 * Goal: candidate p99 < 15 ms. Prints p50/p99/req/s for each and the ratios against the baseline.
 *
 * If apps/api does not import the pricing and serviceability HTTP modules yet, the bench preloads this file into the
 * API process to add them to the built ApiModule (same code, same process shape). Knobs as in bench/README.md.
 */
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const autocannon = require('autocannon');
const { apiProcesses, startApi, requestJson } = require('./lib/api');
const { createCleanup } = require('./lib/cleanup');
const { createThrowawayDatabase } = require('./lib/database');
const { DEFAULTS, measureInterleaved, assertClean } = require('./lib/load');
const { ROOT, freePort, startNode, waitForHttp } = require('./lib/process');
const { deleteKeysWithPrefix, uniquePrefix } = require('./lib/redis');
const { printComparison } = require('./lib/report');
const { describeServerLatency, serverLatencyWindow } = require('./lib/server-latency');

const GOAL_P99_MS = 15;
const BASELINE_SQL = `select c.id, c.courier, c.service, v.version, v.terms from pricing.rate_cards c
  join pricing.rate_card_versions v on v.rate_card_id = c.id and v.status = 'active'
  where c.scope = 'base' and c.company_id is null and c.courier = $1 and c.service = $2 and c.retired_at is null limit 1`;
const QUOTE = { originPincode: '110001', destinationPincode: '400001', paymentMode: 'cod', codAmountPaise: 149900, weightGrams: 1200, dimensionsCm: { length: 30, breadth: 20, height: 10 }, declaredValuePaise: 149900 };

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  try {
    const database = await createThrowawayDatabase('quote');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = uniquePrefix('bench-quote');
    cleanup.add(`remove Redis keys ${queuePrefix}*`, () => deleteKeysWithPrefix(queuePrefix));

    let api = await startApi({ databaseUrl: database.url, queuePrefix });
    cleanup.add('stop api', () => api.stop());
    const { token } = await signUpAndSignIn(api.baseUrl);
    const probe = await fetch(`${api.baseUrl}/v1/rates/quote`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(QUOTE) });
    if (probe.status === 404) {
      log('apps/api does not serve /v1/rates/quote yet: serving ApiModule + ServiceabilityHttpModule + PricingHttpModule from dist/ instead');
      await api.stop();
      api = await startWithQuoteModules({ databaseUrl: database.url, queuePrefix });
      cleanup.add('stop api (with quote modules)', () => api.stop());
    }
    log(`api ready on ${api.baseUrl} (database ${database.name}) after ${seconds(started)} s`);
    const session = await signUpAndSignIn(api.baseUrl);
    const first = await requestJson(api.baseUrl, { method: 'POST', url: '/v1/rates/quote', body: QUOTE, token: session.token, expect: 200 });
    const couriers = new Set(first.json.options.map((o) => o.courier));
    log(`one quote: ${first.json.options.length} options from ${couriers.size} couriers, zone ${first.json.zone}, recommended ${first.json.recommended?.courier}/${first.json.recommended?.service}`);
    if (couriers.size < 11) throw new Error(`expected quotes from 11 couriers, got ${couriers.size}: ${[...couriers].join(', ')}`);

    const barePort = await freePort();
    const bare = startNode('bench/baselines/fastify-pg.js', {
      name: 'bare fastify+pg',
      env: { PORT: String(barePort), DATABASE_URL: database.url, POOL_MAX: process.env.DATABASE_POOL_MAX || '10', PROCESSES: apiProcesses(), ROUTE: '/rate-card', SQL: BASELINE_SQL, PARAMS: JSON.stringify(['delhivery', 'surface']) },
    });
    cleanup.add('stop baseline', () => bare.stop());
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareUrl}/health`, bare);
    const baselineProbe = await requestJson(bareUrl, { url: '/rate-card' });
    if (baselineProbe.json?.courier !== 'delhivery') throw new Error(`baseline found no card: ${JSON.stringify(baselineProbe.json)}`);

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
    log(`load: ${apiProcesses()} API process(es) and as many baseline processes, ${DEFAULTS.connections} connections, ${DEFAULTS.warmupSeconds} s warm-up, ${DEFAULTS.rounds} alternating rounds over ${DEFAULTS.durationSeconds} s per target`);

    // 1. cache hit: the same request
    const hitWindow = await serverLatencyWindow(api.baseUrl, 'POST', '/v1/rates/quote');
    const hit = await measureInterleaved(
      { label: 'quote (cache hit)', url: `${api.baseUrl}/v1/rates/quote`, method: 'POST', headers, body: JSON.stringify(QUOTE) },
      { label: 'bare fastify + pg SELECT', url: `${bareUrl}/rate-card` },
    );
    const hitServer = await hitWindow.finish();
    assertClean(hit.candidate);
    assertClean(hit.baseline);
    printComparison('POST /v1/rates/quote, cache hit (11 couriers) vs one indexed SELECT', hit.candidate, hit.baseline, 0, hit);

    // 2. cache miss: every request has a COD amount no earlier request had, and a weight every courier still carries
    //    (0.5-9.5 kg: under the express services' 10 kg limit), so each one prices all 11 couriers again.
    const missRounds = [];
    const baseRounds = [];
    const perRound = Math.max(1, Math.round(DEFAULTS.durationSeconds / DEFAULTS.rounds));
    let sequence = 0;
    const variant = () => {
      sequence += 1;
      return { ...QUOTE, weightGrams: 500 + (sequence % 9000), codAmountPaise: QUOTE.codAmountPaise + sequence };
    };
    const sample = await requestJson(api.baseUrl, { method: 'POST', url: '/v1/rates/quote', body: variant(), token: session.token, expect: 200 });
    if (sample.json.options.length !== first.json.options.length) {
      throw new Error(`a cache-miss request should price the same ${first.json.options.length} options, got ${sample.json.options.length}`);
    }
    const varied = { label: 'quote (cache miss)', url: `${api.baseUrl}/v1/rates/quote`, method: 'POST', headers, setupRequest: (req) => ({ ...req, body: JSON.stringify(variant()) }) };
    await run({ ...varied, duration: DEFAULTS.warmupSeconds });
    const missWindow = await serverLatencyWindow(api.baseUrl, 'POST', '/v1/rates/quote');
    for (let round = 0; round < DEFAULTS.rounds; round++) {
      missRounds.push(await run({ ...varied, duration: perRound }));
      baseRounds.push(await run({ label: 'bare fastify + pg SELECT', url: `${bareUrl}/rate-card`, duration: perRound }));
    }
    const missServer = await missWindow.finish();
    const miss = summarise('quote (cache miss)', missRounds);
    const base = summarise('bare fastify + pg SELECT', baseRounds);
    assertClean(miss);
    assertClean(base);
    const ratios = missRounds.map((m, i) => m.rps / baseRounds[i].rps);
    printComparison('POST /v1/rates/quote, cache miss (every request priced) vs one indexed SELECT', miss, base, 0, { ratios, ratio: median(ratios) });

    const verdict = (label, s, server) =>
      `${label}: p99 ${s.p99.toFixed(2)} ms by the client (goal < ${GOAL_P99_MS} ms) ${s.p99 < GOAL_P99_MS ? 'MET' : 'NOT MET'}; p99 ${(s.p99 / Math.max(base.p99, 0.01)).toFixed(1)}x the baseline's\n  ${describeServerLatency(server)}`;
    process.stdout.write(`${verdict('cache hit ', hit.candidate, hitServer)}\n${verdict('cache miss', miss, missServer)}\n\n`);
    await cleanup.run();
    log(`done in ${seconds(started)} s`);
    if (process.env.BENCH_STRICT === '1' && !(hit.candidate.p99 < GOAL_P99_MS && miss.p99 < GOAL_P99_MS)) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`bench:quote failed: ${error.message}\n`);
    process.exitCode = 1;
    await cleanup.run();
  }
}

function run(options) {
  const { label, ...rest } = options;
  const { setupRequest, ...common } = rest;
  const config = { connections: DEFAULTS.connections, pipelining: 1, timeout: 10, ...common };
  if (setupRequest) config.requests = [{ setupRequest }];
  return new Promise((resolve, reject) =>
    autocannon(config, (error, r) =>
      error ? reject(error) : resolve({ label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts }),
    ),
  );
}

function summarise(label, rounds) {
  return {
    label,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The API as startApi() runs it, with this file preloaded (--require): the preload adds the serviceability and pricing
 * HTTP modules to the built ApiModule before main.js boots it.
 */
function startWithQuoteModules({ databaseUrl, queuePrefix }) {
  process.env.BENCH_API_NODE_ARGS = `${process.env.BENCH_API_NODE_ARGS || ''} --require ${__filename}`.trim();
  return startApi({ databaseUrl, queuePrefix });
}

function addQuoteModulesToApi() {
  require('reflect-metadata');
  const dist = (p) => require(path.join(ROOT, 'dist', p));
  const { ApiModule } = dist('apps/api/api.module.js');
  const { ServiceabilityHttpModule } = dist('libs/serviceability/src/index.js');
  const { PricingHttpModule } = dist('libs/pricing/src/index.js');
  const imports = Reflect.getMetadata('imports', ApiModule) || [];
  Reflect.defineMetadata('imports', [...imports, ServiceabilityHttpModule, PricingHttpModule], ApiModule);
}

/** POST /v1/auth/register, then POST /v1/auth/login. */
async function signUpAndSignIn(baseUrl) {
  const email = `bench-${randomBytes(6).toString('hex')}@example.com`;
  const password = `Bench-${randomBytes(9).toString('base64url')}-9`;
  await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/register', body: { name: 'Bench User', email, password, phone: '+919876543210', companyName: 'Bench Traders' }, expect: [200, 201] });
  const login = await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/login', body: { email, password }, expect: [200, 201] });
  const token = login.json?.accessToken;
  if (!token) throw new Error('POST /v1/auth/login returned no access token');
  return { token };
}

function log(message) {
  process.stdout.write(`bench:quote ${message}\n`);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

if (require.main === module) main();
else if (/dist[\\/]apps[\\/]api[\\/]main\.js$/.test(process.argv[1] || '')) addQuoteModulesToApi();
