import { COURIERS, CourierService } from '@shipcrowd/couriers/contracts';
import { newId } from '@shipcrowd/kernel';
import type { RateCardScope } from '../../domain/rate-card';
import { RateCardTerms, ZONES } from '../../domain/terms';
import type { PricingStore } from './pricing-store';

/**
 * Platform cards a fresh install ships so quotes work out of the box (sandbox couriers): a base card for every
 * catalogue courier service and a B2B card for every freight service. Prices are realistic for India in 2025-26
 * (surface 500 g: A Rs 28-35 ... E Rs 60-80; air higher; COD Rs 35-45 or 1.5-2%; fuel 10-15%), varied per courier
 * by a fixed step so quotes differ and recommendations mean something.
 */
const PARCEL_SURFACE = { A: [2800, 3500], B: [3200, 4000], C: [4000, 5000], D: [4500, 5800], E: [6000, 8000] } as const;
const PARCEL_AIR = { A: [3600, 4400], B: [4400, 5400], C: [5600, 6800], D: [6400, 7800], E: [8200, 9800] } as const;
// Freight: first slab = the minimum chargeable 20 kg consignment; each further kilo priced per slab of 1 kg.
const FREIGHT_FIRST = { A: [30000, 36000], B: [36000, 42000], C: [44000, 52000], D: [50000, 60000], E: [64000, 76000] } as const;
const FREIGHT_PER_KG = { A: [900, 1100], B: [1100, 1300], C: [1300, 1600], D: [1500, 1800], E: [1900, 2300] } as const;

function between([low, high]: readonly [number, number], step: number): number {
  return Math.min(high, Math.round((low + ((high - low) * step) / 10) / 100) * 100 + (step % 2 ? 0 : 50));
}

export function sandboxTerms(service: CourierService, step: number, scope: RateCardScope): RateCardTerms {
  const discount = scope === 'b2b' ? 0.95 : 1;
  const price = (n: number) => Math.round(n * discount);
  const fuelBp = 1000 + (step % 6) * 100; // 10-15%
  const cod = { fixedPaise: 3500 + (step % 5) * 250, percentBp: 150 + (step % 3) * 25 }; // Rs 35-45, 1.5-2%
  if (service.b2b) {
    const slab = service.code === 'ftl' ? 5000 : 1000;
    const zones = Object.fromEntries(
      ZONES.map((z) => {
        const first = between(FREIGHT_FIRST[z], step) * (service.code === 'ftl' ? 4 : 1);
        // PTL: the first 20 kg at the minimum charge, modelled as a 1 kg first slab at the minimum price.
        return [z, { firstSlabPaise: price(first), additionalSlabPaise: price(between(FREIGHT_PER_KG[z], step) * (slab / 1000)) }];
      }),
    ) as RateCardTerms['zones'];
    return { slabGrams: slab, zones, cod: { fixedPaise: 10_000 + step * 500, percentBp: 200 }, fuelSurcharges: [{ from: '2024-01-01', to: null, percentBp: fuelBp }], rtoPercentBp: 10_000, seasonal: [], odaFeePaise: 75_000, gstRateBp: 1800 };
  }
  const table = service.mode === 'air' ? PARCEL_AIR : PARCEL_SURFACE;
  const zones = Object.fromEntries(
    ZONES.map((z) => {
      const first = between(table[z], step);
      return [z, { firstSlabPaise: price(first), additionalSlabPaise: price(Math.round((first * 0.9) / 50) * 50) }];
    }),
  ) as RateCardTerms['zones'];
  return { slabGrams: 500, zones, cod, fuelSurcharges: [{ from: '2024-01-01', to: null, percentBp: fuelBp }], rtoPercentBp: 10_000, seasonal: [], odaFeePaise: 3000 + (step % 3) * 1000, gstRateBp: 1800 };
}

/** Inserts the sandbox platform cards (active) when no platform base card exists yet. Returns how many cards it wrote. */
export async function seedSandboxRateCards(store: PricingStore, now: Date): Promise<number> {
  if (await store.hasPlatformBaseCards()) return 0;
  let written = 0;
  for (const [index, courier] of COURIERS.entries()) {
    const step = (index * 7) % 11; // spreads couriers over each price range
    for (const service of courier.services) {
      const scopes: RateCardScope[] = service.b2b ? ['base', 'b2b'] : ['base'];
      for (const scope of scopes) {
        const id = newId();
        await store.insertCard(
          { id, scope, companyId: null, courier: courier.code, service: service.code, name: `${service.name} (${scope === 'base' ? 'platform base' : 'platform B2B'})`, createdBy: null, createdAt: now },
          {
            id: newId(),
            rateCardId: id,
            companyId: null,
            version: 1,
            status: 'active',
            terms: sandboxTerms(service, step, scope),
            effectiveFrom: new Date('2024-01-01T00:00:00+05:30'),
            effectiveTo: null,
            notes: 'Sandbox platform card shipped with a fresh install',
            createdBy: null,
            createdAt: now,
            updatedAt: now,
            activatedAt: now,
          },
        );
        written += 1;
      }
    }
  }
  return written;
}
