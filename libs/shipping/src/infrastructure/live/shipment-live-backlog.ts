import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { liveChannelOf, parseLiveEvent, ShipmentLiveEvent } from './live-channel';

/** Events kept per company for replay after a reconnect (approximately: Redis trims whole blocks). */
export const LIVE_BACKLOG_EVENTS = 1000;
/** A company's backlog goes this long after its last event. */
export const LIVE_BACKLOG_TTL_SECONDS = 24 * 3600;

/**
 * Each company's recent live events, in a Redis stream of its own (capped at about LIVE_BACKLOG_EVENTS, expiring a
 * day after the last event), so a client that reconnects with Last-Event-ID gets what it missed. The stream id is the
 * event's position: the worker appends before it publishes, so any event published after a listener registered is
 * either in a backlog read made after that or arrives live.
 */
@Injectable()
export class ShipmentLiveBacklog {
  private readonly keyPrefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keyPrefix = `${liveChannelOf(config)}:backlog:`;
  }

  /** Appends the event to its company's backlog; returns its position. */
  async append(event: ShipmentLiveEvent): Promise<string> {
    const key = this.keyOf(event.companyId);
    const results = await this.redis
      .multi()
      .xadd(key, 'MAXLEN', '~', String(LIVE_BACKLOG_EVENTS), '*', 'event', JSON.stringify(event))
      .expire(key, LIVE_BACKLOG_TTL_SECONDS)
      .exec();
    const [error, position] = results?.[0] ?? [new Error('the backlog append was discarded'), null];
    if (error) throw error;
    return position as string;
  }

  /** The company's events after `position` that the backlog still holds, oldest first, each with its position. */
  async after(companyId: string, position: string): Promise<ShipmentLiveEvent[]> {
    const entries = await this.redis.xrange(this.keyOf(companyId), `(${position}`, '+');
    const events: ShipmentLiveEvent[] = [];
    for (const [id, fields] of entries) {
      const field = fields.indexOf('event');
      const event = field >= 0 ? parseLiveEvent(fields[field + 1] ?? '') : null;
      // The key is the company's own, but a backlog never hands out another company's event whatever it holds.
      if (event?.companyId === companyId) events.push({ ...event, position: id });
    }
    return events;
  }

  private keyOf(companyId: string): string {
    return `${this.keyPrefix}${companyId}`;
  }
}
