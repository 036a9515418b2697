import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { OutboxRelay } from './outbox-relay';

/** The worker's relay: polls the outbox and hands events to their consumers. */
@Module({
  providers: [OutboxRelay],
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
