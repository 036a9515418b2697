import type { ResolutionOutcome } from '../../../domain/weight-discrepancy';

/** A platform admin decides a disputed case for the seller or for the courier. */
export class ResolveWeightDiscrepancy {
  constructor(
    readonly adminUserId: string,
    readonly discrepancyId: string,
    readonly outcome: ResolutionOutcome,
    readonly note: string,
  ) {}
}
