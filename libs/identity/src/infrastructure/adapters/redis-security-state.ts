import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS, SessionRevocationCheck } from '@shipcrowd/platform';
import { LoginThrottle, SessionRevocationList } from '../../application/ports';

/**
 * Revoked session ids live in Redis for as long as an access token can: after that the token is dead anyway.
 * The platform guard asks here on every bearer request (one GET).
 */
@Injectable()
export class RedisSessionRevocationList extends SessionRevocationList implements SessionRevocationCheck {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private key(id: string): string {
    return `${this.config.QUEUE_PREFIX}:identity:revoked-session:${id}`;
  }

  async markRevoked(sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(this.key(id), '1', 'EX', this.config.JWT_ACCESS_TTL_SECONDS);
    await pipeline.exec();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (!sessionId) return false;
    return (await this.redis.exists(this.key(sessionId))) === 1;
  }
}

/** Failure counters expire LOCKOUT_MINUTES after the last failure; a lock expires by itself. */
@Injectable()
export class RedisLoginThrottle extends LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private key(kind: 'failures' | 'lock', email: string): string {
    // Hashed: Redis keys need not hold email addresses.
    return `${this.config.QUEUE_PREFIX}:identity:login-${kind}:${createHash('sha256').update(email).digest('hex')}`;
  }

  async failures(email: string): Promise<number> {
    return Number((await this.redis.get(this.key('failures', email))) ?? 0);
  }

  async recordFailure(email: string): Promise<number> {
    const key = this.key('failures', email);
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, this.config.LOCKOUT_MINUTES * 60).exec()) as [[null, number], unknown];
    return count;
  }

  async lockedUntil(email: string): Promise<Date | null> {
    const value = await this.redis.get(this.key('lock', email));
    return value ? new Date(Number(value)) : null;
  }

  async lock(email: string, until: Date): Promise<void> {
    await this.redis.set(this.key('lock', email), String(until.getTime()), 'PXAT', until.getTime());
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key('failures', email), this.key('lock', email));
  }
}
