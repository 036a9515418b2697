import { applyBasisPoints, splitGst } from './money';
import { indianDate, inRange, RateCardTerms, Zone } from './terms';

export interface Dimensions {
  length: number;
  breadth: number;
  height: number;
}

export interface WeightInput {
  deadWeightGrams: number;
  dimensionsCm?: Dimensions | null;
  /** cm³ per kg (L x B x H / divisor = kg); 5000 unless the courier says otherwise. */
  volumetricDivisor: number;
  slabGrams: number;
}

export interface Weights {
  volumetricWeightGrams: number;
  /** max(dead, volumetric) rounded up to a whole number of slabs (at least one). */
  chargeableWeightGrams: number;
  slabs: number;
}

/** Volumetric weight in whole grams, rounded up: L x B x H (cm) / divisor kg. */
export function volumetricGrams(dimensions: Dimensions | null | undefined, divisor: number): number {
  if (!dimensions) return 0;
  const cm3 = dimensions.length * dimensions.breadth * dimensions.height;
  // Dimensions may carry one decimal; scale to whole mm-ish units before dividing to avoid 0.1 float noise.
  return Math.ceil(Math.round(cm3 * 1000 * 1000) / (divisor * 1000));
}

export function chargeableWeight({ deadWeightGrams, dimensionsCm, volumetricDivisor, slabGrams }: WeightInput): Weights {
  if (!Number.isInteger(deadWeightGrams) || deadWeightGrams <= 0) throw new RangeError('dead weight must be whole grams above zero');
  const volumetricWeightGrams = volumetricGrams(dimensionsCm, volumetricDivisor);
  const heavier = Math.max(deadWeightGrams, volumetricWeightGrams);
  const slabs = Math.max(1, Math.ceil(heavier / slabGrams));
  return { volumetricWeightGrams, chargeableWeightGrams: slabs * slabGrams, slabs };
}

export type LineCode = 'freight' | 'additional_weight' | 'cod_fee' | 'fuel_surcharge' | 'seasonal' | 'oda' | 'cgst' | 'sgst' | 'igst';

export interface PriceLine {
  code: LineCode;
  label: string;
  amountPaise: number;
}

export interface PriceInput {
  terms: RateCardTerms;
  zone: Zone;
  deadWeightGrams: number;
  dimensionsCm?: Dimensions | null;
  volumetricDivisor: number;
  paymentMode: 'prepaid' | 'cod';
  codAmountPaise: number;
  /** The lane is out of the courier's regular delivery area. */
  oda: boolean;
  /** Supplier (Shipcrowd) and recipient in the same GST state: CGST + SGST, else IGST. */
  intraState: boolean;
  /** When the shipment is priced: picks the fuel surcharge and seasonal adjustments in force (Indian date). */
  at: Date;
}

export interface PriceBreakdown extends Weights {
  lines: PriceLine[];
  /** Sum of the lines before GST. */
  subtotalPaise: number;
  gstPaise: number;
  /** Sum of every line, GST included. */
  totalPaise: number;
  /** Forward freight the RTO charge is based on: freight + additional slabs + fuel + seasonal. */
  forwardFreightPaise: number;
  /** RTO charge (rtoPercentBp of forward freight) with its GST. */
  rtoChargePaise: number;
}

/**
 * Prices one shipment on one card. Lines: freight (first slab), additional_weight (each further slab),
 * cod_fee (max of fixed and percent of the COD amount), fuel_surcharge (percent of freight in force at
 * `at`), seasonal (one line per adjustment in force; percent of freight or a fixed amount), oda (when the
 * lane is ODA), then GST on the subtotal as cgst + sgst (intra-state; odd paisa on CGST) or igst.
 * The total is the sum of the lines by construction.
 */
