import type { FieldError } from '@shipcrowd/kernel';
import { FULL_BP as FULL } from './money';

export type Zone = 'A' | 'B' | 'C' | 'D' | 'E';
export const ZONES: readonly Zone[] = ['A', 'B', 'C', 'D', 'E'];

export interface ZonePrice {
  /** Price of the first slab (slabGrams), paise. */
  firstSlabPaise: number;
  /** Price of each further slab, paise. */
  additionalSlabPaise: number;
}

/** A date range [from, to) on calendar dates (YYYY-MM-DD, India time is the caller's concern); to = null means open-ended. */
export interface DatedPercent {
  from: string;
  to: string | null;
  /** Basis points (1500 = 15%). */
  percentBp: number;
}

export interface SeasonalAdjustment {
  name: string;
  from: string;
  to: string | null;
  /** percent: `value` basis points of the freight (negative = discount); fixed: `value` paise per shipment. */
  kind: 'percent' | 'fixed';
  value: number;
}

/** What one rate-card version charges. Money in integer paise, percentages in basis points. */
export interface RateCardTerms {
  /** Weight slab in grams (first slab and each additional slab); default 500. */
  slabGrams: number;
  zones: Record<Zone, ZonePrice>;
  cod: { fixedPaise: number; percentBp: number };
  fuelSurcharges: DatedPercent[];
  /** RTO charge as a share of forward freight; 10,000 = 100% (the default). */
  rtoPercentBp: number;
  seasonal: SeasonalAdjustment[];
  /** Added when the destination is out of the courier's regular area (ODA). */
  odaFeePaise: number;
  /** GST rate, basis points (1800 = 18%). */
  gstRateBp: number;
}

export const DEFAULT_SLAB_GRAMS = 500;
export const DEFAULT_RTO_PERCENT_BP = 10_000;
export const DEFAULT_GST_RATE_BP = 1_800;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PAISE = 100_000_000; // Rs 10 lakh per line: anything above is a typo

/** Field errors of a set of terms (empty = valid). Paths are relative to `prefix`. */
export function validateTerms(terms: RateCardTerms, prefix = 'terms'): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string, code = 'pricing.invalid_terms') => errors.push({ field: `${prefix}.${field}`, message, code });
  const paise = (field: string, v: unknown, allowNegative = false) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return err(field, 'must be a whole number of paise');
    if (!allowNegative && v < 0) return err(field, 'must not be negative');
    if (Math.abs(v) > MAX_PAISE) err(field, `must be at most ${MAX_PAISE} paise`);
  };
  const bp = (field: string, v: unknown, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) err(field, `must be whole basis points between ${min} and ${max}`);
  };
  const range = (field: string, from: unknown, to: unknown) => {
    if (typeof from !== 'string' || !DATE.test(from) || Number.isNaN(Date.parse(from))) return err(`${field}.from`, 'must be a date YYYY-MM-DD');
    if (to === null || to === undefined) return;
    if (typeof to !== 'string' || !DATE.test(to) || Number.isNaN(Date.parse(to))) return err(`${field}.to`, 'must be a date YYYY-MM-DD or null');
    if (to <= from) err(`${field}.to`, 'must be after from');
  };

  if (!Number.isInteger(terms.slabGrams) || terms.slabGrams < 50 || terms.slabGrams > 100_000) err('slabGrams', 'must be whole grams between 50 and 100000');
  for (const zone of ZONES) {
    const price = terms.zones?.[zone];
    if (!price) {
      err(`zones.${zone}`, 'is required (every zone A-E needs a price)');
      continue;
    }
    paise(`zones.${zone}.firstSlabPaise`, price.firstSlabPaise);
    paise(`zones.${zone}.additionalSlabPaise`, price.additionalSlabPaise);
  }
  paise('cod.fixedPaise', terms.cod?.fixedPaise);
  bp('cod.percentBp', terms.cod?.percentBp, 0, FULL);
  (terms.fuelSurcharges ?? []).forEach((f, i) => {
    range(`fuelSurcharges[${i}]`, f.from, f.to);
    bp(`fuelSurcharges[${i}].percentBp`, f.percentBp, 0, FULL);
  });
  const fuel = [...(terms.fuelSurcharges ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < fuel.length; i++) {
    if (fuel[i - 1].to === null || (fuel[i - 1].to as string) > fuel[i].from) err('fuelSurcharges', 'periods must not overlap', 'pricing.overlapping_periods');
  }
  bp('rtoPercentBp', terms.rtoPercentBp, 0, 3 * FULL);
  (terms.seasonal ?? []).forEach((s, i) => {
    if (typeof s.name !== 'string' || !s.name.trim()) err(`seasonal[${i}].name`, 'must not be empty');
    range(`seasonal[${i}]`, s.from, s.to);
    if (s.kind === 'percent') bp(`seasonal[${i}].value`, s.value, -FULL + 1, FULL);
    else if (s.kind === 'fixed') paise(`seasonal[${i}].value`, s.value, true);
    else err(`seasonal[${i}].kind`, "must be 'percent' or 'fixed'");
  });
  paise('odaFeePaise', terms.odaFeePaise);
  bp('gstRateBp', terms.gstRateBp, 0, 2_800);
  return errors;
}
let lastInstant = NaN;
let lastIndianDate = '';

/** The calendar date (YYYY-MM-DD) of an instant in India (UTC+05:30): date ranges on cards are Indian dates. */
export function indianDate(at: Date): string {
  // A quote prices ~20 options at one instant: remember the last answer instead of formatting a date each time.
  const instant = at.getTime();
  if (instant !== lastInstant) {
    lastIndianDate = new Date(instant + 330 * 60_000).toISOString().slice(0, 10);
    lastInstant = instant;
  }
  return lastIndianDate;
}

export function inRange(date: string, from: string, to: string | null): boolean {
  return date >= from && (to === null || date < to);
}

/** Terms as an admin may send them: zones and COD are required, the rest has defaults. */
export type RateCardTermsInput = Pick<RateCardTerms, 'zones' | 'cod'> & Partial<Omit<RateCardTerms, 'zones' | 'cod'>>;

export function withDefaults(input: RateCardTermsInput): RateCardTerms {
  return {
    slabGrams: input.slabGrams ?? DEFAULT_SLAB_GRAMS,
    zones: input.zones,
    cod: input.cod,
    fuelSurcharges: input.fuelSurcharges ?? [],
    rtoPercentBp: input.rtoPercentBp ?? DEFAULT_RTO_PERCENT_BP,
    seasonal: input.seasonal ?? [],
    odaFeePaise: input.odaFeePaise ?? 0,
    gstRateBp: input.gstRateBp ?? DEFAULT_GST_RATE_BP,
  };
}
