'use strict';
// autocannon runs with a warm-up, and the one-line summary every bench prints.
const autocannon = require('autocannon');

const DEFAULTS = {
  connections: Number(process.env.BENCH_CONNECTIONS || 50),
  durationSeconds: Number(process.env.BENCH_DURATION || 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP || 3),
  rounds: Number(process.env.BENCH_ROUNDS || 5),
};

function run(options) {
  return new Promise((resolve, reject) => {
    // No autocannon.track(): benches print one summary line per target instead of a progress bar.
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Warms the target up (result discarded), then measures it.
 * Returns { label, rps, p50, p99, requests, non2xx, errors }; latencies in ms.
 */
async function measure(label, { url, method = 'GET', headers = {}, body, connections = DEFAULTS.connections, durationSeconds = DEFAULTS.durationSeconds, warmupSeconds = DEFAULTS.warmupSeconds }) {
  const common = { url, method, headers, body, connections, pipelining: 1, timeout: 10 };
  if (warmupSeconds > 0) await run({ ...common, duration: warmupSeconds });
  const result = await run({ ...common, duration: durationSeconds });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Measures a candidate and its baseline in alternating short rounds (A B A B …) after warming both up, so
 * drift in a shared machine (other processes, CPU frequency, caches) hits both alike. Each summary's rps,
 * p50 and p99 are medians over the rounds; `ratios` holds candidate/baseline per round, and `ratio` their median.
 */
async function measureInterleaved(candidate, baseline, { rounds = DEFAULTS.rounds, durationSeconds = DEFAULTS.durationSeconds, warmupSeconds = DEFAULTS.warmupSeconds, connections = DEFAULTS.connections } = {}) {
  const perRound = Math.max(1, Math.round(durationSeconds / rounds));
  const targets = [candidate, baseline];
  const samples = targets.map(() => []);
  for (const target of targets) await measure(target.label, { ...target, connections, durationSeconds: warmupSeconds, warmupSeconds: 0 });
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) samples[i].push(await measure(target.label, { ...target, connections, durationSeconds: perRound, warmupSeconds: 0 }));
  }
  const summaries = targets.map((target, i) => ({
    label: target.label,
    rps: median(samples[i].map((s) => s.rps)),
    p50: median(samples[i].map((s) => s.p50)),
    p99: median(samples[i].map((s) => s.p99)),
    requests: samples[i].reduce((n, s) => n + s.requests, 0),
    non2xx: samples[i].reduce((n, s) => n + s.non2xx, 0),
    errors: samples[i].reduce((n, s) => n + s.errors, 0),
  }));
  const ratios = samples[0].map((s, round) => s.rps / samples[1][round].rps);
  return { candidate: summaries[0], baseline: summaries[1], ratios, ratio: median(ratios) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fails the bench when a target answered with errors: numbers for failing requests mean nothing. */
function assertClean(summary, tolerated = 0) {
  if (summary.non2xx > tolerated || summary.errors > tolerated) {
    throw new Error(`${summary.label}: ${summary.non2xx} non-2xx responses and ${summary.errors} errors/timeouts out of ${summary.requests}`);
  }
}

module.exports = { DEFAULTS, measure, measureInterleaved, assertClean };
