import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Scheduled } from '@shipcrowd/platform';
import { ActivateDueRateCards } from '../../application/commands/rate-card-lifecycle/rate-card-lifecycle.commands';

/** Activates approved rate-card versions whose effective_from has come (every minute). Quotes already honour them meanwhile. */
@Injectable()
export class PricingSchedules {
  private readonly logger = new Logger('pricing');

  constructor(private readonly commandBus: CommandBus) {}

  @Scheduled({ name: 'pricing.activate-due-rate-cards', cron: '0 * * * * *' })
  async activateDue(slot: Date): Promise<{ activated: { rateCardId: string; version: number }[] }> {
    const result = await this.commandBus.execute<ActivateDueRateCards, { activated: { rateCardId: string; version: number }[] }>(new ActivateDueRateCards(slot));
    if (result.activated.length) this.logger.log({ msg: 'activated rate card versions', activated: result.activated });
    return result;
  }
}
