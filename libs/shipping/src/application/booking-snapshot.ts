import type { PartyAddress } from '@shipcrowd/couriers/contracts';

/** A party (consignee, pickup, return address) from the booking stored on a shipment. */
export function bookingPartyOf(booking: Record<string, unknown>, party: 'consignee' | 'pickup' | 'returnAddress'): PartyAddress {
  return booking[party] as PartyAddress;
}
