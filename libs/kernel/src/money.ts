/**
 * Money is an integer number of paise. One place owns rounding: half away from zero.
 * bigint in SQL; JS number is exact up to 2^53 paise (~90 trillion rupees), checked on every operation.
 */
export type Paise = number;

export function assertPaise(value: number, field = 'amount'): Paise {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be a whole number of paise`);
  return value;
}

export function rupeesToPaise(rupees: string | number): Paise {
  const text = typeof rupees === 'number' ? rupees.toFixed(2) : rupees.trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`"${rupees}" is not an amount in rupees`);
  const [, sign, whole, fraction = ''] = match;
  const paise = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return assertPaise(sign ? -paise : paise);
}

export function formatPaise(paise: Paise): string {
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** percentOf(10000, 18) = 1800; rate in percent, may carry up to 4 decimals (basis points of basis points). */
export function percentOf(amount: Paise, ratePercent: number): Paise {
  const scaled = Math.round(ratePercent * 10_000);
  return roundHalfAwayFromZero((amount * scaled) / 1_000_000);
}

export function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/** Splits an amount into n parts that differ by at most one paisa and always sum to the whole. */
export function allocate(amount: Paise, parts: number): Paise[] {
  assertPaise(amount);
  const base = Math.trunc(amount / parts);
  let remainder = amount - base * parts;
  return Array.from({ length: parts }, () => {
    const step = remainder > 0 ? 1 : remainder < 0 ? -1 : 0;
    remainder -= step;
    return base + step;
  });
}
