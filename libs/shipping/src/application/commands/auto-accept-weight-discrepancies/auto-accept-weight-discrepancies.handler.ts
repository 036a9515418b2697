import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { WeightDiscrepanciesStore } from '../../../infrastructure/persistence/weight-discrepancies.store';
import { WeightDiscrepancyChanges } from '../../weight-discrepancies/weight-discrepancy-changes';
import { AutoAcceptResult, AutoAcceptWeightDiscrepancies } from './auto-accept-weight-discrepancies.command';

/**
 * One transaction per case in its company's scope, so one failure (e.g. the seller answering at the same moment: a stale
 * version) never holds up the others; the case is simply skipped and picked up by the next run if still open.
 */
@CommandHandler(AutoAcceptWeightDiscrepancies)
export class AutoAcceptWeightDiscrepanciesHandler implements ICommandHandler<AutoAcceptWeightDiscrepancies, AutoAcceptResult> {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: WeightDiscrepanciesStore,
    private readonly changes: WeightDiscrepancyChanges,
  ) {}

  async execute({ at, limit }: AutoAcceptWeightDiscrepancies): Promise<AutoAcceptResult> {
    const due = await this.uow.run({ system: true }, (tx) => this.store.overdue(tx, at, limit));
    let autoAccepted = 0;
    for (const { id, companyId } of due) {
      try {
        await this.changes.apply({ companyId }, id, (discrepancy) => {
          if (discrepancy.autoAccept(at)) autoAccepted++;
        });
      } catch (error) {
        this.logger.warn({ err: error, discrepancyId: id }, 'could not auto-accept a weight discrepancy');
      }
    }
    return { autoAccepted };
  }
}
