import fc from 'fast-check';
import { applyBasisPoints, rupees, splitGst } from './money';

describe('pricing money', () => {
  it('applies basis points with half-away-from-zero rounding', () => {
    expect(applyBasisPoints(10_000, 1800)).toBe(1800);
    expect(applyBasisPoints(16_492, 1800)).toBe(2969); // 2968.56
    expect(applyBasisPoints(25, 1800)).toBe(5); // 4.5 -> 5
    expect(applyBasisPoints(-25, 1800)).toBe(-5);
    expect(applyBasisPoints(0, 1800)).toBe(0);
    expect(applyBasisPoints(123, 0)).toBe(0);
    expect(() => applyBasisPoints(1.5, 100)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 1.5)).toThrow(RangeError);
  });

  it('splits GST with the odd paisa on CGST', () => {
    expect(splitGst(2969)).toEqual({ cgst: 1485, sgst: 1484 });
    expect(splitGst(2968)).toEqual({ cgst: 1484, sgst: 1484 });
    expect(splitGst(1)).toEqual({ cgst: 1, sgst: 0 });
    expect(splitGst(0)).toEqual({ cgst: 0, sgst: 0 });
  });

  it('property: cgst + sgst == gst, |cgst - sgst| <= 1, cgst >= sgst', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (gst) => {
        const { cgst, sgst } = splitGst(gst);
        return cgst + sgst === gst && Math.abs(cgst - sgst) <= 1 && cgst >= sgst && Number.isInteger(cgst) && Number.isInteger(sgst);
      }),
    );
  });

  it('property: basis points are monotonic and bounded by the exact value +/- half a paisa', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 30_000 }), (a, d, bp) => {
        const x = applyBasisPoints(a, bp);
        return Math.abs(x - (a * bp) / 10_000) <= 0.5 && applyBasisPoints(a + d, bp) >= x;
      }),
    );
  });

  it('writes rupees for people', () => {
    expect(rupees(1240)).toBe('Rs 12.40');
    expect(rupees(5)).toBe('Rs 0.05');
    expect(rupees(-100)).toBe('-Rs 1.00');
  });
});
