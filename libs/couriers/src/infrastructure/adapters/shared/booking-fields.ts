import type { BookingPackage, BookingRequest, PartyAddress } from '../../../../contracts';

/** Street lines and landmark as one address text, for couriers that take a single address field. */
export function addressText(party: PartyAddress): string {
  return [party.line1, party.line2, party.landmark].filter((part): part is string => !!part && part.trim() !== '').join(', ');
}

export function totalWeightGrams(packages: readonly BookingPackage[]): number {
  return packages.reduce((sum, box) => sum + box.weightGrams, 0);
}

/** L x B x H / divisor, in grams. */
export function volumetricWeightGrams(box: BookingPackage, divisor: number): number {
  return Math.round(((box.lengthCm * box.breadthCm * box.heightCm) / divisor) * 1000);
}

/** What a freight courier bills: the heavier of dead and volumetric weight, box by box. */
export function chargeableWeightGrams(packages: readonly BookingPackage[], divisor: number): number {
  return packages.reduce((sum, box) => sum + Math.max(box.weightGrams, volumetricWeightGrams(box, divisor)), 0);
}

/** Single-piece couriers take one box: the first (multi-box bookings are refused before they get here). */
export function singleBox(request: BookingRequest): BookingPackage {
  const box = request.packages[0];
  if (!box) throw new Error(`booking ${request.reference} has no package`);
  return box;
}

/** What the consignee pays the courier: the COD amount, nothing when prepaid. */
export function collectablePaise(request: BookingRequest): number {
  return request.paymentMode === 'cod' ? request.codAmountPaise : 0;
}

/** The India calendar date of an instant, YYYY-MM-DD (invoice and pickup dates are India dates). */
export function indiaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}
