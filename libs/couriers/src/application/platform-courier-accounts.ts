import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '@shipcrowd/platform';
import { CourierCredentialStore } from '../infrastructure/persistence/courier-credential-store';
import type { CourierCredentials } from './ports/courier-provider';

/** Other processes' changes to platform credentials show here within this interval. */
const REFRESH_MS = 60_000;

/**
 * The platform's courier credentials held in memory, because webhook authentication (CouriersFacade.parseWebhook) is
 * synchronous and must not touch the database. Loaded at start, reloaded every minute and right after this process
 * changes them.
 */
@Injectable()
export class PlatformCourierAccounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('couriers');
  private accounts = new Map<string, CourierCredentials>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CourierCredentialStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error) => this.logger.warn({ err: error }, 'could not reload platform courier credentials')), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.accounts = await this.uow.run({ system: true }, () => this.store.platformAccounts());
  }

  get(courier: string): CourierCredentials | undefined {
    return this.accounts.get(courier);
  }
}
