import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS } from '@shipcrowd/platform';
import { liveChannelOf, parseLiveEvent, ShipmentLiveEvent } from './live-channel';

export type LiveListener = (event: ShipmentLiveEvent) => void;

/**
 * The API process's side of live shipment updates: one Redis subscriber connection (opened on first use) to the
 * channel the worker publishes committed shipping events to, fanned out to in-process listeners by company. A
 * listener only ever receives events whose companyId is the one it registered for.
 */
@Injectable()
export class ShipmentLiveFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('shipping-live');
  private readonly channel: string;
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> | null = null;
  private closed = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = liveChannelOf(config);
  }

  /** Resolves once the subscription is active; events published before that are not received. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the live feed is shut down'));
    this.subscribed ??= this.subscribe().catch((error: unknown) => {
      this.subscribed = null;
      throw error;
    });
    return this.subscribed;
  }

  /** Registers a listener for one company's events; returns the function that removes it. */
  listen(companyId: string, listener: LiveListener): () => void {
    const forCompany = this.listeners.get(companyId) ?? new Set<LiveListener>();
    forCompany.add(listener);
    this.listeners.set(companyId, forCompany);
    return () => {
      forCompany.delete(listener);
      if (forCompany.size === 0 && this.listeners.get(companyId) === forCompany) this.listeners.delete(companyId);
    };
  }

  /** Listeners registered right now (all companies). */
  get listenerCount(): number {
    let count = 0;
    for (const forCompany of this.listeners.values()) count += forCompany.size;
    return count;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (!subscriber) return;
    await subscriber.unsubscribe(this.channel).catch(() => undefined);
    await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private async subscribe(): Promise<void> {
    // A connection in subscriber mode can run no other command: it cannot be the shared one.
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'live feed connection error'));
    subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    try {
      await subscriber.subscribe(this.channel);
    } catch (error) {
      subscriber.disconnect();
      throw error;
    }
    if (this.closed) {
      subscriber.disconnect();
      throw new Error('the live feed is shut down');
    }
    this.subscriber = subscriber;
  }

  private deliver(message: string): void {
    const event = parseLiveEvent(message);
    if (!event) {
      this.logger.warn({ channel: this.channel }, 'dropped a live message that is not a shipment event');
      return;
    }
    for (const listener of this.listeners.get(event.companyId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn({ err: error, eventId: event.eventId }, 'a live listener failed');
      }
    }
  }
}
