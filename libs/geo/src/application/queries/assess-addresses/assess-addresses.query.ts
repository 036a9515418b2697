import type { AddressInput } from '../../../domain/address-quality';

/** Scores addresses (pincode known, city/state agree, house number, landmark, phone) with reasons; one directory read for all. */
export class AssessAddresses {
  constructor(readonly addresses: readonly AddressInput[]) {}
}
