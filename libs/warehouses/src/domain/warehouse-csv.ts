import type { FieldError } from '@shipcrowd/kernel';
import { DayHoursInput, parseDayHoursText, Weekday, WEEKDAYS } from './operating-hours';
import type { WarehouseInput } from './warehouse';

/**
 * The warehouses CSV (import and export share it). Hours per weekday are `HH:MM-HH:MM` or `closed`
 * (empty = closed). On import `is_default` = true/yes/1 makes that row the default (at most one row).
 */
export const WAREHOUSE_CSV_COLUMNS = [
  'code',
  'name',
  'contact_name',
  'contact_phone',
  'contact_email',
  'address_line1',
  'address_line2',
  'landmark',
  'pincode',
  'gstin',
  ...WEEKDAYS.map((d) => `hours_${d}`),
  'is_default',
  'active',
] as const;

/** Columns a file must have; the others may be left out. */
export const WAREHOUSE_CSV_REQUIRED = ['code', 'name', 'contact_name', 'contact_phone', 'address_line1', 'pincode'] as const;

/** Export-only columns (filled from the pincode directory; ignored on import). */
export const WAREHOUSE_CSV_EXPORT_EXTRA = ['city', 'state', 'gst_state_code', 'latitude', 'longitude'] as const;

/** Maps camelCase input fields to their CSV column, so field errors can name the column. */
export const WAREHOUSE_FIELD_COLUMN: Record<string, string> = {
  code: 'code',
  name: 'name',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  landmark: 'landmark',
  pincode: 'pincode',
  gstin: 'gstin',
};

export function columnOfField(field: string): string {
  const hours = /^operatingHours\.([a-z]{3})/.exec(field);
  if (hours) return `hours_${hours[1]}`;
  return WAREHOUSE_FIELD_COLUMN[field] ?? field;
}

export interface WarehouseCsvRow {
  input: WarehouseInput;
  isDefault: boolean;
  active: boolean;
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);

function flag(value: string | undefined, column: string, fallback: boolean, errors: FieldError[]): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return v === '' ? fallback : false;
  errors.push({ field: column, message: 'must be true or false', code: 'invalid_boolean' });
  return fallback;
}

/** One CSV record (header → value) as warehouse input; column-level problems are returned, field checks come later. */
export function warehouseFromCsvRecord(record: Record<string, string>): { row: WarehouseCsvRow; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const [column, value] of Object.entries(record)) {
    if (looksLikeFormula(value)) errors.push({ field: column, message: 'starts like a spreadsheet formula (= + - @); formulas are not accepted', code: 'formula_rejected' });
  }
  const hours: Partial<Record<Weekday, DayHoursInput>> = {};
  for (const day of WEEKDAYS) {
    const value = record[`hours_${day}`];
    if (value !== undefined) hours[day] = parseDayHoursText(value);
  }
  const input: WarehouseInput = {
    code: record.code ?? '',
    name: record.name ?? '',
    contactName: record.contact_name ?? '',
    contactPhone: record.contact_phone ?? '',
    contactEmail: record.contact_email,
    addressLine1: record.address_line1 ?? '',
    addressLine2: record.address_line2,
    landmark: record.landmark,
    pincode: record.pincode ?? '',
    gstin: record.gstin,
    operatingHours: hours,
  };
  const isDefault = flag(record.is_default, 'is_default', false, errors);
  const active = flag(record.active, 'active', true, errors);
  return { row: { input, isDefault, active }, errors };
}

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or tab/CR) as a formula. A plain signed number or a
 * phone number (+91 98765 43210) is harmless; anything else with such a start counts as a formula.
 */
export function looksLikeFormula(value: string): boolean {
  if (/^[=@\t\r]/.test(value)) return true;
  return /^[+-]/.test(value) && !/^[+-][0-9 ().-]*$/.test(value);
}

/** Exported text cells that look like a formula get a leading apostrophe, so Excel shows the text instead of running it. */
export function neutraliseCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
