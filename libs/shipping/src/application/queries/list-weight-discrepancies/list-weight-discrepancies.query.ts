import type { Keyset, WeightDiscrepancyFilters } from '../../../infrastructure/persistence/weight-discrepancies.store';

/** One company's cases, or every company's (companyId null: platform admins). */
export class ListWeightDiscrepancies {
  constructor(
    readonly companyId: string | null,
    readonly filters: WeightDiscrepancyFilters,
    readonly limit: number,
    readonly cursor?: Keyset,
  ) {}
}
