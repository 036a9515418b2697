import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { CoverageRevision } from '../../application/ports/coverage-revision.port';

/**
 * The revision lives in Redis (`<QUEUE_PREFIX>:serviceability:revision`) so every process sees the same number.
 * A missing key starts at the current time in ms, so a flushed Redis never hands out a number already used.
 */
@Injectable()
export class RedisCoverageRevision extends CoverageRevision {
  private readonly key: string;

  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.key = `${config.QUEUE_PREFIX}:serviceability:revision`;
  }

  async current(): Promise<number> {
    const value = await this.redis.get(this.key);
    if (value !== null) return Number(value);
    await this.redis.set(this.key, String(Date.now()), 'NX');
    return Number(await this.redis.get(this.key));
  }

  async bump(): Promise<number> {
    await this.current();
    return this.redis.incr(this.key);
  }
}
