import Redis, { RedisOptions } from 'ioredis';
import { withStartupTimeout } from '../startup/startup-timeout';

export const REDIS = Symbol('Redis');

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  // Auto-pipelining batches the commands of concurrent requests (rate limits, caches) into one write per tick.
  return new Redis(url, { maxRetriesPerRequest: 3, enableReadyCheck: true, lazyConnect: true, enableAutoPipelining: true, ...options });
}

/** Connects and pings, failing with one line that names REDIS_URL when Redis is not there. */
export async function connectRedis(url: string, timeoutMs: number): Promise<Redis> {
  const redis = createRedis(url, { retryStrategy: () => null });
  // Keep the connect error for the one-line message (instead of ioredis printing it with a stack).
  let connectError: Error | undefined;
  const onError = (error: Error) => (connectError = error);
  redis.on('error', onError);
  try {
    await withStartupTimeout('REDIS_URL', redactUrl(url), timeoutMs, async () => {
      await redis.connect().catch((error: Error) => {
        throw connectError ?? error;
      });
      await redis.ping();
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  } finally {
    redis.off('error', onError);
  }
  // From here on reconnect normally.
  redis.options.retryStrategy = (times: number) => Math.min(times * 200, 2000);
  return redis;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'the configured server';
  }
}
