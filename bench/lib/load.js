'use strict';
// autocannon runs with a warm-up, and the one-line summary every bench prints.
const autocannon = require('autocannon');

const DEFAULTS = {
  connections: Number(process.env.BENCH_CONNECTIONS || 50),
  durationSeconds: Number(process.env.BENCH_DURATION || 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP || 3),
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

/** Fails the bench when a target answered with errors: numbers for failing requests mean nothing. */
function assertClean(summary, tolerated = 0) {
  if (summary.non2xx > tolerated || summary.errors > tolerated) {
    throw new Error(`${summary.label}: ${summary.non2xx} non-2xx responses and ${summary.errors} errors/timeouts out of ${summary.requests}`);
  }
}

module.exports = { DEFAULTS, measure, assertClean };
