import type { RateCardTermsInput } from '../../../domain/terms';

export interface VersionChanges {
  terms?: RateCardTermsInput;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  notes?: string | null;
}

/** A new draft version of a card, starting from its newest version's terms with `changes` applied. */
export class AddRateCardVersion {
  constructor(
    readonly rateCardId: string,
    readonly changes: VersionChanges,
    readonly adminUserId: string,
  ) {}
}

/** Edits a draft (or rejected, which goes back to draft) version. */
export class EditRateCardVersion {
  constructor(
    readonly rateCardId: string,
    readonly version: number,
    readonly changes: VersionChanges,
    readonly adminUserId: string,
  ) {}
}
