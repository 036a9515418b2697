import { Injectable } from '@nestjs/common';
import { isUuid, NotFoundError } from '@shipcrowd/kernel';
import { TenantScope, Tx, UnitOfWork } from '@shipcrowd/platform';
import type { WeightDiscrepancy } from '../../domain/weight-discrepancy';
import { WeightDiscrepanciesStore } from '../../infrastructure/persistence/weight-discrepancies.store';
import { WeightDiscrepancyView, WeightDiscrepancyViews } from './weight-discrepancy-views';

/** Loading a case in a scope (404 `weight_discrepancy.not_found` for another company's) and saving a change with its events. */
@Injectable()
export class WeightDiscrepancyChanges {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: WeightDiscrepanciesStore,
    private readonly views: WeightDiscrepancyViews,
  ) {}

  async load(tx: Tx, id: string): Promise<WeightDiscrepancy> {
    const discrepancy = isUuid(id) ? await this.store.load(tx, id) : null;
    if (!discrepancy) throw new NotFoundError('Weight discrepancy', id);
    return discrepancy;
  }

  /** Applies `change` in one transaction (the outbox events commit with it) and returns the case as the API shows it. */
  async apply(scope: TenantScope, id: string, change: (discrepancy: WeightDiscrepancy, tx: Tx) => void | Promise<void>): Promise<WeightDiscrepancyView> {
    const saved = await this.uow.run(scope, async (tx) => {
      const discrepancy = await this.load(tx, id);
      await change(discrepancy, tx);
      await this.store.save(tx, discrepancy);
      await this.uow.publish(discrepancy.pullEvents());
      return discrepancy.state;
    });
    return this.views.view(saved);
  }
}
