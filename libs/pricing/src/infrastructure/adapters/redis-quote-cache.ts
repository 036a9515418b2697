import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, ChangeSignals, REDIS, RevisionCounter } from '@shipcrowd/platform';
import type { Quote } from '../../../contracts';
import { PRICING_CHANGED, QuoteCache } from '../../application/ports/quote-cache.port';
import { quoteBytes, quoteFromBytes } from '../../application/quote-json';

const RECENT_QUOTES = 1_000;

/**
 * Redis: `<QUEUE_PREFIX>:pricing:revision` (INCR, mirrored in-process) and `<QUEUE_PREFIX>:pricing:quote:<hash>`
 * (SET PX QUOTE_CACHE_TTL_SECONDS). The latest 1,000 answers asked for again are also kept in-process until the same
 * expiry: a quote enters this process's tier on its second request (read back from Redis), not when it is priced. A
 * stream of distinct quotes (a checkout pricing every cart) would otherwise keep 1,000 answers' object graphs alive,
 * and each would be copied into the old generation and collected there: most of a cache miss's CPU went to that GC.
 */
@Injectable()
export class RedisQuoteCache extends QuoteCache {
  private readonly counter: RevisionCounter;
  /** The latest answers of this process, so a repeated quote costs no Redis round trip (keys carry every revision). */
  private readonly recent = new Map<string, { quote: Quote; expiresAt: number }>();
  private readonly quotePrefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    signals: ChangeSignals,
  ) {
    super();
    this.counter = new RevisionCounter(redis, signals, `${config.QUEUE_PREFIX}:pricing:revision`, PRICING_CHANGED);
    this.quotePrefix = `${config.QUEUE_PREFIX}:pricing:quote:`;
  }

  revision(): Promise<number> {
    return this.counter.current();
  }

  bumpRevision(): Promise<number> {
    return this.counter.bump();
  }

  async get(key: string): Promise<Quote | null> {
    const near = this.recent.get(key);
    if (near && near.expiresAt > Date.now()) return near.quote;
    const stored = await this.redis.getBuffer(this.quotePrefix + key);
    if (stored === null) return null;
    const quote = quoteFromBytes(stored);
    const ttl = await this.redis.pttl(this.quotePrefix + key);
    if (ttl > 0) this.remember(key, quote, ttl);
    return quote;
  }

  async set(key: string, quote: Quote): Promise<void> {
    await this.redis.set(this.quotePrefix + key, quoteBytes(quote), 'PX', this.config.QUOTE_CACHE_TTL_SECONDS * 1000);
  }

  private remember(key: string, quote: Quote, ttlMs: number): void {
    if (this.recent.size >= RECENT_QUOTES) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, { quote, expiresAt: Date.now() + ttlMs });
  }
}