export function priceShipment(input: PriceInput): PriceBreakdown {
  const { terms, zone } = input;
  const labels = labelsOf(terms);
  const weights = chargeableWeight({ deadWeightGrams: input.deadWeightGrams, dimensionsCm: input.dimensionsCm, volumetricDivisor: input.volumetricDivisor, slabGrams: terms.slabGrams });
  const price = terms.zones[zone];
  const date = indianDate(input.at);
  const lines: PriceLine[] = [{ code: 'freight', label: labels.freight(zone), amountPaise: price.firstSlabPaise }];

  const extraSlabs = weights.slabs - 1;
  if (extraSlabs > 0) lines.push({ code: 'additional_weight', label: labels.additionalSlabs(extraSlabs), amountPaise: extraSlabs * price.additionalSlabPaise });
  const freight = price.firstSlabPaise + extraSlabs * price.additionalSlabPaise;

  if (input.paymentMode === 'cod') {
    const percent = applyBasisPoints(input.codAmountPaise, terms.cod.percentBp);
    const byPercent = percent > terms.cod.fixedPaise;
    lines.push({ code: 'cod_fee', label: byPercent ? labels.codPercent : 'COD fee (minimum)', amountPaise: byPercent ? percent : terms.cod.fixedPaise });
  }

  let forward = freight;
  for (let i = 0; i < terms.fuelSurcharges.length; i++) {
    const fuel = terms.fuelSurcharges[i];
    if (!inRange(date, fuel.from, fuel.to)) continue;
    if (fuel.percentBp > 0) {
      const amount = applyBasisPoints(freight, fuel.percentBp);
      lines.push({ code: 'fuel_surcharge', label: labels.fuel[i], amountPaise: amount });
      forward += amount;
    }
    break;
  }
  for (let i = 0; i < terms.seasonal.length; i++) {
    const s = terms.seasonal[i];
    if (!inRange(date, s.from, s.to)) continue;
    const amount = s.kind === 'percent' ? applyBasisPoints(freight, s.value) : s.value;
    lines.push({ code: 'seasonal', label: labels.seasonal[i], amountPaise: amount });
    forward += amount;
  }
  if (input.oda && terms.odaFeePaise > 0) lines.push({ code: 'oda', label: 'Out-of-delivery-area surcharge', amountPaise: terms.odaFeePaise });

  const subtotalPaise = sum(lines);
  const gstPaise = applyBasisPoints(subtotalPaise, terms.gstRateBp);
  if (input.intraState) {
    const { cgst, sgst } = splitGst(gstPaise);
    lines.push({ code: 'cgst', label: labels.cgst, amountPaise: cgst }, { code: 'sgst', label: labels.sgst, amountPaise: sgst });
  } else {
    lines.push({ code: 'igst', label: labels.igst, amountPaise: gstPaise });
  }
  const rto = applyBasisPoints(forward, terms.rtoPercentBp);
  return {
    volumetricWeightGrams: weights.volumetricWeightGrams,
    chargeableWeightGrams: weights.chargeableWeightGrams,
    slabs: weights.slabs,
    lines,
    subtotalPaise,
    gstPaise,
    totalPaise: sum(lines),
    forwardFreightPaise: forward,
    rtoChargePaise: rto + applyBasisPoints(rto, terms.gstRateBp),
  };
}

/**
 * The line labels of one card, written once per card (cards are immutable snapshots): turning fractional numbers
 * into text ("0.5 kg", "1.5%") for every line of every option was most of a quote's pricing time.
 */
class CardLabels {
  private readonly zones = new Map<Zone, string>();
  private readonly slabs: string[] = [];
  private readonly slab: string;
  readonly codPercent: string;
  readonly fuel: string[];
  readonly seasonal: string[];
  readonly cgst: string;
  readonly sgst: string;
  readonly igst: string;

  constructor(terms: RateCardTerms) {
    this.slab = `${terms.slabGrams / 1000} kg`;
    this.codPercent = `COD fee, ${terms.cod.percentBp / 100}% of COD amount`;
    this.fuel = terms.fuelSurcharges.map((f) => `Fuel surcharge ${f.percentBp / 100}%`);
    this.seasonal = terms.seasonal.map((s) => (s.kind === 'percent' ? `${s.name} (${s.value / 100}%)` : s.name));
    this.cgst = `CGST ${terms.gstRateBp / 200}%`;
    this.sgst = `SGST ${terms.gstRateBp / 200}%`;
    this.igst = `IGST ${terms.gstRateBp / 100}%`;
  }

  freight(zone: Zone): string {
    let label = this.zones.get(zone);
    if (label === undefined) this.zones.set(zone, (label = `Freight, zone ${zone}, first ${this.slab}`));
    return label;
  }

  additionalSlabs(count: number): string {
    const made = this.slabs[count];
    if (made !== undefined) return made;
    const label = `${count} additional slab${count > 1 ? 's' : ''} of ${this.slab}`;
    if (count < 1_000) this.slabs[count] = label;
    return label;
  }
}

const cardLabels = new WeakMap<RateCardTerms, CardLabels>();

function labelsOf(terms: RateCardTerms): CardLabels {
  let labels = cardLabels.get(terms);
  if (!labels) cardLabels.set(terms, (labels = new CardLabels(terms)));
  return labels;
}

function sum(lines: PriceLine[]): number {
  let total = 0;
  for (let i = 0; i < lines.length; i++) total += lines[i].amountPaise;
  return total;
}
