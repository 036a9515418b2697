'use strict';
/**
 * npm run bench:tracking — signed Xpressbees tracking webhooks into POST /v1/courier-webhooks/xpressbees at 50
 * concurrent connections, every body a distinct scan sent exactly once, then every scan counted in the database.
 *
 * Candidate: the real API (dist/, NODE_ENV=production, COURIER_MODE=sandbox, PostgreSQL server, Redis): rate limiter,
 *   raw body kept, HMAC-SHA256 signature checked by the Xpressbees adapter, body parsed into a scan, one Bull job per
 *   body; answered 202. Then the worker (dist/apps/worker/main.js) records the queued scans into
 *   shipping.shipment_events, and the bench waits until the webhook rows there equal the scans sent: none lost.
 * Baseline: a bare Fastify route (bench/baselines/fastify-accept.js) that JSON-parses the same bodies and answers
 *   202, fired with the same bodies at the same concurrency in alternating rounds of the same run.
 * Goal: ≥ 3,000 events/s accepted, every one answered 202 and recorded. Exits 1 when an event is lost or a request
 *   is not answered 202; with BENCH_STRICT=1 also when the throughput goal is missed.
 *
 * Setup: a seller with a Bengaluru warehouse (560058) and BENCH_TRACKING_SHIPMENTS (300) orders to Mumbai (400001),
 *   each booked with Xpressbees on the sandbox simulator for a real AWB. Scans are AWB x minute (PKD first, IT, OFD
 *   last), sent minute by minute so each shipment's scans arrive in time order, as a courier would push them.
 *
 * Knobs: BENCH_TRACKING_EVENTS (30000, measured), BENCH_TRACKING_WARMUP_EVENTS (3000, sent to both first, recorded
 *   too), BENCH_TRACKING_SHIPMENTS (300), BENCH_TRACKING_WORKER (after | during: start the worker after the load, so
 *   the accept rate is the API's alone, or before it, as production runs), BENCH_TRACKING_DRAIN_TIMEOUT (900 s),
 *   BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_LOG_LEVEL, BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS, BENCH_STRICT.
 */
const { createHmac, randomBytes } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const os = require('node:os');
const autocannon = require('autocannon');
const Redis = require('ioredis');
const { Client } = require('pg');
const { startApi, requestJson } = require('./lib/api');
const { createCleanup } = require('./lib/cleanup');
const { createThrowawayDatabase } = require('./lib/database');
const { DEFAULTS } = require('./lib/load');
const { freePort, startNode, waitForHttp } = require('./lib/process');
const { deleteKeysWithPrefix, uniquePrefix } = require('./lib/redis');
const { printComparison } = require('./lib/report');

