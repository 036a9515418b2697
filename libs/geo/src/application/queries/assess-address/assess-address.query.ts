import type { AddressInput } from '../../../domain/address-quality';

/** Scores an address (pincode known, city/state agree, house number, landmark, phone) with reasons. */
export class AssessAddress {
  constructor(readonly address: AddressInput) {}
}
