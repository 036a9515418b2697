import fc from 'fast-check';
import { buyerGstinProblem, gstinCheckDigit } from './gstin';

describe('buyer GSTIN', () => {
  it('accepts real-world GSTINs (check character verified)', () => {
    // Reliance Industries' published GSTIN, and one built with the check character.
    expect(buyerGstinProblem('27AAACR5055K1Z7')).toBeNull();
    expect(buyerGstinProblem('29ABCDE1234F1Z' + gstinCheckDigit('29ABCDE1234F1Z'))).toBeNull();
  });

  it('names what is wrong: format, state code, check character', () => {
    expect(buyerGstinProblem('27AAACR5055K1Z')).toBe('format');
    expect(buyerGstinProblem('27aaacr5055k1z7')).toBe('format');
    expect(buyerGstinProblem('25AAACR5055K1Z' + gstinCheckDigit('25AAACR5055K1Z'))).toBe('state_code');
    expect(buyerGstinProblem('99AAACR5055K1Z' + gstinCheckDigit('99AAACR5055K1Z'))).toBe('state_code');
    expect(buyerGstinProblem('27AAACR5055K1Z8')).toBe('checksum');
  });

  it('catches every single-character typo in the first 14 characters', () => {
    const valid = '27AAACR5055K1Z7';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13 }), fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), (pos, ch) => {
        fc.pre(valid[pos] !== ch);
        const typo = valid.slice(0, pos) + ch + valid.slice(pos + 1);
        expect(buyerGstinProblem(typo)).not.toBeNull();
      }),
    );
  });
});
