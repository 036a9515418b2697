import type { PricingTier } from '../../../domain/rate-card';
import type { SelectionWeights } from '../../../domain/selection';

/** A platform admin puts a company on the standard or vip tier (vip cards then price its quotes). */
export class SetPricingTier {
  constructor(readonly companyId: string, readonly tier: PricingTier, readonly adminUserId: string) {}
}

/** A company's courier-selection weights. */
export class SetQuotePreferences {
  constructor(readonly companyId: string, readonly weights: SelectionWeights, readonly userId: string) {}
}

/** A courier's performance score (0..1); admins today, tracking later (adminUserId null = system). */
export class SetCourierPerformance {
  constructor(readonly courier: string, readonly score: number, readonly adminUserId: string | null) {}
}
