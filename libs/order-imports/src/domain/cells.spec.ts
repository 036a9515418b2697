import fc from 'fast-check';
import { decimal, flag, isFormulaCell, positiveInt, rupeesToPaise } from './cells';

describe('import cells', () => {
  it('turns rupees into exact paise without floating point', () => {
    expect(rupeesToPaise('1299.5')).toBe(129950);
    expect(rupeesToPaise('1,299.50')).toBe(129950);
    expect(rupeesToPaise('₹ 0.10')).toBe(10);
    expect(rupeesToPaise('Rs. 12')).toBe(1200);
    expect(rupeesToPaise('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floating point
    for (const bad of ['', '12.345', '-5', '1e3', 'abc', '12.', '.5', '12 .5']) expect(rupeesToPaise(bad)).toBeNull();
  });

  it('round-trips any paise amount through its rupee text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (paise) => {
        const text = `${Math.floor(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;
        return rupeesToPaise(text) === paise;
      }),
    );
  });

  it('reads whole numbers, decimals and flags strictly', () => {
    expect(positiveInt('3')).toBe(3);
    for (const bad of ['0', '-1', '2.0', 'x', '']) expect(positiveInt(bad)).toBeNull();
    expect(decimal('0.125', 3)).toBe(0.125);
    expect(decimal('0.1255', 3)).toBeNull();
    expect(flag('YES')).toBe(true);
    expect(flag('0')).toBe(false);
    expect(flag('')).toBeUndefined();
    expect(flag('maybe')).toBeNull();
  });

  it('spots formula injection but lets phones and signed numbers through', () => {
    for (const f of ['=CMD()', '=1+1', '@SUM(A1)', '+cmd|\' /C calc\'!A0', '-2+3+cmd|x', '\t=1', ' =HYPERLINK("x")']) expect(isFormulaCell(f)).toBe(true);
    for (const ok of ['+91 98765 43210', '-12.50', 'Priya', 'a=b', '']) expect(isFormulaCell(ok)).toBe(false);
  });
});
