import fc from 'fast-check';
import { chargeableWeight, PriceInput, priceShipment, volumetricGrams } from './pricing';
import { sampleTerms } from './testing-terms';
import { RateCardTerms, validateTerms, Zone, ZONES } from './terms';

const at = new Date('2026-03-10T06:00:00Z');
const base = (over: Partial<PriceInput> = {}): PriceInput => ({
  terms: sampleTerms(),
  zone: 'C',
  deadWeightGrams: 1200,
  dimensionsCm: null,
  volumetricDivisor: 5000,
  paymentMode: 'prepaid',
  codAmountPaise: 0,
  oda: false,
  intraState: false,
  at,
  ...over,
});

describe('chargeable weight', () => {
  it('is the heavier of dead and volumetric, rounded up to the slab', () => {
    expect(chargeableWeight({ deadWeightGrams: 1200, volumetricDivisor: 5000, slabGrams: 500 })).toEqual({ volumetricWeightGrams: 0, chargeableWeightGrams: 1500, slabs: 3 });
    expect(chargeableWeight({ deadWeightGrams: 500, volumetricDivisor: 5000, slabGrams: 500 }).chargeableWeightGrams).toBe(500);
    expect(chargeableWeight({ deadWeightGrams: 1, volumetricDivisor: 5000, slabGrams: 500 }).chargeableWeightGrams).toBe(500);
    // 40 x 30 x 20 = 24,000 cm3 / 5000 = 4.8 kg beats 1 kg dead weight
    expect(chargeableWeight({ deadWeightGrams: 1000, dimensionsCm: { length: 40, breadth: 30, height: 20 }, volumetricDivisor: 5000, slabGrams: 500 })).toEqual({ volumetricWeightGrams: 4800, chargeableWeightGrams: 5000, slabs: 10 });
    // a different divisor (freight 4500) and a 1 kg slab
    expect(chargeableWeight({ deadWeightGrams: 1000, dimensionsCm: { length: 30, breadth: 30, height: 30 }, volumetricDivisor: 4500, slabGrams: 1000 })).toEqual({ volumetricWeightGrams: 6000, chargeableWeightGrams: 6000, slabs: 6 });
    expect(() => chargeableWeight({ deadWeightGrams: 0, volumetricDivisor: 5000, slabGrams: 500 })).toThrow(RangeError);
  });

  it('rounds volumetric grams up and copes with decimals', () => {
    expect(volumetricGrams({ length: 10.1, breadth: 10, height: 10 }, 5000)).toBe(202);
    expect(volumetricGrams({ length: 0.1, breadth: 0.1, height: 0.1 }, 5000)).toBe(1);
    expect(volumetricGrams(null, 5000)).toBe(0);
  });

  it('property: chargeable >= dead, >= volumetric, a slab multiple, monotonic in weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.option(fc.record({ length: fc.integer({ min: 1, max: 200 }), breadth: fc.integer({ min: 1, max: 200 }), height: fc.integer({ min: 1, max: 200 }) }), { nil: null }),
        fc.constantFrom(4000, 4500, 5000),
        fc.constantFrom(250, 500, 1000),
        (dead, extra, dims, divisor, slab) => {
          const a = chargeableWeight({ deadWeightGrams: dead, dimensionsCm: dims, volumetricDivisor: divisor, slabGrams: slab });
          const b = chargeableWeight({ deadWeightGrams: dead + extra, dimensionsCm: dims, volumetricDivisor: divisor, slabGrams: slab });
          return a.chargeableWeightGrams >= dead && a.chargeableWeightGrams >= a.volumetricWeightGrams && a.chargeableWeightGrams % slab === 0 && a.chargeableWeightGrams - Math.max(dead, a.volumetricWeightGrams) < slab && b.chargeableWeightGrams >= a.chargeableWeightGrams;
        },
      ),
    );
  });
});

