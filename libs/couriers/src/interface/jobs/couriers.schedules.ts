import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { ResealCourierCredentials } from '../../application/credentials/courier-credentials.commands';

export const RESEAL_SCHEDULE = 'couriers.reseal-credentials';

/** Daily: credentials sealed under an older ENCRYPTION_KEY key are sealed again under the current one (key rotation). */
@Injectable()
export class CouriersSchedules {
  constructor(private readonly commands: CommandBus) {}

  @Scheduled({ name: RESEAL_SCHEDULE, cron: '0 50 3 * * *' })
  resealCredentials(_slot: Date): Promise<{ resealed: number; unreadable: number }> {
    return this.commands.execute(new ResealCourierCredentials());
  }
}
