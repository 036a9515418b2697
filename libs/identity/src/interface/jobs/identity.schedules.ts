import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { PurgeDeletedAccounts } from '../../application/commands/purge-deleted-accounts/purge-deleted-accounts.command';

/** Erases accounts whose deletion grace period ended. */
@Injectable()
export class IdentitySchedules {
  private readonly logger = new Logger('identity');

  constructor(private readonly commandBus: CommandBus) {}

  @Scheduled({ name: 'identity.purge-deleted-accounts', cron: '0 10 * * * *' })
  async purgeDeletedAccounts(): Promise<{ purged: number }> {
    const result = await this.commandBus.execute(new PurgeDeletedAccounts());
    if (result.purged) this.logger.log({ msg: 'purged accounts after their deletion grace period', purged: result.purged });
    return result;
  }
}