describe('priceShipment', () => {
  it('prices a lane exactly (checked by hand)', () => {
    // zone C: Rs 40 first 500 g + 2 x Rs 38 (1.2 kg -> 1.5 kg); COD Rs 1500 -> max(Rs 35, 1.5% = Rs 22.50) = Rs 35;
    // fuel 12% of Rs 116 = Rs 13.92; subtotal Rs 164.92; GST 18% = 29.6856 -> Rs 29.69: CGST 14.85 + SGST 14.84.
    const p = priceShipment(base({ paymentMode: 'cod', codAmountPaise: 150_000, intraState: true }));
    expect(p.lines.map((l) => [l.code, l.amountPaise])).toEqual([
      ['freight', 4000],
      ['additional_weight', 7600],
      ['cod_fee', 3500],
      ['fuel_surcharge', 1392],
      ['cgst', 1485],
      ['sgst', 1484],
    ]);
    expect(p).toMatchObject({ chargeableWeightGrams: 1500, slabs: 3, subtotalPaise: 16_492, gstPaise: 2969, totalPaise: 19_461, forwardFreightPaise: 12_992 });
    // RTO: 100% of forward freight (12992) + 18% GST (2338.56 -> 2339)
    expect(p.rtoChargePaise).toBe(15_331);
  });

  it('labels every line in words, from the card it was priced on', () => {
    const labels = (p: ReturnType<typeof priceShipment>) => p.lines.map((l) => l.label);
    expect(labels(priceShipment(base({ paymentMode: 'cod', codAmountPaise: 150_000, intraState: true })))).toEqual([
      'Freight, zone C, first 0.5 kg',
      '2 additional slabs of 0.5 kg',
      'COD fee (minimum)',
      'Fuel surcharge 12%',
      'CGST 9%',
      'SGST 9%',
    ]);
    const festive = sampleTerms({ slabGrams: 250, cod: { fixedPaise: 0, percentBp: 175 }, seasonal: [{ name: 'Festive peak', from: '2026-03-01', to: null, kind: 'percent', value: 250 }, { name: 'Handling', from: '2026-03-01', to: null, kind: 'fixed', value: 500 }] });
    expect(labels(priceShipment(base({ terms: festive, zone: 'E', deadWeightGrams: 500, paymentMode: 'cod', codAmountPaise: 100_000, oda: true })))).toEqual([
      'Freight, zone E, first 0.25 kg',
      '1 additional slab of 0.25 kg',
      'COD fee, 1.75% of COD amount',
      'Fuel surcharge 12%',
      'Festive peak (2.5%)',
      'Handling',
      'Out-of-delivery-area surcharge',
      'IGST 18%',
    ]);
    // The same card again (labels are made once per card) and another card: each keeps its own words.
    expect(priceShipment(base({ deadWeightGrams: 2600 })).lines[1].label).toBe('5 additional slabs of 0.5 kg');
    expect(priceShipment(base({ terms: festive, deadWeightGrams: 2600 })).lines[1].label).toBe('10 additional slabs of 0.25 kg');
  });

  it('charges IGST between states and CGST + SGST within one', () => {
    const inter = priceShipment(base());
    expect(inter.lines.filter((l) => l.code.endsWith('gst')).map((l) => l.code)).toEqual(['igst']);
    const intra = priceShipment(base({ intraState: true }));
    expect(intra.lines.filter((l) => l.code.endsWith('gst')).map((l) => l.code)).toEqual(['cgst', 'sgst']);
    expect(inter.totalPaise).toBe(intra.totalPaise);
  });

  it('takes the larger of the fixed and percent COD fee', () => {
    const fee = (cod: number) => priceShipment(base({ paymentMode: 'cod', codAmountPaise: cod })).lines.find((l) => l.code === 'cod_fee')!.amountPaise;
    expect(fee(100_000)).toBe(3500); // 1.5% = 15.00 < 35
    expect(fee(500_000)).toBe(7500); // 1.5% of 5000 = 75 > 35
    expect(fee(233_333)).toBe(3500); // 35.00 vs 35.00 (34.99995 rounds to 3500)
    expect(priceShipment(base()).lines.some((l) => l.code === 'cod_fee')).toBe(false);
  });

  it('applies the fuel surcharge and seasonal adjustments in force on the (Indian) date only', () => {
    const terms = sampleTerms({
      fuelSurcharges: [
        { from: '2026-01-01', to: '2026-03-10', percentBp: 1000 },
        { from: '2026-03-10', to: null, percentBp: 1500 },
      ],
      seasonal: [
        { name: 'Festive peak', from: '2026-03-01', to: '2026-03-15', kind: 'percent', value: 500 },
        { name: 'Monsoon handling', from: '2026-03-10', to: '2026-03-11', kind: 'fixed', value: 1000 },
        { name: 'Old promo', from: '2025-01-01', to: '2025-02-01', kind: 'percent', value: -1000 },
      ],
    });
    const p = priceShipment(base({ terms, deadWeightGrams: 500 }));
    expect(p.lines.map((l) => [l.code, l.amountPaise])).toEqual([
      ['freight', 4000],
      ['fuel_surcharge', 600],
      ['seasonal', 200],
      ['seasonal', 1000],
      ['igst', 1044], // 18% of 5800
    ]);
    // 2026-03-09 18:29 UTC is still 9 March in India (23:59 IST): the old 10% fuel applies, the fixed charge does not.
    const earlier = priceShipment(base({ terms, deadWeightGrams: 500, at: new Date('2026-03-09T18:29:00Z') }));
    expect(earlier.lines.map((l) => [l.code, l.amountPaise])).toEqual([['freight', 4000], ['fuel_surcharge', 400], ['seasonal', 200], ['igst', 828]]);
    expect(priceShipment(base({ terms, deadWeightGrams: 500, at: new Date('2026-03-09T18:30:00Z') })).lines.find((l) => l.code === 'fuel_surcharge')!.amountPaise).toBe(600);
  });

  it('adds the ODA surcharge only on ODA lanes', () => {
    expect(priceShipment(base({ oda: true })).lines.find((l) => l.code === 'oda')?.amountPaise).toBe(3000);
    expect(priceShipment(base({ oda: false })).lines.find((l) => l.code === 'oda')).toBeUndefined();
  });

  it('charges RTO at the configured share of forward freight', () => {
    const half = priceShipment(base({ terms: sampleTerms({ rtoPercentBp: 5000 }) }));
    expect(half.rtoChargePaise).toBe(6496 + 1169); // 50% of 12992 = 6496; GST 1169.28
    expect(priceShipment(base({ terms: sampleTerms({ rtoPercentBp: 0 }) })).rtoChargePaise).toBe(0);
  });

  const terms = fc.record({
    slab: fc.constantFrom(250, 500, 1000),
    first: fc.integer({ min: 0, max: 50_000 }),
    additional: fc.integer({ min: 0, max: 50_000 }),
    codFixed: fc.integer({ min: 0, max: 10_000 }),
    codBp: fc.integer({ min: 0, max: 500 }),
    fuelBp: fc.integer({ min: 0, max: 3000 }),
    seasonalBp: fc.integer({ min: -5000, max: 5000 }),
    seasonalFixed: fc.integer({ min: 0, max: 5000 }),
    oda: fc.integer({ min: 0, max: 10_000 }),
    gstBp: fc.constantFrom(0, 500, 1200, 1800, 2800),
    rtoBp: fc.integer({ min: 0, max: 20_000 }),
  });
  const toTerms = (t: TermsSample): RateCardTerms =>
    sampleTerms({
      slabGrams: t.slab,
      zones: Object.fromEntries(ZONES.map((z) => [z, { firstSlabPaise: t.first, additionalSlabPaise: t.additional }])) as RateCardTerms['zones'],
      cod: { fixedPaise: t.codFixed, percentBp: t.codBp },
      fuelSurcharges: [{ from: '2000-01-01', to: null, percentBp: t.fuelBp }],
      seasonal: [
        { name: 'pct', from: '2000-01-01', to: null, kind: 'percent', value: t.seasonalBp },
        { name: 'fixed', from: '2000-01-01', to: null, kind: 'fixed', value: t.seasonalFixed },
      ],
      odaFeePaise: t.oda,
      gstRateBp: t.gstBp,
      rtoPercentBp: t.rtoBp,
    });
  type TermsSample = typeof terms extends fc.Arbitrary<infer U> ? U : never;
  const shipment = fc.record({
    zone: fc.constantFrom<Zone>(...ZONES),
    weight: fc.integer({ min: 1, max: 100_000 }),
    cod: fc.boolean(),
    codAmount: fc.integer({ min: 0, max: 10_000_000 }),
    oda: fc.boolean(),
    intra: fc.boolean(),
    dims: fc.option(fc.record({ length: fc.integer({ min: 1, max: 150 }), breadth: fc.integer({ min: 1, max: 150 }), height: fc.integer({ min: 1, max: 150 }) }), { nil: null }),
  });

  it('property: total == sum(lines) == subtotal + gst; GST split never loses or invents a paisa', () => {
    fc.assert(
      fc.property(terms, shipment, (t, s) => {
        const p = priceShipment(base({ terms: toTerms(t), zone: s.zone, deadWeightGrams: s.weight, dimensionsCm: s.dims, paymentMode: s.cod ? 'cod' : 'prepaid', codAmountPaise: s.codAmount, oda: s.oda, intraState: s.intra }));
        const sum = p.lines.reduce((n, l) => n + l.amountPaise, 0);
        const gstLines = p.lines.filter((l) => ['cgst', 'sgst', 'igst'].includes(l.code));
        const gstSum = gstLines.reduce((n, l) => n + l.amountPaise, 0);
        const cgst = p.lines.find((l) => l.code === 'cgst')?.amountPaise;
        const sgst = p.lines.find((l) => l.code === 'sgst')?.amountPaise;
        const splitOk = s.intra ? cgst! + sgst! === p.gstPaise && Math.abs(cgst! - sgst!) <= 1 && gstLines.length === 2 : gstLines.length === 1 && gstLines[0].code === 'igst';
        return p.lines.every((l) => Number.isSafeInteger(l.amountPaise)) && p.totalPaise === sum && sum === p.subtotalPaise + p.gstPaise && gstSum === p.gstPaise && splitOk;
      }),
      { numRuns: 500 },
    );
  });

  it('property: the total never falls as the weight rises (all else equal)', () => {
    fc.assert(
      fc.property(terms, shipment, fc.integer({ min: 0, max: 20_000 }), (t, s, extra) => {
        const price = (w: number) => priceShipment(base({ terms: toTerms(t), zone: s.zone, deadWeightGrams: w, dimensionsCm: s.dims, paymentMode: s.cod ? 'cod' : 'prepaid', codAmountPaise: s.codAmount, oda: s.oda, intraState: s.intra }));
        const a = price(s.weight);
        const b = price(s.weight + extra);
        return b.totalPaise >= a.totalPaise && b.chargeableWeightGrams >= a.chargeableWeightGrams && b.rtoChargePaise >= a.rtoChargePaise;
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateTerms', () => {
  it('accepts a sound card', () => {
    expect(validateTerms(sampleTerms())).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = sampleTerms({
      slabGrams: 0,
      zones: { ...sampleTerms().zones, D: { firstSlabPaise: -1, additionalSlabPaise: 10.5 } },
      cod: { fixedPaise: 3500, percentBp: 20_000 },
      fuelSurcharges: [
        { from: '2026-01-01', to: '2026-06-01', percentBp: 1000 },
        { from: '2026-05-01', to: null, percentBp: 1200 },
      ],
      seasonal: [{ name: '', from: '2026-02-01', to: '2026-01-01', kind: 'percent', value: 100 }],
      gstRateBp: 5000,
    });
    delete (bad.zones as Partial<RateCardTerms['zones']>).E;
    const fields = validateTerms(bad).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'terms.slabGrams',
        'terms.zones.D.firstSlabPaise',
        'terms.zones.D.additionalSlabPaise',
        'terms.zones.E',
        'terms.cod.percentBp',
        'terms.fuelSurcharges',
        'terms.seasonal[0].name',
        'terms.seasonal[0].to',
        'terms.gstRateBp',
      ]),
    );
  });
});
