import type { BillingDetails } from '../../../domain/company';
import type { Actor } from '../../actor';

export class SetBillingDetails {
  constructor(
    readonly actor: Actor,
    readonly billing: BillingDetails,
    readonly expectedVersion?: number,
  ) {}
}
