/**
 * Buyer GSTIN check for B2B orders: 15 characters (state code, PAN, entity, 'Z', check character) where the
 * last is the GSTN mod-36 check character of the first 14. Orders only need yes/no with a reason, so this is
 * a small validator of its own rather than a dependency on the companies context.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHAPE = /^(\d{2})[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

export type BuyerGstinProblem = 'format' | 'state_code' | 'checksum';

/** GSTN's check character: weights alternate 1, 2; each product contributes quotient + remainder base 36. */
export function gstinCheckDigit(first14: string): string {
  const total = [...first14].reduce((acc, ch, i) => {
    const weighted = ALPHABET.indexOf(ch) * (1 + (i % 2));
    return acc + Math.trunc(weighted / 36) + (weighted % 36);
  }, 0);
  return ALPHABET[(36 - (total % 36)) % 36];
}

/** null when valid. State codes 01-38 (no 25 or 28 since mergers) and 97 (other territory). */
export function buyerGstinProblem(gstin: string): BuyerGstinProblem | null {
  const shape = SHAPE.exec(gstin);
  if (!shape) return 'format';
  const state = Number(shape[1]);
  if (!((state >= 1 && state <= 38 && state !== 25 && state !== 28) || state === 97)) return 'state_code';
  return gstinCheckDigit(gstin.slice(0, 14)) === gstin[14] ? null : 'checksum';
}
