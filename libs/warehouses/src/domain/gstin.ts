/** GSTIN of a pickup location: 2-digit state code + PAN + entity code + 'Z' + check character (Luhn mod 36). */
const GSTIN_SHAPE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function expectedCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const product = ALPHABET.indexOf(body[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET[(36 - (sum % 36)) % 36];
}

export type GstinProblem = 'format' | 'check_character' | 'state_mismatch';

/** Null when the GSTIN is well formed, its check character right and (when given) its state the location's. */
export function gstinProblem(gstin: string, gstStateCode?: string | null): GstinProblem | null {
  if (!GSTIN_SHAPE.test(gstin)) return 'format';
  if (expectedCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return 'check_character';
  if (gstStateCode && gstin.slice(0, 2) !== gstStateCode) return 'state_mismatch';
  return null;
}
