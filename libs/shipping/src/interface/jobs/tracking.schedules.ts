import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig, Scheduled } from '@shipcrowd/platform';
import { PollTracking, PollTrackingResult } from '../../application/commands/poll-tracking/poll-tracking.command';

export const TRACKING_POLL_SCHEDULE = 'shipping.poll-tracking';

/** Pulls tracking for shipments whose next poll is due, on TRACKING_POLL_CRON (default every 10 minutes). */
@Injectable()
export class TrackingSchedules {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(TrackingSchedules.prototype, 'pollTracking')!;
    Scheduled({ name: TRACKING_POLL_SCHEDULE, cron: config.TRACKING_POLL_CRON })(TrackingSchedules.prototype, 'pollTracking', descriptor);
  }

  pollTracking(_slot: Date): Promise<PollTrackingResult> {
    return this.commands.execute(new PollTracking(500));
  }
}
