import type { CourierRate, CourierServiceability, ServiceabilityQuery } from '../../../../contracts';

/** Lane checks need a box but a serviceability query has none: they ask about a nominal 10 cm cube. */
export const PROBE_BOX = { lengthCm: 10, breadthCm: 10, heightCm: 10 } as const;

/** What a courier answered about a lane for one payment mode: the Shipcrowd services it offers there, or why not. */
export interface LaneProbe {
  services: string[];
  reason: string | null;
  expectedTransitDays?: number | null;
}

/**
 * For couriers whose lane check answers for one payment mode only (the shipping-panel APIs, SmartShip): asks for
 * prepaid and COD in parallel (both calls are safe), answers for the mode the query asks, and reports whether the
 * other mode is served too. These APIs say nothing of pickup, reverse or ODA apart from the lane itself.
 */
export async function serviceabilityByPaymentMode(query: ServiceabilityQuery, probe: (mode: 'prepaid' | 'cod') => Promise<LaneProbe>): Promise<CourierServiceability> {
  const [prepaid, cod] = await Promise.all([probe('prepaid'), probe('cod')]);
  const asked = query.paymentMode === 'cod' ? cod : prepaid;
  const serviceable = asked.services.length > 0;
  return {
    serviceable,
    prepaid: prepaid.services.length > 0,
    cod: cod.services.length > 0,
    pickup: serviceable,
    reverse: false,
    oda: false,
    services: asked.services,
    expectedTransitDays: asked.expectedTransitDays ?? null,
    reason: serviceable ? null : asked.reason,
  };
}

/**
 * Aggregators quote several carriers per Shipcrowd service; the one a booking would take is the cheapest of the
 * service. One rate per service, in the order the courier listed them, optionally one service only.
 */
export function cheapestPerService<Q extends CourierRate>(quotes: readonly Q[], only?: string): Q[] {
  const best = new Map<string, Q>();
  for (const quote of quotes) {
    if (only && quote.service !== only) continue;
    const kept = best.get(quote.service);
    if (!kept || quote.totalPaise < kept.totalPaise) best.set(quote.service, quote);
  }
  return [...best.values()];
}

/** A courier's positive count (grams, days) as a whole number, numeric text included; null when absent, zero or not a number. */
export function positiveWhole(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

/** Distinct values in first-seen order. */
export function distinctInOrder(values: readonly string[]): string[] {
  return [...new Set(values)];
}
