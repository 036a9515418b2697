import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { WeightDiscrepancyChanges } from '../../weight-discrepancies/weight-discrepancy-changes';
import type { WeightDiscrepancyView } from '../../weight-discrepancies/weight-discrepancy-views';
import { AcceptWeightDiscrepancy } from './accept-weight-discrepancy.command';

@CommandHandler(AcceptWeightDiscrepancy)
export class AcceptWeightDiscrepancyHandler implements ICommandHandler<AcceptWeightDiscrepancy, WeightDiscrepancyView> {
  constructor(
    private readonly changes: WeightDiscrepancyChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, discrepancyId }: AcceptWeightDiscrepancy): Promise<WeightDiscrepancyView> {
    return this.changes.apply({ companyId: actor.companyId, userId: actor.userId }, discrepancyId, (discrepancy) => discrepancy.accept(actor.userId, this.clock.now()));
  }
}
