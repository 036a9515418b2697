/** Coverage of one courier service at one pincode, as couriers publish it. Plain data, no framework. */
export interface CoverageFlags {
  prepaid: boolean;
  cod: boolean;
  pickup: boolean;
  reverse: boolean;
  oda: boolean;
  /** Largest parcel the lane accepts; null = no published limit. */
  maxWeightGrams: number | null;
  /** Largest COD value the lane accepts; null = no published limit. */
  maxCodPaise: number | null;
}

export interface CoverageRow extends CoverageFlags {
  courier: string;
  service: string;
  pincode: string;
}

/** Where a coverage row came from. */
export type CoverageSource = 'seed' | 'upload' | 'sync';

/** The columns of a coverage CSV, in order. */
export const COVERAGE_CSV_COLUMNS = ['courier', 'service', 'pincode', 'prepaid', 'cod', 'pickup', 'reverse', 'oda', 'max_weight_grams', 'max_cod_paise'] as const;

export const PINCODE = /^[1-9][0-9]{5}$/;
const TRUE = new Set(['y', 'yes', 'true', '1']);
const FALSE = new Set(['n', 'no', 'false', '0']);

/** Y/N, true/false, 1/0 (any case); anything else is null (invalid). */
export function parseFlag(value: string | undefined): boolean | null {
  const v = (value ?? '').trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

export function sameFlags(a: CoverageFlags, b: CoverageFlags): boolean {
  return a.prepaid === b.prepaid && a.cod === b.cod && a.pickup === b.pickup && a.reverse === b.reverse && a.oda === b.oda && a.maxWeightGrams === b.maxWeightGrams && a.maxCodPaise === b.maxCodPaise;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** Knows which courier/service pairs exist (the couriers catalogue). */
export type ServiceCatalogue = (courier: string, service: string) => 'ok' | 'unknown_courier' | 'unknown_service';

const MAX_WEIGHT_LIMIT = 10_000_000; // 10 t, in grams
const MAX_COD_LIMIT = 100_000_000_00; // ₹10 crore, in paise

/**
 * Validates one CSV record (row number as the user counts it: header = row 1). Returns the row or its errors
 * (every problem of the row, not just the first).
 */
export function parseCoverageRecord(record: Record<string, string | undefined>, row: number, catalogue: ServiceCatalogue): { row: CoverageRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const courier = (record.courier ?? '').trim().toLowerCase();
  const service = (record.service ?? '').trim().toLowerCase();
  const pincode = (record.pincode ?? '').trim();
  const known = catalogue(courier, service);
  if (known === 'unknown_courier') errors.push({ row, field: 'courier', message: courier ? `unknown courier '${courier}'` : 'is required' });
  else if (known === 'unknown_service') errors.push({ row, field: 'service', message: service ? `courier '${courier}' has no service '${service}'` : 'is required' });
  if (!PINCODE.test(pincode)) errors.push({ row, field: 'pincode', message: 'must be 6 digits, the first 1-9' });
  const flags: Partial<Record<'prepaid' | 'cod' | 'pickup' | 'reverse' | 'oda', boolean>> = {};
  for (const field of ['prepaid', 'cod', 'pickup', 'reverse', 'oda'] as const) {
    const parsed = parseFlag(record[field]);
    if (parsed === null) errors.push({ row, field, message: 'must be Y/N, true/false or 1/0' });
    else flags[field] = parsed;
  }
  const maxWeightGrams = parseLimit(record.max_weight_grams, 'max_weight_grams', MAX_WEIGHT_LIMIT, row, errors);
  const maxCodPaise = parseLimit(record.max_cod_paise, 'max_cod_paise', MAX_COD_LIMIT, row, errors);
  if (errors.length) return { errors };
  return { row: { courier, service, pincode, prepaid: flags.prepaid!, cod: flags.cod!, pickup: flags.pickup!, reverse: flags.reverse!, oda: flags.oda!, maxWeightGrams, maxCodPaise } };
}

/** Empty = no limit; otherwise a positive whole number up to `max`. */
function parseLimit(value: string | undefined, field: string, max: number, row: number, errors: RowError[]): number | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (!/^\d+$/.test(v) || Number(v) <= 0 || Number(v) > max) {
    errors.push({ row, field, message: `must be empty (no limit) or a whole number from 1 to ${max}` });
    return null;
  }
  return Number(v);
}

/** The header must name exactly the coverage columns (any order, case-insensitive). Returns the missing/unknown ones. */
export function checkCoverageHeader(header: string[]): { missing: string[]; unknown: string[] } {
  const names = header.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
  return { missing: COVERAGE_CSV_COLUMNS.filter((c) => !names.includes(c)), unknown: names.filter((n) => !(COVERAGE_CSV_COLUMNS as readonly string[]).includes(n)) };
}
