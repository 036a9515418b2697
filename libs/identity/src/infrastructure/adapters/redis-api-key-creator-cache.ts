import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { ApiKeyCreatorCache } from '../../application/ports';

/** How long a "still an active member" answer is trusted (documented bound: at most 60 s). */
export const API_KEY_CREATOR_CACHE_SECONDS = 30;

/**
 * One Redis hash per creator (field = company id, value = `1|0:<checked at ms>`), so losing access evicts every
 * company's entry with one DEL. Freshness is judged per field from its timestamp, not from the hash's TTL
 * (which later writes would extend).
 */
@Injectable()
export class RedisApiKeyCreatorCache extends ApiKeyCreatorCache {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  private key(userId: string): string {
    return `${this.config.QUEUE_PREFIX}:identity:api-key-creator:${userId}`;
  }

  async get(userId: string, companyId: string): Promise<boolean | null> {
    const value = await this.redis.hget(this.key(userId), companyId);
    if (!value) return null;
    const [active, checkedAt] = value.split(':');
    if (this.clock.now().getTime() - Number(checkedAt) >= API_KEY_CREATOR_CACHE_SECONDS * 1000) return null;
    return active === '1';
  }

  async set(userId: string, companyId: string, active: boolean): Promise<void> {
    const key = this.key(userId);
    await this.redis
      .multi()
      .hset(key, companyId, `${active ? 1 : 0}:${this.clock.now().getTime()}`)
      .expire(key, API_KEY_CREATOR_CACHE_SECONDS * 2)
      .exec();
  }

  async evict(userId: string): Promise<void> {
    await this.redis.del(this.key(userId));
  }
}
