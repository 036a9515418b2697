import type { RateCardScope } from '../../../domain/rate-card';
import type { RateCardTermsInput } from '../../../domain/terms';

export interface RateCardInput {
  scope: RateCardScope;
  companyId?: string | null;
  courier: string;
  service: string;
  name?: string | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  notes?: string | null;
  terms: RateCardTermsInput;
}

/** A platform admin creates a rate card; its version 1 starts as a draft. */
export class CreateRateCard {
  constructor(
    readonly input: RateCardInput,
    readonly adminUserId: string,
  ) {}
}
