import type { Actor } from '../../actor';

/** What the seller measured: the parcel's size and weight, and anything else the admin should know. */
export interface SellerMeasures {
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
  weightGrams: number;
  note: string | null;
}

/** The seller disputes the courier's weight with photos (1-5 images) and their own measures. */
export class DisputeWeightDiscrepancy {
  constructor(
    readonly actor: Actor,
    readonly discrepancyId: string,
    readonly photos: readonly Buffer[],
    readonly measures: SellerMeasures,
  ) {}
}
