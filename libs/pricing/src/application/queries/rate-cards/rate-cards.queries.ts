import type { CardFilter, CardPosition } from '../../../infrastructure/persistence/pricing-store';

/** Platform admins: a page of cards with their full version history (`limit` + 1 are read, to tell whether more follow). */
export class ListRateCards {
  constructor(
    readonly filter: CardFilter,
    readonly limit: number,
    readonly after?: CardPosition,
  ) {}
}

export class GetRateCard {
  constructor(readonly rateCardId: string) {}
}

/** A seller: for each catalogue courier service, the card that prices its quotes now (and why). */
export class ApplicableRateCards {
  constructor(readonly companyId: string) {}
}

export class GetQuotePreferences {
  constructor(readonly companyId: string) {}
}

export class ListCourierPerformance {}

export class GetPricingTier {
  constructor(readonly companyId: string) {}
}
