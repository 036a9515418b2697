import type { CardFilter } from '../../../infrastructure/persistence/pricing-store';

/** Platform admins: cards with their full version history. */
export class ListRateCards {
  constructor(readonly filter: CardFilter) {}
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
