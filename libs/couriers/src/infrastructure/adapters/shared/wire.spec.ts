import { gramsFromKg, paiseFromRupees, parseIndiaTime, rupees, sameSecret } from './wire';

describe('courier wire helpers', () => {
  it('reads zoneless courier times as India time, keeping milliseconds', () => {
    expect(parseIndiaTime('2026-11-21 14:05:00')?.toISOString()).toBe('2026-11-21T08:35:00.000Z');
    expect(parseIndiaTime('2026-11-21T14:05:00.123456')?.toISOString()).toBe('2026-11-21T08:35:00.123Z');
    expect(parseIndiaTime('21-11-2026 14:05')?.toISOString()).toBe('2026-11-21T08:35:00.000Z');
    expect(parseIndiaTime('2026-11-21T14:05:00Z')?.toISOString()).toBe('2026-11-21T14:05:00.000Z');
    expect(parseIndiaTime('yesterday')).toBeNull();
    expect(parseIndiaTime(undefined)).toBeNull();
  });

  it('converts units and compares secrets in constant time', () => {
    expect(rupees(149_950)).toBe(1499.5);
    expect(gramsFromKg('1.25')).toBe(1250);
    expect(gramsFromKg(0)).toBeNull();
    expect(paiseFromRupees('1499.50')).toBe(149_950);
    expect(paiseFromRupees(81.1)).toBe(8110);
    expect(paiseFromRupees(0)).toBe(0);
    expect(paiseFromRupees('')).toBeNull();
    expect(paiseFromRupees('n/a')).toBeNull();
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
  });
});
