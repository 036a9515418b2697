import type { Actor } from '../../actor';

/** The seller agrees with the courier's weight before the deadline. */
export class AcceptWeightDiscrepancy {
  constructor(
    readonly actor: Actor,
    readonly discrepancyId: string,
  ) {}
}
