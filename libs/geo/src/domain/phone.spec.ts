import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkIndianPhone, quickIndianMobile } from './phone';

/** What libphonenumber-js alone says: the E.164 form if it is an Indian mobile (MOBILE or FIXED_LINE_OR_MOBILE), else null. */
function libphonenumberMobile(text: string): string | null {
  const parsed = parsePhoneNumberFromString(text, 'IN');
  const type = parsed?.getType();
  if (!parsed || parsed.country !== 'IN' || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) return null;
  return /^[6-9]\d{9}$/.test(String(parsed.nationalNumber)) ? parsed.number : null;
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const separator = fc.constantFrom('', '', '', ' ', '-', '  ', ' - ', '--');
/** Digits with separators between any two of them. */
const spaced = (text: string) => fc.array(separator, { minLength: text.length, maxLength: text.length }).map((seps) => [...text].map((c, i) => (i ? seps[i] : '') + c).join(''));
const prefix = fc.constantFrom('', '+91', '91', '0', '+91 ', '+91-', '0 ', '91 ', '+910', '+', '00', '0091', '+1');

describe('the quick Indian mobile check agrees with libphonenumber-js', () => {
  it('for every 4-digit start 6000-9999 (mobile ranges are set by up to 6 leading digits), in every common shape', () => {
    const shapes = [(n: string) => n, (n: string) => `+91 ${n.slice(0, 5)} ${n.slice(5)}`, (n: string) => `0${n}`, (n: string) => `91${n}`, (n: string) => `+91-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`];
    let quick = 0;
    let mobiles = 0;
    for (let start = 6000; start <= 9999; start++) {
      for (const [k, shape] of shapes.entries()) {
        const text = shape(`${start}${String((start * 7919 + k * 104729) % 1_000_000).padStart(6, '0')}`);
        const expected = libphonenumberMobile(text);
        const actual = quickIndianMobile(text);
        if (expected) mobiles++;
        if (actual) quick++;
        // Never a different answer; and in these shapes it recognises every mobile libphonenumber-js does.
        if (actual !== expected) throw new Error(`${text}: quick ${actual}, libphonenumber-js ${expected}`);
      }
    }
    expect(mobiles).toBeGreaterThan(15_000); // most of 20,000: the test exercises the quick path, not only the fallback
    expect(quick).toBe(mobiles);
  });

  it('for generated numbers with prefixes, spaces and hyphens, landlines and invalid ones: same answer from checkIndianPhone', () => {
    const number = fc.oneof(
      digits(10).map((d) => `${'6789'[Number(d[0]) % 4]}${d.slice(1)}`), // mobile-like
      digits(10), // landlines (2-5...), invalid starts (0, 1)
      fc.integer({ min: 7, max: 13 }).chain(digits), // too short, too long
    );
    fc.assert(
      fc.property(prefix, number.chain(spaced), (before, body) => {
        const text = `${before}${body}`;
        const quick = quickIndianMobile(text.trim());
        const expected = libphonenumberMobile(text.trim());
        if (quick !== null) expect(quick).toBe(expected);
        const result = checkIndianPhone(text);
        if (expected) expect(result).toEqual({ valid: true, e164: expected, kind: 'mobile' });
        else expect(result).not.toMatchObject({ kind: 'mobile' });
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves unusual shapes to libphonenumber-js', () => {
    for (const text of ['(098765) 43210', '98765.43210', '+91 (0) 98765 43210', 'tel:+919876543210', '9876543210 ext 12', '080-2345 6789', '+1 415 555 2671', '٩٨٧٦٥٤٣٢١٠']) {
      expect(quickIndianMobile(text)).toBeNull();
    }
    expect(checkIndianPhone('(098765) 43210')).toEqual({ valid: true, e164: '+919876543210', kind: 'mobile' });
    expect(checkIndianPhone('080-2345 6789')).toEqual({ valid: true, e164: '+918023456789', kind: 'landline' });
    expect(checkIndianPhone('+1 415 555 2671')).toEqual({ valid: false, reason: 'must be an Indian (+91) number' });
  });
});