const GOAL_EVENTS_PER_SECOND = 3000;
const EVENTS = positive('BENCH_TRACKING_EVENTS', 30_000);
const WARMUP_EVENTS = Number(process.env.BENCH_TRACKING_WARMUP_EVENTS ?? 3_000);
const SHIPMENTS = positive('BENCH_TRACKING_SHIPMENTS', 300);
const WORKER_DURING_LOAD = process.env.BENCH_TRACKING_WORKER === 'during';
const DRAIN_TIMEOUT_MS = positive('BENCH_TRACKING_DRAIN_TIMEOUT', 900) * 1000;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const COURIER = 'xpressbees';
const SIGNATURE_HEADER = 'x-xpressbees-signature';
const WEBHOOK_SECRET = 'sandbox-xpressbees-webhook-secret'; // XpressbeesAdapter.sandboxCredentials (COURIER_MODE=sandbox)
const INGEST_QUEUE = 'shipping-tracking-ingest';
const HUBS = ['Bangalore Hoskote Hub', 'Nagpur Gateway', 'Bhiwandi Hub', 'Mumbai Andheri DC'];
const DAY_START = Math.floor((Date.now() - 3 * 86_400_000) / 86_400_000) * 86_400_000; // 05:30 India time, three days ago

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  const loadBefore = os.loadavg();
  let failed = false;
  try {
    const database = await createThrowawayDatabase('tracking');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = uniquePrefix('bench-tracking');
    cleanup.add(`remove Redis keys ${queuePrefix}*`, () => deleteKeysWithPrefix(queuePrefix));
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanup.add('close Redis', () => redis.disconnect());
    const db = new Client({ connectionString: database.url });
    await db.connect();
    cleanup.add('close database client', () => db.end());

    const api = await startApi({ databaseUrl: database.url, queuePrefix, env: { COURIER_MODE: 'sandbox' } });
    cleanup.add('stop api', () => api.stop());
    let worker;
    const launchWorker = () => {
      worker = startWorker(database.url, queuePrefix);
      cleanup.add('stop worker', () => worker.stop());
      return Date.now();
    };
    let workerStartedAt = WORKER_DURING_LOAD ? launchWorker() : undefined;
    log(`api ready on ${api.baseUrl} (database ${database.name}, queue prefix ${queuePrefix}) after ${seconds(started)} s`);

    const shipments = await bookShipments(api.baseUrl);
    log(`${shipments.length} shipments booked with ${COURIER} after ${seconds(started)} s`);

    const barePort = await freePort();
    const bare = startNode('bench/baselines/fastify-accept.js', { name: 'bare fastify accept', env: { PORT: String(barePort) } });
    cleanup.add('stop baseline', () => bare.stop());
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareUrl}/health`, bare);

    const warmup = signedScans(shipments, 0, WARMUP_EVENTS);
    const measured = signedScans(shipments, WARMUP_EVENTS, EVENTS);
    const total = warmup.length + measured.length;
    log(`${total} distinct signed scans (${warmup.length} warm-up + ${measured.length} measured, ${(measured[0].payload.length)} bytes each), ${DEFAULTS.connections} connections, ${DEFAULTS.rounds} alternating rounds; worker ${WORKER_DURING_LOAD ? 'running during the load' : 'started after the load'}`);

    const candidateUrl = `${api.baseUrl}/v1/courier-webhooks/${COURIER}`;
    const baselineUrl = `${bareUrl}/courier-webhooks/${COURIER}`;
    const runs = { candidate: [], baseline: [] };
    if (warmup.length) {
      runs.candidate.push(await fire('warm-up', candidateUrl, warmup));
      runs.baseline.push(await fire('warm-up', baselineUrl, warmup));
    }
    const cpu = { candidate: cpuMeter({ api: api.proc.child.pid, worker: worker?.child.pid }), baseline: cpuMeter({ baseline: bare.child.pid }) };
    const measuredRuns = { candidate: [], baseline: [] };
    for (const chunk of chunks(measured, DEFAULTS.rounds)) {
      measuredRuns.candidate.push(await cpu.candidate.during(() => fire('webhook ingest (API)', candidateUrl, chunk)));
      measuredRuns.baseline.push(await cpu.baseline.during(() => fire('bare fastify accept', baselineUrl, chunk)));
    }
    runs.candidate.push(...measuredRuns.candidate);
    runs.baseline.push(...measuredRuns.baseline);
    const loadAfterLoad = os.loadavg();

    const candidate = summarise('webhook ingest (API)', measuredRuns.candidate);
    const baseline = summarise('bare fastify accept', measuredRuns.baseline);
    const ratios = measuredRuns.candidate.map((run, i) => run.rps / measuredRuns.baseline[i].rps);
    printComparison(`POST /v1/courier-webhooks/${COURIER}, signed, one distinct scan per body, vs a bare Fastify JSON route`, candidate, baseline, 0, { ratios, ratio: median(ratios) });

    const problems = [];
    for (const [name, list] of Object.entries(runs)) {
      const all = summarise(name, list);
      const sentBodies = list.reduce((n, r) => n + r.sent, 0);
      if (sentBodies !== total) problems.push(`${name}: sent ${sentBodies} bodies, expected ${total}`);
      if (all.non2xx || all.errors || all.statuses[202] !== total) problems.push(`${name}: answers ${JSON.stringify(all.statuses)}, ${all.errors} errors/timeouts, expected ${total} x 202`);
    }
    const { received } = (await requestJson(bareUrl, { url: '/health' })).json;
    if (received !== total) problems.push(`baseline received ${received} bodies, expected ${total}`);
    const queued = await queueCounts(redis, queuePrefix);
    log(`after the load: ingest queue ${JSON.stringify(queued)}`);
    if (!WORKER_DURING_LOAD && queued.waiting !== total) problems.push(`${queued.waiting} ingest jobs waiting after the load, expected one per scan: ${total}`);

    workerStartedAt ??= launchWorker();
    const drain = await waitForScans(db, total, { since: WORKER_DURING_LOAD ? Date.now() : workerStartedAt, worker, redis, queuePrefix });
    const failedJobs = (await queueCounts(redis, queuePrefix)).failed;
    if (drain.recorded !== total) problems.push(`recorded ${drain.recorded} scans of ${total} sent: ${total - drain.recorded} lost`);
    if (failedJobs) problems.push(`${failedJobs} ingest jobs failed: ${await firstFailure(redis, queuePrefix)}`);
    const statuses = (await db.query(`select status, count(*)::int as n from shipping.shipments group by status order by status`)).rows;

    const rate = candidate.rps;
    const met = rate >= GOAL_EVENTS_PER_SECOND && problems.length === 0;
    const loadEnd = os.loadavg();
    process.stdout.write(
      [
        `accepted   ${fmt(rate)} events/s (total ${candidate.requests} in ${candidate.seconds.toFixed(2)} s, median of rounds ${fmt(candidate.medianRps)}), p50 ${candidate.p50.toFixed(2)} ms, p99 ${candidate.p99.toFixed(2)} ms`,
        `baseline   ${fmt(baseline.rps)} req/s, p50 ${baseline.p50.toFixed(2)} ms, p99 ${baseline.p99.toFixed(2)} ms; candidate/baseline ${(rate / baseline.rps).toFixed(2)}`,
        `goal       >= ${fmt(GOAL_EVENTS_PER_SECOND)} events/s accepted: ${rate >= GOAL_EVENTS_PER_SECOND ? 'MET' : 'NOT MET'}`,
        `processed  ${drain.recorded} of ${total} scans sent (${total - drain.recorded} lost), ${failedJobs} failed jobs`,
        WORKER_DURING_LOAD
          ? `drain      ${drain.startedWith} recorded while the load ran; the rest in ${drain.seconds.toFixed(1)} s after it (${fmt(drain.rate)} scans/s, worker ${drain.workerCores?.toFixed(2) ?? '?'} cores busy)`
          : `drain      ${drain.seconds.toFixed(1)} s from worker start: first scan recorded after ${drain.firstSeconds.toFixed(1)} s, then ${fmt(drain.rate)} scans/s (worker ${drain.workerCores?.toFixed(2) ?? '?'} cores busy)`,
        `shipments  ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`,
        `CPU/event  api ${cpu.candidate.msPer('api', candidate.requests).toFixed(3)} ms per accepted event, bare Fastify ${cpu.baseline.msPer('baseline', baseline.requests).toFixed(3)} ms per request (1 core / API CPU per event = ${fmt(1 / cpu.candidate.msPer('api', candidate.requests) * 1000)} events/s)`,
        `CPU cores  candidate rounds: ${cpu.candidate.describe()}`,
        `           baseline rounds:  ${cpu.baseline.describe()}`,
        `machine    ${os.cpus().length} cores; load average (1/5/15 min) at start ${loads(loadBefore)}, after the load ${loads(loadAfterLoad)}, at the end ${loads(loadEnd)}`,
        ...(problems.length ? ['', 'PROBLEMS:', ...problems.map((p) => `  - ${p}`)] : ['', 'none lost, every request answered 202']),
        '',
      ].join('\n'),
    );
    failed = problems.length > 0 || (process.env.BENCH_STRICT === '1' && !met);
    await cleanup.run();
    log(`done in ${seconds(started)} s`);
  } catch (error) {
    process.stderr.write(`bench:tracking failed: ${error.stack || error.message}\n`);
    failed = true;
    await cleanup.run();
  }
  if (failed) process.exitCode = 1;
}

/** A seller, a Bengaluru warehouse open all day, and SHIPMENTS orders to Mumbai each booked with Xpressbees. */
async function bookShipments(baseUrl) {
  const password = `Bench-${randomBytes(9).toString('base64url')}-9`;
  const registration = { name: 'Bench Seller', email: `bench-${randomBytes(6).toString('hex')}@example.com`, password, phone: '+919876543210', companyName: 'Bench Trackers' };
  await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/register', body: registration, expect: [200, 201] });
  const token = (await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/login', body: { email: registration.email, password }, expect: [200, 201] })).json?.accessToken;
  if (!token) throw new Error('POST /v1/auth/login returned no access token');
  const call = (method, url, body, expect) => requestJson(baseUrl, { method, url, body, token, expect }).then((r) => r.json);

  const warehouse = await call('POST', '/v1/warehouses', { code: 'BLR-1', name: 'Bench warehouse', contactName: 'Ravi Kumar', contactPhone: '+919876543210', addressLine1: 'Plot 42, Peenya Industrial Area', pincode: '560058' }, 201);
  const day = { closed: false, open: '00:00', close: '23:59' };
  await call('PATCH', `/v1/warehouses/${warehouse.id}`, { operatingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, day])) }, 200);

  return inParallel(SHIPMENTS, 8, async (i) => {
    const order = await call('POST', '/v1/orders', {
      paymentMode: i % 3 === 0 ? 'cod' : 'prepaid',
      buyer: { name: `Buyer ${i}`, phone: `9${String(700000000 + i)}`, email: `buyer${i}@example.in` },
      shippingAddress: { line1: `Flat ${i}, 12 Marine Drive`, landmark: 'Near Churchgate', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' },
      items: [{ sku: 'TS-BLK-M', name: 'Black T-shirt', quantity: 2, unitPricePaise: 49900, taxRatePercent: 5 }],
      packages: [{ weightGrams: 500, lengthCm: 30, breadthCm: 20, heightCm: 5 }],
    }, 201);
    const booked = await call('POST', '/v1/shipments', { orderId: order.id, courier: COURIER }, 201);
    return { awb: booked.awb, reference: order.orderNumber };
  });
}

/**
 * `count` scans from the `from`-th on, as signed webhook bodies. Scan j is shipment j mod n at minute j / n of a day
 * three days ago, so every body is a distinct (AWB, code, time) and minutes go forward as j does.
 */
function signedScans(shipments, from, count) {
  const n = shipments.length;
  const lastMinute = Math.floor((WARMUP_EVENTS + EVENTS - 1) / n);
  const scans = [];
  for (let j = from; j < from + count; j++) {
    const minute = Math.floor(j / n);
    const [code, status] = minute === 0 ? ['PKD', 'Picked'] : minute === lastMinute ? ['OFD', 'Out for delivery'] : ['IT', 'In Transit'];
    const shipment = shipments[j % n];
    const body = { awb_number: shipment.awb, order_number: shipment.reference, status_code: code, status, location: HUBS[minute % HUBS.length], event_time: indiaTime(DAY_START + minute * 60_000), message: `${status} (bench scan ${j})` };
    const payload = Buffer.from(JSON.stringify(body));
    scans.push({ payload, signature: createHmac('sha256', WEBHOOK_SECRET).update(payload).digest('hex') });
  }
  return scans;
}

/**
 * Sends each scan exactly once (autocannon `amount`, a request generator walking the list) and keeps every answer's
 * status and latency. rps is scans / time from the first request built to the last answer. autocannon stops on its
 * sampling tick: a 100 ms tick (not 1 s) keeps idle time out of the CPU figures of these short runs.
 */
function fire(label, url, scans) {
  let next = 0;
  const statuses = {};
  const latencies = [];
  let first;
  let last;
  const setupRequest = (request) => {
    first ??= process.hrtime.bigint();
    const scan = scans[Math.min(next, scans.length - 1)];
    next += 1;
    return { ...request, body: scan.payload, headers: { ...request.headers, [SIGNATURE_HEADER]: scan.signature } };
  };
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json' }, connections: Math.min(DEFAULTS.connections, scans.length), pipelining: 1, timeout: 10, sampleInt: 100, amount: scans.length, requests: [{ setupRequest }] };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const wall = Number(last - first) / 1e9;
      resolve({ label, sent: next, seconds: wall, rps: scans.length / wall, statuses, latencies, non2xx: result.non2xx, errors: result.errors + result.timeouts });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = process.hrtime.bigint();
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      latencies.push(responseTime);
    });
  });
}

/** Rounds of one target as one summary: rps over all rounds' wall time; p50/p99 over every request's latency. */
function summarise(label, runs) {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const requests = runs.reduce((n, r) => n + r.sent, 0);
  const latencies = Float64Array.from(runs.flatMap((r) => r.latencies)).sort();
  const statuses = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    label,
    rps: requests / seconds,
    medianRps: median(runs.map((r) => r.rps)),
    seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests,
    statuses,
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/** The worker as production runs it, on the same database and queue prefix as the API. */
function startWorker(databaseUrl, queuePrefix) {
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: `bench:${randomBytes(32).toString('hex')}` };
  const env = { NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn', DATABASE_URL: databaseUrl, REDIS_URL, QUEUE_PREFIX: queuePrefix, COURIER_MODE: 'sandbox' };
  return startNode('dist/apps/worker/main.js', {
    name: 'worker',
    nodeArgs: (process.env.BENCH_WORKER_NODE_ARGS || '').split(' ').filter(Boolean),
    env: { ...env, ...secrets, MAIL_TRANSPORT: 'local', LOCAL_SMTP_PORT: '0', SCHEDULES_ENABLED: 'false' },
  });
}

/**
 * Polls the webhook rows of shipping.shipment_events until they reach `expected` (progress every 5 s); stops early
 * when the ingest queue is empty and nothing was recorded for 5 s (scans lost), or nothing moved for 120 s.
 */
async function waitForScans(db, expected, { since, worker, redis, queuePrefix }) {
  const count = async () => (await db.query(`select count(*)::int as n from shipping.shipment_events where source = 'webhook'`)).rows[0].n;
  const deadline = since + DRAIN_TIMEOUT_MS;
  let recorded = await count();
  const startedWith = recorded;
  let first = recorded > 0 ? since : undefined;
  const workerTicks = () => ticksOf({ worker: worker.child.pid }).worker;
  let ticksAtFirst = first === undefined ? undefined : workerTicks();
  let lastPrint = Date.now();
  let lastProgress = { at: Date.now(), recorded };
  let died = false;
  worker.exited.then(() => (died = true));
  while (recorded < expected) {
    if (died) throw new Error(`the worker exited with ${recorded} of ${expected} scans recorded:\n${worker.output()}`);
    if (Date.now() > deadline) {
      log(`gave up after ${DRAIN_TIMEOUT_MS / 1000} s; queue ${JSON.stringify(await queueCounts(redis, queuePrefix))}`);
      break;
    }
    if (Date.now() - lastProgress.at > 5000) {
      const queue = await queueCounts(redis, queuePrefix);
      if (queue.waiting + queue.active + queue.delayed === 0) {
        log(`the ingest queue is empty with ${recorded} of ${expected} scans recorded: ${JSON.stringify(queue)}`);
        break;
      }
      if (Date.now() - lastProgress.at > 120_000) {
        log(`no progress for 120 s; queue ${JSON.stringify(queue)}; worker output:\n${worker.output()}`);
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    recorded = await count();
    if (recorded > 0 && first === undefined) {
      first = Date.now();
      ticksAtFirst = workerTicks();
    }
    if (recorded !== lastProgress.recorded) lastProgress = { at: Date.now(), recorded };
    if (Date.now() - lastPrint >= 5000) {
      lastPrint = Date.now();
      log(`processing: ${recorded} of ${expected} recorded after ${seconds(since)} s`);
    }
  }
  const end = Date.now();
  first ??= end;
  const ticks = workerTicks();
  const workerCores = ticks === null || ticksAtFirst == null ? null : (ticks - ticksAtFirst) / 100 / Math.max((end - first) / 1000, 0.001);
  return { recorded, startedWith, seconds: (end - since) / 1000, firstSeconds: (first - since) / 1000, rate: (recorded - startedWith) / Math.max((end - first) / 1000, 0.001), workerCores };
}

async function queueCounts(redis, prefix) {
  const key = (name) => `${prefix}:${INGEST_QUEUE}:${name}`;
  const [waiting, active, delayed, failed, completed] = await Promise.all([redis.llen(key('wait')), redis.llen(key('active')), redis.zcard(key('delayed')), redis.zcard(key('failed')), redis.zcard(key('completed'))]);
  return { waiting, active, delayed, failed, completed };
}

async function firstFailure(redis, prefix) {
  const [id] = await redis.zrange(`${prefix}:${INGEST_QUEUE}:failed`, 0, 0);
  return id ? `job ${id}: ${await redis.hget(`${prefix}:${INGEST_QUEUE}:${id}`, 'failedReason')}` : 'none listed';
}

/**
 * CPU used during the runs it wraps, from /proc (Linux): each named process, this process (the load generator),
 * redis-server, and the whole machine, in cores (1.0 = one core busy for the whole time).
 */
function cpuMeter(pids) {
  const tracked = { ...pids, 'load generator': process.pid, redis: findProcess('redis-server') };
  const totals = Object.fromEntries(Object.keys(tracked).map((k) => [k, 0]));
  let machineBusy = 0;
  let wall = 0;
  return {
    async during(work) {
      const before = { at: process.hrtime.bigint(), machine: machineTicks(), ticks: ticksOf(tracked) };
      const result = await work();
      const seconds = Number(process.hrtime.bigint() - before.at) / 1e9;
      const ticks = ticksOf(tracked);
      for (const k of Object.keys(tracked)) if (ticks[k] !== null && before.ticks[k] !== null) totals[k] += (ticks[k] - before.ticks[k]) / 100;
      const machine = machineTicks();
      if (machine && before.machine) machineBusy += ((machine.busy - before.machine.busy) / (machine.all - before.machine.all)) * os.cpus().length * seconds;
      wall += seconds;
      return result;
    },
    /** CPU milliseconds of one tracked process per request (per event) over the wrapped runs. */
    msPer(name, requests) {
      return (totals[name] * 1000) / requests;
    },
    describe() {
      const parts = Object.entries(tracked).filter(([, pid]) => pid).map(([k]) => `${k} ${(totals[k] / wall).toFixed(2)}`);
      const ours = Object.keys(tracked).filter((k) => tracked[k]).reduce((s, k) => s + totals[k], 0);
      return `${parts.join(', ')}; machine ${(machineBusy / wall).toFixed(2)} of ${os.cpus().length} cores busy (other processes ${Math.max(0, (machineBusy - ours) / wall).toFixed(2)})`;
    },
  };
}

function ticksOf(pids) {
  const out = {};
  for (const [k, pid] of Object.entries(pids)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      out[k] = Number(fields[11]) + Number(fields[12]); // utime + stime, USER_HZ = 100
    } catch {
      out[k] = null;
    }
  }
  return out;
}

function machineTicks() {
  try {
    const values = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const all = values.slice(0, 8).reduce((a, b) => a + b, 0);
    return { all, busy: all - values[3] - values[4] }; // minus idle and iowait
  } catch {
    return null;
  }
}

function findProcess(name) {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

/** Runs fn(0..count-1) with at most `limit` at a time; answers the results in order. */
async function inParallel(count, limit, fn) {
  const results = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return results;
}

function chunks(list, parts) {
  const size = Math.ceil(list.length / parts);
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

/** 'YYYY-MM-DD HH:mm:ss' in India time (UTC+05:30), as Xpressbees stamps its scans. */
function indiaTime(ms) {
  return new Date(ms + 5.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function positive(name, fallback) {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const fmt = (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 0 });
const loads = (l) => l.map((v) => v.toFixed(2)).join(' ');
function log(message) {
  process.stdout.write(`bench:tracking ${message}\n`);
}
function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main();
