import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS, SessionRevocationCheck } from '@shipcrowd/platform';
import { LoginThrottle, SessionRevocationList } from '../../application/ports';

/**
 * Revoked session ids live in Redis for as long as an access token can (after that the token is dead anyway).
 * The guard asks on every bearer request, so each process keeps an in-memory mirror: loaded from Redis at start
 * (and after a reconnect) and kept current by a pub/sub message sent with every revocation. A revoked token
 * fails at once here and within a pub/sub hop in other processes, with no Redis round trip per request.
 */
@Injectable()
export class RedisSessionRevocationList extends SessionRevocationList implements SessionRevocationCheck, OnModuleInit, OnModuleDestroy {
  private readonly revokedUntil = new Map<string, number>();
  private subscriber?: Redis;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private get channel(): string {
    return `${this.config.QUEUE_PREFIX}:identity:revoked-sessions`;
  }

  private key(id: string): string {
    return `${this.config.QUEUE_PREFIX}:identity:revoked-session:${id}`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => this.remember(JSON.parse(message) as { ids: string[]; until: number }));
    // On every (re)connection: subscribe, then reload, so nothing revoked while disconnected is missed.
    this.subscriber.on('ready', () => void this.reload());
    await this.subscriber.subscribe(this.channel);
    await this.reload();
    this.sweeper = setInterval(() => this.forgetExpired(), 60_000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    this.subscriber?.disconnect();
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, until] of this.revokedUntil) if (until <= now) this.revokedUntil.delete(id);
  }

  async markRevoked(sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    const ttl = this.config.JWT_ACCESS_TTL_SECONDS;
    const revocation = { ids: sessionIds, until: Date.now() + ttl * 1000 };
    this.remember(revocation);
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(this.key(id), '1', 'EX', ttl);
    pipeline.publish(this.channel, JSON.stringify(revocation));
    await pipeline.exec();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (!sessionId) return false;
    const until = this.revokedUntil.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.revokedUntil.delete(sessionId);
    return false;
  }

  private remember({ ids, until }: { ids: string[]; until: number }): void {
    for (const id of ids) this.revokedUntil.set(id, until);
  }

  private async reload(): Promise<void> {
    const prefix = this.key('');
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) {
        const ttls = await Promise.all(keys.map((k) => this.redis.pttl(k)));
        keys.forEach((k, i) => ttls[i] > 0 && this.revokedUntil.set(k.slice(prefix.length), Date.now() + ttls[i]));
      }
      cursor = next;
    } while (cursor !== '0');
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
