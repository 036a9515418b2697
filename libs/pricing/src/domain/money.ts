import { assertPaise, roundHalfAwayFromZero } from '@shipcrowd/kernel';

/** 100% in basis points. Every percentage in pricing is held in basis points (1 bp = 0.01%). */
export const FULL_BP = 10_000;

/**
 * The one rounding rule of the pricing context: `amount` x `basisPoints` / 10,000, rounded half away
 * from zero to a whole paisa (the kernel's rule). Every percentage line (COD %, fuel, seasonal %, RTO, GST)
 * goes through here, so a quote is reproducible from its card and request.
 */
export function applyBasisPoints(amountPaise: number, basisPoints: number): number {
  assertPaise(amountPaise);
  if (!Number.isInteger(basisPoints)) throw new RangeError('basis points must be whole');
  return roundHalfAwayFromZero((amountPaise * basisPoints) / FULL_BP) + 0;
}

/**
 * Splits a GST amount into CGST and SGST halves that always add back to it. With an odd number of paise
 * the extra paisa goes to CGST (a stated, fixed choice), so |cgst - sgst| <= 1 and nothing is lost or invented.
 */
export function splitGst(gstPaise: number): { cgst: number; sgst: number } {
  assertPaise(gstPaise);
  const sgst = Math.floor(gstPaise / 2);
  return { cgst: gstPaise - sgst, sgst };
}

/** "Rs 12.40" for reasons written to people. */
export function rupees(paise: number): string {
  const abs = Math.abs(paise);
  return `${paise < 0 ? '-' : ''}Rs ${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
