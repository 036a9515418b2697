import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { CourierProviders } from '../../application/courier-providers';
import { CourierSandboxHost } from './courier-sandbox-host';

/** Path of the courier webhook receiver of this API, one per courier. */
export const courierWebhookPath = (courier: string): string => `/v1/courier-webhooks/${courier}`;

/**
 * API process only: points every in-process simulator of a courier that pushes scans at this API's webhook receiver,
 * signed with the adapter's sandbox webhook secret, as a seller would set it in the courier's panel.
 */
@Injectable()
export class CourierSandboxWebhooks implements OnApplicationBootstrap {
  private readonly logger = new Logger('courier-sandbox');

  constructor(
    private readonly host: CourierSandboxHost,
    private readonly providers: CourierProviders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.host.running) return;
    const configured: string[] = [];
    for (const adapter of this.providers.all()) {
      const simulator = this.host.simulatorOf(adapter.code);
      if (!adapter.capabilities.webhookPush || !simulator?.configureWebhook) continue;
      simulator.configureWebhook(`http://127.0.0.1:${this.config.PORT}${courierWebhookPath(adapter.code)}`, adapter.sandboxCredentials.webhookSecret ?? null);
      configured.push(adapter.code);
    }
    if (configured.length) this.logger.log({ msg: 'sandbox courier webhooks point at this API', couriers: configured });
  }
}
