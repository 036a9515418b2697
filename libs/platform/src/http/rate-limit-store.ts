import type Redis from 'ioredis';

/**
 * A @fastify/rate-limit store that keeps the counters in Redis (shared by every API process) without a Redis
 * round trip per request. See docs/adr/0010-batched-redis-rate-limits.md.
 *
 * Each process counts locally per key and every `syncMs` sends the increments of all keys it saw to Redis in one
 * pipeline (INCRBY, plus the window's expiry when the key is new), reading back each key's shared total and
 * remaining window. A decision is: last shared total read from Redis + this process's increments since.
 *
 * Trade-off: a process does not see the other processes' requests of the current interval, so a key can exceed
 * its limit by at most the requests all processes accept within one sync interval. `syncMs = 0` is exact: one
 * Redis call per request. The window (and so Retry-After) is Redis's: PTTL of the shared key.
 *
 * Redis unavailable: calls back with an error, which the plugin's `skipOnError` turns into "allow"; the outage
 * is logged once, and so is the recovery.
 */
export interface BatchedRateLimitStoreOptions {
  redis: Redis;
  /** Key prefix in Redis (e.g. `shipcrowd:ratelimit:`). */
  prefix: string;
  /** Flush interval in ms; 0 = synchronous, one Redis call per request. */
  syncMs: number;
  logger?: { warn(message: unknown): void; log(message: unknown): void };
  /** Most keys kept in memory per store (oldest evicted first); default 100,000. */
  maxKeys?: number;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface Entry {
  /** The key's total in Redis at the last flush (all processes). */
  shared: number;
  /** Local increments being flushed right now. */
  inflight: number;
  /** Local increments not yet sent. */
  pending: number;
  /** Local clock time the key's window ends (Redis PTTL at the last flush; provisional before the first). */
  expiresAt: number;
  windowMs: number;
}

const COMMAND = 'shipcrowdRateLimitAdd';
// INCRBY, then give the key its window if it has none yet (first increment of a window), and report both.
const ADD_SCRIPT = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {current, ttl}`;

type AddResult = [number | string, number | string];
type WithAdd = Redis & { [COMMAND](key: string, amount: number, windowMs: number): Promise<AddResult> };

const SWEEP_EVERY_MS = 5_000;

export class BatchedRedisRateLimitStore {
  private readonly redis: WithAdd;
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Map<string, Entry>();
  private readonly children: BatchedRedisRateLimitStore[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;
  private closed = false;
  private lastSweep = Date.now();

  constructor(private readonly options: BatchedRateLimitStoreOptions) {
    this.redis = options.redis as WithAdd;
    if (typeof this.redis[COMMAND] !== 'function') this.redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: ADD_SCRIPT });
  }

  /** The store class @fastify/rate-limit instantiates (`store` option); it passes its own params, which we do not need. */
  static plugin(options: BatchedRateLimitStoreOptions): { Store: new () => BatchedRedisRateLimitStore; instances: BatchedRedisRateLimitStore[] } {
    const instances: BatchedRedisRateLimitStore[] = [];
    class Store extends BatchedRedisRateLimitStore {
      constructor() {
        super(options);
        instances.push(this);
      }
    }
    return { Store, instances };
  }

  incr(key: string, cb: Callback, timeWindow: number, _max?: number): void {
    if (this.options.syncMs === 0) {
      this.addNow(key, timeWindow, cb);
      return;
    }
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      // Window over (or a key new to this process): start afresh; unsent increments of the old window are dropped.
      if (entry) this.entries.delete(key);
      else if (this.entries.size >= (this.options.maxKeys ?? 100_000)) this.evictOldest();
      entry = { shared: 0, inflight: 0, pending: 0, expiresAt: now + timeWindow, windowMs: timeWindow };
      this.entries.set(key, entry);
    }
    entry.pending++;
    this.dirty.set(key, entry);
    this.schedule();
    if (this.failing) {
      cb(new Error('Redis is unavailable for rate limiting'));
      return;
    }
    cb(null, { current: entry.shared + entry.inflight + entry.pending, ttl: entry.expiresAt - now });
  }

  /** The key's state as this process knows it, without counting a request. */
  read(key: string, cb: Callback, timeWindow?: number, _max?: number): void {
    if (this.options.syncMs === 0) {
      this.redis
        .multi()
        .get(this.options.prefix + key)
        .pttl(this.options.prefix + key)
        .exec()
        .then((replies) => {
          const current = Number(replies?.[0]?.[1] ?? 0);
          const ttl = Number(replies?.[1]?.[1] ?? 0);
          cb(null, { current, ttl: ttl > 0 ? ttl : 0 });
        }, (error: Error) => cb(error));
      return;
    }
    const entry = this.entries.get(key);
    const now = Date.now();
    if (!entry || entry.expiresAt <= now) cb(null, { current: 0, ttl: 0 });
    else cb(null, { current: entry.shared + entry.inflight + entry.pending, ttl: Math.min(entry.expiresAt - now, timeWindow ?? Infinity) });
  }

  /** Route-specific limits (`config.rateLimit` on a route) get their own key space, like the plugin's RedisStore. */
  child(routeOptions: { routeInfo?: { method?: string; url?: string } }): BatchedRedisRateLimitStore {
    const route = routeOptions.routeInfo ?? {};
    const child = new BatchedRedisRateLimitStore({ ...this.options, prefix: `${this.options.prefix}${route.method ?? ''}${route.url ?? ''}-` });
    this.children.push(child);
    return child;
  }

  /** Sends the unsent increments now and reads back the shared totals (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.dirty.size) {
      this.running = this.send().finally(() => (this.running = undefined));
      await this.running;
    }
    await Promise.all(this.children.map((child) => child.flush()));
  }

  /** Stops the timer and makes a last best-effort flush. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.redis.status === 'ready') await this.flush().catch(() => undefined);
    await Promise.all(this.children.map((child) => child.close()));
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(this.onTimer, this.options.syncMs);
    this.timer.unref();
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (this.running) this.schedule();
    else void this.flush();
  };

  private async send(): Promise<void> {
    const batch: Array<{ key: string; entry: Entry; amount: number }> = [];
    for (const [key, entry] of this.dirty) {
      if (entry.pending === 0) continue;
      batch.push({ key, entry, amount: entry.pending });
      entry.inflight += entry.pending;
      entry.pending = 0;
    }
    this.dirty.clear();
    if (!batch.length) return;
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis connection is ${this.redis.status}`);
      const pipeline = this.redis.pipeline() as unknown as WithAdd & { exec(): Promise<Array<[Error | null, unknown]> | null> };
      for (const { key, amount, entry } of batch) void pipeline[COMMAND](this.options.prefix + key, amount, entry.windowMs);
      const replies = (await pipeline.exec()) ?? [];
      const now = Date.now();
      let failure: Error | undefined;
      batch.forEach(({ entry }, i) => {
        const [error, reply] = replies[i] ?? [new Error('no reply from Redis')];
        if (error) {
          failure = error;
          return;
        }
        const [current, ttl] = reply as AddResult;
        entry.shared = Number(current);
        entry.expiresAt = now + Number(ttl);
      });
      if (failure) throw failure;
      this.recovered();
    } catch (error) {
      // Increments that did not reach Redis are not retried: those requests were let through already.
      this.failed(error as Error);
    } finally {
      for (const { entry, amount } of batch) entry.inflight -= amount;
      this.sweep();
      if (this.dirty.size) this.schedule();
    }
  }

  private addNow(key: string, windowMs: number, cb: Callback): void {
    if (this.redis.status !== 'ready') {
      const error = new Error(`Redis connection is ${this.redis.status}`);
      this.failed(error);
      cb(error);
      return;
    }
    this.redis[COMMAND](this.options.prefix + key, 1, windowMs).then(
      ([current, ttl]) => {
        this.recovered();
        cb(null, { current: Number(current), ttl: Number(ttl) });
      },
      (error: Error) => {
        this.failed(error);
        cb(error);
      },
    );
  }

  private failed(error: Error): void {
    if (this.failing || this.closed) return;
    this.failing = true;
    this.options.logger?.warn({ msg: 'rate limiting is off: Redis is unavailable, requests are allowed', error: error.message });
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.options.logger?.log({ msg: 'rate limiting is back: Redis is reachable again' });
  }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now && entry.pending === 0 && entry.inflight === 0) this.entries.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
