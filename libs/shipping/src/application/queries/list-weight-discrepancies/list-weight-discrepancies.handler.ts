import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page, toPage, UnitOfWork } from '@shipcrowd/platform';
import { WeightDiscrepanciesStore } from '../../../infrastructure/persistence/weight-discrepancies.store';
import { WeightDiscrepancyView, WeightDiscrepancyViews } from '../../weight-discrepancies/weight-discrepancy-views';
import { ListWeightDiscrepancies } from './list-weight-discrepancies.query';

/** Newest first, keyset-paginated on (opened_at, id). */
@QueryHandler(ListWeightDiscrepancies)
export class ListWeightDiscrepanciesHandler implements IQueryHandler<ListWeightDiscrepancies, Page<WeightDiscrepancyView>> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: WeightDiscrepanciesStore,
    private readonly views: WeightDiscrepancyViews,
  ) {}

  async execute({ companyId, filters, limit, cursor }: ListWeightDiscrepancies): Promise<Page<WeightDiscrepancyView>> {
    const rows = await this.uow.run(companyId ? { companyId } : { system: true }, (tx) => this.store.page(tx, filters, limit, cursor));
    const page = toPage(rows, limit, (r) => ({ openedAt: r.openedAt.toISOString(), id: r.id }));
    return { items: await this.views.views(page.items), nextCursor: page.nextCursor };
  }
}
