import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, EventSubscribers, IntegrationEvent, REDIS } from '@shipcrowd/platform';
import { SHIPPING_EVENTS } from '../../../contracts';
import { liveChannelOf, ShipmentLiveEvent } from '../../infrastructure/live/live-channel';
import { ShipmentLiveBacklog } from '../../infrastructure/live/shipment-live-backlog';

export const LIVE_UPDATES_CONSUMER = 'shipping.live-updates';

/**
 * Publishes committed shipping events to the live-updates channel the API processes listen on (SSE, Socket.IO),
 * after appending each to its company's backlog (the position it gets there travels with it, for SSE replay).
 * The outbox relay only hands over events whose transaction committed, so nothing is announced that could still roll
 * back. Delivery is at least once: a redelivered event is published again (clients can dedupe by eventId).
 */
@Injectable()
export class LiveUpdatesPublisher implements OnModuleInit {
  private readonly channel: string;

  constructor(
    private readonly subscribers: EventSubscribers,
    private readonly backlog: ShipmentLiveBacklog,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = liveChannelOf(config);
  }

  onModuleInit(): void {
    for (const type of Object.values(SHIPPING_EVENTS)) this.subscribers.subscribe(type, LIVE_UPDATES_CONSUMER, (event) => this.publish(event));
  }

  private async publish(event: IntegrationEvent): Promise<void> {
    if (!event.companyId) return;
    const message: ShipmentLiveEvent = { eventId: event.eventId, companyId: event.companyId, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
    const position = await this.backlog.append(message);
    await this.redis.publish(this.channel, JSON.stringify({ ...message, position }));
  }
}
