'use strict';
/**
 * npm run bench:import — a 10,000-row order CSV imported end to end.
 *
 * Candidate: the real API and worker (dist/, NODE_ENV=production, PostgreSQL server, Redis): POST /v1/order-imports
 *   (multipart upload, checks, storage, Bull job), the worker streams the file, validates every row, places the
 *   orders through the orders context (outbox events per order), and the client polls GET /v1/order-imports/{id}
 *   until it is completed. Timed from the POST to the first poll that sees `completed`.
 * Baseline: the same rows written by one multi-row INSERT per 1,000 rows in one transaction through `pg`
 *   (no validation, no events), into a table of the same shape, on the same database, in the same run.
 * Goals: candidate < 10 s, < 5x the baseline, peak RSS (VmHWM) of each server process < 400 MB.
 * Also prints the CPU the API, the worker and the database server (the bench database's connections, local server
 *   only) used during the candidate: on a shared machine the wall-clock ratio moves with the load, CPU seconds less.
 *
 * Knobs: BENCH_IMPORT_ROWS (10000), BENCH_IMPORT_ITEMS_PER_ORDER (1), BENCH_IMPORT_MODE (valid_only | all_or_nothing), BENCH_LOG_LEVEL (warn), BENCH_STRICT=1,
 *   BENCH_WORKER_NODE_ARGS / BENCH_API_NODE_ARGS (node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 *   BENCH_SHOW_WORKER_LOG=1 prints the worker's last log lines (with BENCH_LOG_LEVEL=debug: parse and per-chunk timings).
 * Uses a throw-away database on BENCH_PG_URL and a unique Redis prefix, both removed afterwards.
 */
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { startApi, requestJson } = require('./lib/api');
const { createCleanup } = require('./lib/cleanup');
const { createThrowawayDatabase } = require('./lib/database');
const { startNode } = require('./lib/process');
const { deleteKeysWithPrefix, uniquePrefix } = require('./lib/redis');

const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 10_000);
const ITEMS_PER_ORDER = Math.max(1, Number(process.env.BENCH_IMPORT_ITEMS_PER_ORDER || 1));
const MODE = process.env.BENCH_IMPORT_MODE === 'all_or_nothing' ? 'all_or_nothing' : 'valid_only';
const GOALS = { seconds: 10, ratio: 5, rssMb: 400 };
const COLUMNS = [
  'order_number', 'payment_mode', 'cod_amount', 'buyer_name', 'buyer_phone', 'buyer_email', 'shipping_line1', 'shipping_landmark', 'shipping_city', 'shipping_state',
  'shipping_pincode', 'item_sku', 'item_name', 'item_quantity', 'item_unit_price', 'package_weight_kg', 'package_length_cm', 'package_breadth_cm', 'package_height_cm', 'warehouse_code', 'tags',
];
const DESTINATIONS = [
  ['Bengaluru', 'Karnataka', '560038'],
  ['Mumbai', 'Maharashtra', '400001'],
  ['New Delhi', 'Delhi', '110001'],
  ['Chennai', 'Tamil Nadu', '600001'],
  ['Kolkata', 'West Bengal', '700001'],
];

/** The rows of the file: one per order item, orders of ITEMS_PER_ORDER rows, every buyer distinct (no duplicate flags). */
function generateRows(count) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const order = Math.floor(i / ITEMS_PER_ORDER);
    const [city, state, pincode] = DESTINATIONS[order % DESTINATIONS.length];
    const cod = order % 3 === 0;
    rows.push({
      order_number: `BENCH-${String(order).padStart(6, '0')}`,
      payment_mode: cod ? 'cod' : 'prepaid',
      cod_amount: '',
      buyer_name: `Buyer ${order}`,
      buyer_phone: `9${String(100000000 + order).slice(-9)}`,
      buyer_email: `buyer${order}@example.in`,
      shipping_line1: `Flat ${order % 400}, Block ${order % 26}, Sunrise Apartments`,
      shipping_landmark: 'Near City Mall',
      shipping_city: city,
      shipping_state: state,
      shipping_pincode: pincode,
      item_sku: `SKU-${i % 50}`,
      item_name: `Item ${i % 50}`,
      item_quantity: String(1 + (i % 3)),
      item_unit_price: `${199 + (i % 700)}.${String(i % 100).padStart(2, '0')}`,
      package_weight_kg: '0.5',
      package_length_cm: '30',
      package_breadth_cm: '20',
      package_height_cm: '5',
      warehouse_code: 'BLR-1',
      tags: i % 2 ? 'bench|sale' : 'bench',
    });
  }
  return rows;
}

