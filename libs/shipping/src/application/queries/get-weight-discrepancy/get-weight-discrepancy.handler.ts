import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { WeightDiscrepancyChanges } from '../../weight-discrepancies/weight-discrepancy-changes';
import { WeightDiscrepancyView, WeightDiscrepancyViews } from '../../weight-discrepancies/weight-discrepancy-views';
import { GetWeightDiscrepancy } from './get-weight-discrepancy.query';

@QueryHandler(GetWeightDiscrepancy)
export class GetWeightDiscrepancyHandler implements IQueryHandler<GetWeightDiscrepancy, WeightDiscrepancyView> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly changes: WeightDiscrepancyChanges,
    private readonly views: WeightDiscrepancyViews,
  ) {}

  async execute({ companyId, discrepancyId }: GetWeightDiscrepancy): Promise<WeightDiscrepancyView> {
    const discrepancy = await this.uow.run({ companyId }, (tx) => this.changes.load(tx, discrepancyId));
    return this.views.view(discrepancy.state);
  }
}
