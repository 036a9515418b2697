import { gstinCheckCharacter, gstinProblem, isGstStateCode, isValidGstin, panOfGstin, PAN_PATTERN, PINCODE_PATTERN } from './gst';

describe('GSTIN', () => {
  it.each(['29AAFCC9980M1ZR', '27AAPFU0939F1ZV'])('accepts the valid GSTIN %s', (gstin) => {
    expect(gstinProblem(gstin)).toBeNull();
    expect(isValidGstin(gstin)).toBe(true);
  });

  it('computes the check character with Luhn mod 36', () => {
    expect(gstinCheckCharacter('29AAFCC9980M1Z')).toBe('R');
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
  });

  it.each([
    ['29AAFCC9980M1ZS', 'checksum'],
    ['27AAPFU0939F1ZW', 'checksum'],
    ['29AAFCC9981M1ZR', 'checksum'],
    ['27AAPFU0939F2ZV', 'checksum'],
    ['28AAFCC9980M1ZR', 'state_code'],
    ['99AAFCC9980M1ZR', 'state_code'],
    ['29AAFCC9980M1YR', 'format'],
    ['29aafcc9980m1zr', 'format'],
    ['29AAFCC9980M1Z', 'format'],
    ['29AAFCC9980M0ZR', 'format'],
    ['', 'format'],
  ])('rejects %s (%s)', (gstin, problem) => {
    expect(gstinProblem(gstin)).toBe(problem);
  });

  it('detects every single-character substitution in a valid GSTIN', () => {
    const valid = '29AAFCC9980M1ZR';
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 2; i < 14; i++) {
      for (const c of alphabet) {
        if (c === valid[i]) continue;
        const broken = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(isValidGstin(broken)).toBe(false);
      }
    }
  });

  it('extracts the embedded PAN', () => {
    expect(panOfGstin('29AAFCC9980M1ZR')).toBe('AAFCC9980M');
  });

  it('knows the GST state codes, including Ladakh (38) and Other Territory (97), not 96', () => {
    expect(isGstStateCode('38')).toBe(true);
    expect(isGstStateCode('97')).toBe(true);
    expect(isGstStateCode('96')).toBe(false);
    expect(isGstStateCode('25')).toBe(false);
  });

  it('checks PAN and pincode shapes', () => {
    expect(PAN_PATTERN.test('AAFCC9980M')).toBe(true);
    expect(PAN_PATTERN.test('AAFC99980M')).toBe(false);
    expect(PINCODE_PATTERN.test('560001')).toBe(true);
    expect(PINCODE_PATTERN.test('060001')).toBe(false);
    expect(PINCODE_PATTERN.test('56000')).toBe(false);
  });
});
