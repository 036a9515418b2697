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
  const { terms } = input;
  const weights = chargeableWeight({ deadWeightGrams: input.deadWeightGrams, dimensionsCm: input.dimensionsCm, volumetricDivisor: input.volumetricDivisor, slabGrams: terms.slabGrams });
  const price = terms.zones[input.zone];
  const date = indianDate(input.at);
  const lines: PriceLine[] = [];
  const add = (code: LineCode, label: string, amountPaise: number) => lines.push({ code, label, amountPaise });

  const kg = (grams: number) => `${grams / 1000} kg`;
  add('freight', `Freight, zone ${input.zone}, first ${kg(terms.slabGrams)}`, price.firstSlabPaise);
  const extraSlabs = weights.slabs - 1;
  if (extraSlabs > 0) add('additional_weight', `${extraSlabs} additional slab${extraSlabs > 1 ? 's' : ''} of ${kg(terms.slabGrams)}`, extraSlabs * price.additionalSlabPaise);
  const freight = price.firstSlabPaise + extraSlabs * price.additionalSlabPaise;

  if (input.paymentMode === 'cod') {
    const percent = applyBasisPoints(input.codAmountPaise, terms.cod.percentBp);
    const fee = Math.max(terms.cod.fixedPaise, percent);
    add('cod_fee', percent > terms.cod.fixedPaise ? `COD fee, ${terms.cod.percentBp / 100}% of COD amount` : 'COD fee (minimum)', fee);
  }

  let forward = freight;
  const fuel = terms.fuelSurcharges.find((f) => inRange(date, f.from, f.to));
  if (fuel && fuel.percentBp > 0) {
    const amount = applyBasisPoints(freight, fuel.percentBp);
    add('fuel_surcharge', `Fuel surcharge ${fuel.percentBp / 100}%`, amount);
    forward += amount;
  }
  for (const s of terms.seasonal) {
    if (!inRange(date, s.from, s.to)) continue;
    const amount = s.kind === 'percent' ? applyBasisPoints(freight, s.value) : s.value;
    add('seasonal', s.kind === 'percent' ? `${s.name} (${s.value / 100}%)` : s.name, amount);
    forward += amount;
  }
  if (input.oda && terms.odaFeePaise > 0) add('oda', 'Out-of-delivery-area surcharge', terms.odaFeePaise);

  const subtotalPaise = sum(lines);
  const gstPaise = applyBasisPoints(subtotalPaise, terms.gstRateBp);
  const rate = `${terms.gstRateBp / 100}%`;
  if (input.intraState) {
    const { cgst, sgst } = splitGst(gstPaise);
    add('cgst', `CGST ${terms.gstRateBp / 200}%`, cgst);
    add('sgst', `SGST ${terms.gstRateBp / 200}%`, sgst);
  } else {
    add('igst', `IGST ${rate}`, gstPaise);
  }
  const rto = applyBasisPoints(forward, terms.rtoPercentBp);
  return {
    ...weights,
    lines,
    subtotalPaise,
    gstPaise,
    totalPaise: sum(lines),
    forwardFreightPaise: forward,
    rtoChargePaise: rto + applyBasisPoints(rto, terms.gstRateBp),
  };
}

function sum(lines: PriceLine[]): number {
  return lines.reduce((n, l) => n + l.amountPaise, 0);
}
