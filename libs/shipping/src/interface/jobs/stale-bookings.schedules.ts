import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { ReconcileStaleBookings, ReconcileStaleBookingsResult } from '../../application/commands/reconcile-stale-bookings/reconcile-stale-bookings.command';

export const STALE_BOOKINGS_SCHEDULE = 'shipping.reconcile-stale-bookings';

/** Every minute: bookings left in flight longer than STALE_BOOKING_AFTER_SECONDS are asked about again at the courier. */
@Injectable()
export class StaleBookingsSchedules {
  constructor(private readonly commands: CommandBus) {}

  @Scheduled({ name: STALE_BOOKINGS_SCHEDULE, cron: '0 * * * * *' })
  reconcile(slot: Date): Promise<ReconcileStaleBookingsResult> {
    return this.commands.execute(new ReconcileStaleBookings(slot));
  }
}
