import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig, Scheduled } from '@shipcrowd/platform';
import { SyncAllCourierCoverage } from '../../application/commands/sync-courier-coverage/sync-courier-coverage.command';

export const SYNC_SCHEDULE = 'serviceability.sync-courier-coverage';

/** The delta sync from couriers that publish pincode lists, on SERVICEABILITY_SYNC_CRON (default 02:30 UTC). */
@Injectable()
export class ServiceabilitySchedules {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The cron comes from configuration, so the @Scheduled metadata is applied here rather than at class definition.
    const descriptor = Object.getOwnPropertyDescriptor(ServiceabilitySchedules.prototype, 'syncCouriers')!;
    Scheduled({ name: SYNC_SCHEDULE, cron: config.SERVICEABILITY_SYNC_CRON })(ServiceabilitySchedules.prototype, 'syncCouriers', descriptor);
  }

  async syncCouriers(_slot: Date): Promise<{ courier: string; status: string; added: number; updated: number; removed: number }[]> {
    const runs = await this.commands.execute(new SyncAllCourierCoverage('schedule'));
    return runs.map((r: { courier: string; status: string; added: number; updated: number; removed: number }) => ({ courier: r.courier, status: r.status, added: r.added, updated: r.updated, removed: r.removed }));
  }
}
