import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { AutoAcceptResult, AutoAcceptWeightDiscrepancies } from '../../application/commands/auto-accept-weight-discrepancies/auto-accept-weight-discrepancies.command';

export const WEIGHT_DISCREPANCY_AUTO_ACCEPT_SCHEDULE = 'shipping.auto-accept-weight-discrepancies';

/** Every 15 minutes: open weight discrepancies whose deadline passed by the slot's time are auto-accepted. */
@Injectable()
export class WeightDiscrepancySchedules {
  constructor(private readonly commands: CommandBus) {}

  @Scheduled({ name: WEIGHT_DISCREPANCY_AUTO_ACCEPT_SCHEDULE, cron: '0 */15 * * * *' })
  autoAccept(slot: Date): Promise<AutoAcceptResult> {
    return this.commands.execute(new AutoAcceptWeightDiscrepancies(slot, 1_000));
  }
}
