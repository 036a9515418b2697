/** Reading single cells of an import file: money, integers, flags, formulas. Pure functions. */

const MONEY = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * Rupees as typed in a sheet ('1299', '1299.5', '1,299.50', '₹ 1299.50') to integer paise, exactly: the string is
 * parsed digit by digit, never through a float. Null when it is not a non-negative amount with at most 2 decimals.
 */
export function rupeesToPaise(text: string): number | null {
  const cleaned = text.trim().replace(/^(₹|rs\.?|inr)\s*/i, '').replace(/,/g, '');
  const match = MONEY.exec(cleaned);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** A positive whole number ('3', not '3.0' or '-1'); null otherwise. */
export function positiveInt(text: string, max = 1_000_000): number | null {
  if (!/^\d{1,9}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= max ? n : null;
}

const DECIMAL = new Map<number, RegExp>();

/** A non-negative decimal with up to `decimals` places, e.g. weights and dimensions; null otherwise. */
export function decimal(text: string, decimals: number): number | null {
  let pattern = DECIMAL.get(decimals);
  if (!pattern) DECIMAL.set(decimals, (pattern = new RegExp(`^(\\d{1,7})(?:\\.(\\d{1,${decimals}}))?$`)));
  const m = pattern.exec(text.trim());
  return m ? Number(m[0]) : null;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** true/yes/1 or false/no/0 (any case); undefined when empty; null when it is something else. */
export function flag(text: string): boolean | undefined | null {
  const v = text.trim().toLowerCase();
  if (v === '') return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

/** = + - @ tab CR LF space: the first character of every cell the rules below can flag. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0x20]);

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab / carriage return before one) as a formula
 * (CSV injection). Plain signed numbers and phone numbers (+91 98765 43210) are not formulas.
 */
export function isFormulaCell(text: string): boolean {
  if (!FORMULA_START.has(text.charCodeAt(0))) return false; // most cells: nothing below can match
  const v = text.replace(/^[\t\r\n ]+/, '');
  if (v !== text && /^[=+\-@]/.test(v)) return true;
  if (/^[=@]/.test(v)) return true;
  return /^[+-]/.test(v) && !/^[+-]?[\d ().-]+$/.test(v);
}
