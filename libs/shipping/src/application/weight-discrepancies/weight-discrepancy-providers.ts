import { WeightDiscrepanciesStore } from '../../infrastructure/persistence/weight-discrepancies.store';
import { AcceptWeightDiscrepancyHandler } from '../commands/accept-weight-discrepancy/accept-weight-discrepancy.handler';
import { AutoAcceptWeightDiscrepanciesHandler } from '../commands/auto-accept-weight-discrepancies/auto-accept-weight-discrepancies.handler';
import { DisputeWeightDiscrepancyHandler } from '../commands/dispute-weight-discrepancy/dispute-weight-discrepancy.handler';
import { ResolveWeightDiscrepancyHandler } from '../commands/resolve-weight-discrepancy/resolve-weight-discrepancy.handler';
import { GetWeightDiscrepancyHandler } from '../queries/get-weight-discrepancy/get-weight-discrepancy.handler';
import { ListWeightDiscrepanciesHandler } from '../queries/list-weight-discrepancies/list-weight-discrepancies.handler';
import { WeightDiscrepancyChanges } from './weight-discrepancy-changes';
import { WeightDiscrepancyDetector } from './weight-discrepancy-detector';
import { WeightDiscrepancyViews } from './weight-discrepancy-views';

/** Everything ShippingModule provides for weight discrepancies (one entry there instead of ten). */
export const WEIGHT_DISCREPANCY_PROVIDERS = [
  WeightDiscrepanciesStore,
  WeightDiscrepancyDetector,
  WeightDiscrepancyChanges,
  WeightDiscrepancyViews,
  AcceptWeightDiscrepancyHandler,
  DisputeWeightDiscrepancyHandler,
  ResolveWeightDiscrepancyHandler,
  AutoAcceptWeightDiscrepanciesHandler,
  ListWeightDiscrepanciesHandler,
  GetWeightDiscrepancyHandler,
];