function toCsv(rows) {
  const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${COLUMNS.join(',')}\r\n${rows.map((r) => COLUMNS.map((c) => quote(r[c])).join(',')).join('\r\n')}\r\n`;
}

/** Baseline: the same rows, one multi-row INSERT per 1,000 rows, one transaction, as the table owner. */
async function baselineInsert(databaseUrl, rows) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create table bench_import_baseline (
      id uuid primary key default gen_random_uuid(), order_number text not null, payment_mode text not null, buyer jsonb not null,
      shipping_address jsonb not null, items jsonb not null, packages jsonb not null, warehouse_code text, tags text[], created_at timestamptz not null default now())`);
    const started = process.hrtime.bigint();
    await client.query('begin');
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const values = [];
      const params = [];
      chunk.forEach((r, k) => {
        const p = k * 8;
        values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`);
        params.push(
          r.order_number,
          r.payment_mode,
          JSON.stringify({ name: r.buyer_name, phone: r.buyer_phone, email: r.buyer_email }),
          JSON.stringify({ line1: r.shipping_line1, landmark: r.shipping_landmark, city: r.shipping_city, state: r.shipping_state, pincode: r.shipping_pincode }),
          JSON.stringify([{ sku: r.item_sku, name: r.item_name, quantity: Number(r.item_quantity), unitPricePaise: Math.round(Number(r.item_unit_price) * 100) }]),
          JSON.stringify([{ weightGrams: 500, lengthCm: 30, breadthCm: 20, heightCm: 5 }]),
          r.warehouse_code,
          r.tags.split('|'),
        );
      });
      await client.query(`insert into bench_import_baseline (order_number, payment_mode, buyer, shipping_address, items, packages, warehouse_code, tags) values ${values.join(', ')}`, params);
    }
    await client.query('commit');
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc), or null. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by each server process (backend) connected to the bench database, by pid: the API's and
 * the worker's pooled connections (a local server only; null when /proc does not show them).
 */
async function databaseCpu(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    const used = new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
    return [...used.values()].every((v) => v === null) ? null : used;
  } finally {
    await client.end();
  }
}

/** Database CPU between two databaseCpu() readings (a connection opened in between counts from zero). */
function databaseCpuUsed(before, after) {
  if (!before || !after) return '?';
  let seconds = 0;
  for (const [pid, now] of after) seconds += (now ?? 0) - (before.get(pid) ?? 0);
  return `${seconds.toFixed(2)} s (${after.size} connections)`;
}

/** Peak resident set (VmHWM) of a process, in MB (Linux /proc). */
function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main() {
  const started = Date.now();
  const cleanup = createCleanup();
  try {
    const database = await createThrowawayDatabase('import');
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = uniquePrefix('bench-import');
    cleanup.add(`remove Redis keys ${queuePrefix}*`, () => deleteKeysWithPrefix(queuePrefix));
    // API and worker run in their own temporary directories; the upload must be where both can read it.
    const filesDir = mkdtempSync(path.join(os.tmpdir(), 'shipcrowd-bench-files-'));
    cleanup.add('remove uploaded files', () => rmSync(filesDir, { recursive: true, force: true }));
    const shared = { STORAGE_LOCAL_DIR: filesDir, ORDER_IMPORT_MAX_ROWS: String(Math.max(ROWS, 10_000)) };

    const api = await startApi({ databaseUrl: database.url, queuePrefix, env: shared });
    cleanup.add('stop api', () => api.stop());
    const worker = startNode('dist/apps/worker/main.js', {
      name: 'worker',
      nodeArgs: (process.env.BENCH_WORKER_NODE_ARGS || '').split(' ').filter(Boolean),
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
        DATABASE_URL: database.url,
        REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: queuePrefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: `bench:${randomBytes(32).toString('hex')}`,
        MAIL_TRANSPORT: 'local',
        LOCAL_SMTP_PORT: '0',
        SCHEDULES_ENABLED: 'false',
        ...shared,
      },
    });
    cleanup.add('stop worker', () => worker.stop());
    log(`api ready on ${api.baseUrl}, worker pid ${worker.child.pid} (database ${database.name}) after ${seconds(started)} s`);

    const token = await signUp(api.baseUrl);
    await requestJson(api.baseUrl, {
      method: 'POST',
      url: '/v1/warehouses',
      token,
      body: { code: 'BLR-1', name: 'Bench warehouse', contactName: 'Ravi Kumar', contactPhone: '+919876543210', addressLine1: 'Plot 42, Peenya Industrial Area', pincode: '560001' },
      expect: [201],
    });

    // Warm-up: a small import proves the worker is consuming the queue (and warms both processes) before timing.
    const warm = Buffer.from(toCsv(generateRows(20).map((r) => ({ ...r, order_number: `WARM-${r.order_number}`, buyer_phone: `8${r.buyer_phone.slice(1)}` }))));
    const warmForm = new FormData();
    warmForm.append('file', new Blob([warm], { type: 'text/csv' }), 'warm-up.csv');
    const warmRes = await fetch(`${api.baseUrl}/v1/order-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: warmForm });
    const warmId = (await warmRes.json()).id;
    for (const until = Date.now() + 60_000; ; ) {
      const s = (await requestJson(api.baseUrl, { url: `/v1/order-imports/${warmId}`, token })).json;
      if (s.status === 'completed') break;
      if (s.status === 'failed' || Date.now() > until) throw new Error(`warm-up import ${s.status}: ${JSON.stringify(s).slice(0, 500)}${worker.output() ? `\nworker output:\n${worker.output()}` : ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const rows = generateRows(ROWS);
    const file = Buffer.from(toCsv(rows));
    log(`file: ${ROWS} rows, ${Math.ceil(ROWS / ITEMS_PER_ORDER)} orders, ${(file.length / 1048576).toFixed(2)} MB`);

    const baseline = await baselineInsert(database.url, rows);
    log(`baseline (multi-row INSERT of the same rows): ${baseline.toFixed(3)} s`);

    const cpuBefore = { api: cpuSeconds(api.proc.child.pid), worker: cpuSeconds(worker.child.pid), database: await databaseCpu(database.url) };
    const rssBefore = { api: peakRssMb(api.proc.child.pid), worker: peakRssMb(worker.child.pid) };
    const t0 = process.hrtime.bigint();
    const form = new FormData();
    form.append('mode', MODE);
    form.append('file', new Blob([file], { type: 'text/csv' }), 'bench.csv');
    const posted = await fetch(`${api.baseUrl}/v1/order-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const accepted = await posted.json();
    if (posted.status !== 202) throw new Error(`POST /v1/order-imports answered ${posted.status}: ${JSON.stringify(accepted)}`);
    let status;
    for (;;) {
      status = (await requestJson(api.baseUrl, { url: `/v1/order-imports/${accepted.id}`, token })).json;
      if (['completed', 'failed', 'rolled_back'].includes(status.status)) break;
      if (Number(process.hrtime.bigint() - t0) / 1e9 > 300) throw new Error(`import still ${status.status} after 300 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const candidate = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpuUsed = (name, pid) => (cpuBefore[name] === null || cpuSeconds(pid) === null ? '?' : `${(cpuSeconds(pid) - cpuBefore[name]).toFixed(2)} s`);
    const cpu = { api: cpuUsed('api', api.proc.child.pid), worker: cpuUsed('worker', worker.child.pid), database: databaseCpuUsed(cpuBefore.database, await databaseCpu(database.url)) };
    if (status.status !== 'completed' || status.succeeded !== ROWS) throw new Error(`import ended ${status.status}: ${JSON.stringify(status).slice(0, 800)}`);

    if (process.env.BENCH_SHOW_WORKER_LOG === '1') process.stdout.write(`worker log (last lines):\n${worker.output()}\n`);
    const rss = { api: peakRssMb(api.proc.child.pid), worker: peakRssMb(worker.child.pid) };
    const ratio = candidate / baseline;
    const maxRss = Math.max(rss.api ?? 0, rss.worker ?? 0);
    const met = candidate < GOALS.seconds && ratio < GOALS.ratio && maxRss < GOALS.rssMb;
    process.stdout.write(
      [
        '',
        `order import, ${ROWS} rows (${status.ordersCreated} orders), ${MODE}, end to end`,
        `  candidate  POST + job + poll     ${candidate.toFixed(2)} s   (worker: validating ${ms(status.timings.validatingMs)}, importing ${ms(status.timings.importingMs)}, queued ${ms(status.timings.queuedMs)})`,
        `  baseline   multi-row INSERT      ${baseline.toFixed(2)} s`,
        `  CPU used   api ${cpu.api}, worker ${cpu.worker}, database ${cpu.database} (during the candidate); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        `  ratio      ${ratio.toFixed(2)}x           goal < ${GOALS.ratio}x   ${ratio < GOALS.ratio ? 'met' : 'MISSED'}`,
        `  time       ${candidate.toFixed(2)} s         goal < ${GOALS.seconds} s   ${candidate < GOALS.seconds ? 'met' : 'MISSED'}`,
        `  peak RSS   api ${fmtMb(rss.api)}, worker ${fmtMb(rss.worker)}   goal < ${GOALS.rssMb} MB   ${maxRss < GOALS.rssMb ? 'met' : 'MISSED'}   (before the import: api ${fmtMb(rssBefore.api)}, worker ${fmtMb(rssBefore.worker)})`,
        '',
      ].join('\n'),
    );
    await cleanup.run();
    log(`done in ${seconds(started)} s`);
    if (!met && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`bench:import failed: ${error.message}\n`);
    process.exitCode = 1;
    await cleanup.run();
  }
}

async function signUp(baseUrl) {
  const email = `bench-${randomBytes(6).toString('hex')}@example.com`;
  const password = `Bench-${randomBytes(9).toString('base64url')}-9`;
  const registration = { name: 'Bench User', email, password, phone: '+919876543210', companyName: 'Bench Importers' };
  const res = await requestJson(baseUrl, { method: 'POST', url: '/v1/auth/register', body: registration, expect: [200, 201] });
  const token = res.json?.accessToken;
  if (!token) throw new Error(`POST /v1/auth/register returned no access token: ${JSON.stringify(res.json).slice(0, 300)}`);
  return token;
}

const ms = (v) => (v === null || v === undefined ? '?' : `${(v / 1000).toFixed(2)} s`);
const fmtMb = (v) => (v === null ? '?' : `${v.toFixed(0)} MB`);
function log(message) {
  process.stdout.write(`bench:import ${message}\n`);
}
function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main();
