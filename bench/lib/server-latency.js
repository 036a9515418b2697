'use strict';
/**
 * The API's own latency histogram (`http_request_duration_seconds` on GET /metrics), read before and after a
 * measurement: time from Fastify taking a request (onRequest) to the response being sent (onResponse). It leaves out
 * what the client-side numbers include on a shared machine: requests waiting in socket buffers until the one event
 * loop gets to them, and the load generator's own turns on the same cores. Buckets are coarse, so quantiles are
 * upper bounds ("p99 <= 2.5 ms").
 */
async function readHistogram(baseUrl, method, route, status = '200') {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const text = await response.text();
  const buckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds_bucket{')) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.method !== method || labels.route !== route || labels.status !== status) continue;
    buckets.set(labels.le, Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return buckets;
}

/** Starts a window; `finish()` returns { requests, p50, p99 } (upper bounds in ms) for what the route served in it. */
async function serverLatencyWindow(baseUrl, method, route) {
  const before = await readHistogram(baseUrl, method, route);
  return {
    async finish() {
      const after = await readHistogram(baseUrl, method, route);
      const bounds = [...after.keys()].map((le) => ({ le, ms: le === '+Inf' ? Infinity : Number(le) * 1000 })).sort((a, b) => a.ms - b.ms);
      const cumulative = bounds.map((b) => ({ ms: b.ms, count: after.get(b.le) - (before.get(b.le) ?? 0) }));
      const requests = cumulative.length ? cumulative[cumulative.length - 1].count : 0;
      const bound = (q) => (requests ? cumulative.find((b) => b.count >= q * requests).ms : NaN);
      return { requests, p50: bound(0.5), p99: bound(0.99) };
    },
  };
}

function describeServerLatency(s) {
  const ms = (v) => (v === Infinity ? 'over the top bucket' : `<= ${v} ms`);
  return `server-side (the API's own histogram): p50 ${ms(s.p50)}, p99 ${ms(s.p99)} over ${s.requests} requests`;
}

module.exports = { serverLatencyWindow, describeServerLatency };
