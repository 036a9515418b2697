/** Maker: sends a draft version for approval. */
export class SubmitRateCardVersion {
  constructor(readonly rateCardId: string, readonly version: number, readonly adminUserId: string) {}
}

/** Checker (a different platform admin): approves; the version activates at once when already effective. */
export class ApproveRateCardVersion {
  constructor(readonly rateCardId: string, readonly version: number, readonly adminUserId: string) {}
}

/** Checker: rejects with a reason; the version can then be edited (back to draft) and resubmitted. */
export class RejectRateCardVersion {
  constructor(readonly rateCardId: string, readonly version: number, readonly reason: string, readonly adminUserId: string) {}
}

/** Activates an approved version whose effective_from has come (the schedule does the same for every due version). */
export class ActivateRateCardVersion {
  constructor(readonly rateCardId: string, readonly version: number, readonly adminUserId: string) {}
}

/** Schedule: activates every approved version that has become effective. Returns the activated card versions. */
export class ActivateDueRateCards {
  constructor(readonly now?: Date) {}
}

/** Takes a card out of use (its active or approved versions retire); refused for the active base card of a service. */
export class RetireRateCard {
  constructor(readonly rateCardId: string, readonly reason: string | null, readonly adminUserId: string) {}
}

/** Deletes a card that never priced anything (drafts, pending or rejected versions only). */
export class DeleteRateCard {
  constructor(readonly rateCardId: string, readonly adminUserId: string) {}
}
