import { BullModule, getQueueToken } from '@nestjs/bull';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { INTEGRATION_EVENTS_QUEUE } from '../queues/queue-names';
import { INTEGRATION_EVENTS_QUEUE_TOKEN, OutboxRelay } from './outbox-relay';

/** The worker's relay: polls the outbox and hands events to Bull and in-process consumers. */
@Module({
  imports: [BullModule.registerQueue({ name: INTEGRATION_EVENTS_QUEUE })],
  providers: [OutboxRelay, { provide: INTEGRATION_EVENTS_QUEUE_TOKEN, useExisting: getQueueToken(INTEGRATION_EVENTS_QUEUE) }],
  exports: [OutboxRelay],
})
export class OutboxRelayModule implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_POLL_MS > 0 && process.env.OUTBOX_RELAY_AUTOSTART !== 'false') this.relay.start(this.config.OUTBOX_POLL_MS);
  }
}
