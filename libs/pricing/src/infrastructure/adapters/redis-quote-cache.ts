import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { QuoteCache } from '../../application/ports/quote-cache.port';

/** Redis: `<QUEUE_PREFIX>:pricing:revision` (INCR) and `<QUEUE_PREFIX>:pricing:quote:<hash>` (SET EX QUOTE_CACHE_TTL_SECONDS). */
@Injectable()
export class RedisQuoteCache extends QuoteCache {
  private readonly revisionKey: string;
  private readonly quotePrefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.revisionKey = `${config.QUEUE_PREFIX}:pricing:revision`;
    this.quotePrefix = `${config.QUEUE_PREFIX}:pricing:quote:`;
  }

  /** A missing counter starts at the current time (ms), so a flushed Redis never hands out a number already used. */
  async revision(): Promise<number> {
    const value = await this.redis.get(this.revisionKey);
    if (value !== null) return Number(value);
    await this.redis.set(this.revisionKey, String(Date.now()), 'NX');
    return Number(await this.redis.get(this.revisionKey));
  }

  async bumpRevision(): Promise<number> {
    await this.revision();
    return this.redis.incr(this.revisionKey);
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(this.quotePrefix + key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.redis.set(this.quotePrefix + key, value, 'EX', this.config.QUOTE_CACHE_TTL_SECONDS);
  }
}
