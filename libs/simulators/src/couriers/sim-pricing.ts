/**
 * Deterministic prices for simulated couriers' quotes: the aggregator zone of a pincode pair (A same city, B same
 * region, C metro to metro, D rest of India, E special), a base rate per 500 g slab scaled by zone, and a COD fee.
 * Each simulator words the result in its own fields and units; the numbers only need to be stable and plausible.
 */

export type SimZone = 'A' | 'B' | 'C' | 'D' | 'E';

/** Delhi, Mumbai, Bengaluru, Chennai, Kolkata, Hyderabad, Pune, Ahmedabad, by the first three digits. */
const METRO_PREFIXES = new Set(['110', '400', '560', '600', '700', '500', '411', '380']);
/** Jammu & Kashmir (18, 19), the North-East (78, 79), Andaman (744). */
const SPECIAL = /^(18|19|78|79|744)/;
const ZONE_FACTOR: Readonly<Record<SimZone, number>> = { A: 1, B: 1.15, C: 1.3, D: 1.5, E: 1.9 };
/** Days on the road by zone, surface; air takes about half. */
const ZONE_DAYS: Readonly<Record<SimZone, number>> = { A: 1, B: 2, C: 3, D: 5, E: 7 };

export function simZone(origin: string, destination: string): SimZone {
  if (origin.slice(0, 3) === destination.slice(0, 3)) return 'A';
  if (SPECIAL.test(destination) || SPECIAL.test(origin)) return 'E';
  if (origin.slice(0, 2) === destination.slice(0, 2)) return 'B';
  if (METRO_PREFIXES.has(origin.slice(0, 3)) && METRO_PREFIXES.has(destination.slice(0, 3))) return 'C';
  return 'D';
}

/** The heavier of dead and volumetric weight (L x B x H / divisor), grams; dimensions may be absent. */
export function simChargeableGrams(deadGrams: number, box: { length?: number; breadth?: number; height?: number } = {}, divisor = 5000): number {
  const volumetric = ((Number(box.length) || 0) * (Number(box.breadth) || 0) * (Number(box.height) || 0) * 1000) / divisor;
  return Math.max(Math.round(deadGrams) || 0, Math.round(volumetric));
}

/** Whole 500 g slabs a weight is billed as (at least one). */
export function simSlabs(grams: number, slabGrams = 500): number {
  return Math.max(1, Math.ceil(grams / slabGrams));
}

/** Freight in rupees (two decimals): the base rate per slab, scaled by zone. */
export function simFreightRupees(perSlabRupees: number, zone: SimZone, chargeableGrams: number): number {
  return rupees2(perSlabRupees * ZONE_FACTOR[zone] * simSlabs(chargeableGrams));
}

/** The COD fee in rupees: the larger of a fixed fee and a share of the amount collected. */
export function simCodFeeRupees(collectRupees: number, fixedRupees = 30, percent = 2): number {
  return rupees2(Math.max(fixedRupees, ((Number(collectRupees) || 0) * percent) / 100));
}

export function simTransitDays(zone: SimZone, air: boolean): number {
  return air ? Math.max(1, Math.ceil(ZONE_DAYS[zone] / 2)) : ZONE_DAYS[zone];
}

export function rupees2(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** A lane as a quote call describes it: pincodes, dead weight, the box when given, and the COD amount (null = prepaid). */
export interface SimLane {
  origin: string;
  destination: string;
  deadGrams: number;
  box?: { length?: number; breadth?: number; height?: number };
  codRupees: number | null;
}

/** What every simulated quote starts from: the zone, the chargeable weight (whole slabs, grams) and the COD fee. */
export function simLanePricing(lane: SimLane): { zone: SimZone; chargeableGrams: number; slabGrams: number; codFee: number; freight: (perSlabRupees: number) => number } {
  const zone = simZone(lane.origin, lane.destination);
  const chargeableGrams = simChargeableGrams(lane.deadGrams, lane.box);
  return {
    zone,
    chargeableGrams,
    slabGrams: simSlabs(chargeableGrams) * 500,
    codFee: lane.codRupees === null ? 0 : simCodFeeRupees(lane.codRupees),
    freight: (perSlabRupees) => simFreightRupees(perSlabRupees, zone, chargeableGrams),
  };
}
