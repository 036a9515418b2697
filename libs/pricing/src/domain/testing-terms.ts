import type { RateCardTerms } from './terms';

/** A realistic surface card (Rs 28..70 first 500 g), used by the pricing specs. */
export function sampleTerms(overrides: Partial<RateCardTerms> = {}): RateCardTerms {
  return {
    slabGrams: 500,
    zones: {
      A: { firstSlabPaise: 2800, additionalSlabPaise: 2600 },
      B: { firstSlabPaise: 3300, additionalSlabPaise: 3000 },
      C: { firstSlabPaise: 4000, additionalSlabPaise: 3800 },
      D: { firstSlabPaise: 4800, additionalSlabPaise: 4500 },
      E: { firstSlabPaise: 6500, additionalSlabPaise: 6000 },
    },
    cod: { fixedPaise: 3500, percentBp: 150 },
    fuelSurcharges: [{ from: '2020-01-01', to: null, percentBp: 1200 }],
    rtoPercentBp: 10_000,
    seasonal: [],
    odaFeePaise: 3000,
    gstRateBp: 1800,
    ...overrides,
  };
}
