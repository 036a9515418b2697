import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { PurgeScheduledCompanyDeletions } from '../../../contracts';

/** Deletes companies whose deletion grace period ended (hourly, so a cancelled deletion is never purged late). */
@Injectable()
export class CompaniesSchedules {
  private readonly logger = new Logger('companies');

  constructor(private readonly commandBus: CommandBus) {}

  @Scheduled({ name: 'companies.purge-scheduled-deletions', cron: '0 5 * * * *' })
  async purgeScheduledDeletions(slot: Date): Promise<{ purged: string[] }> {
    const result = await this.commandBus.execute<PurgeScheduledCompanyDeletions, { purged: string[] }>(new PurgeScheduledCompanyDeletions(slot));
    if (result.purged.length) this.logger.log({ msg: 'purged companies after their deletion grace period', purged: result.purged });
    return result;
  }
}
