import { DomainError } from '@shipcrowd/kernel';
import { prepareBoundary, validateBoundary } from './boundary';
import { checkCustomZoneFields, checkPincodeRows, CustomZoneRule, decideCustomZone, LocatedPincode } from './custom-zone';

const koramangala: LocatedPincode = { pincode: '560034', latitude: 12.93, longitude: 77.62 };
const mgRoad: LocatedPincode = { pincode: '560001', latitude: 12.97, longitude: 77.59 };
const mumbai: LocatedPincode = { pincode: '400001', latitude: 18.94, longitude: 72.83 };
const noCoordinates: LocatedPincode = { pincode: '560099', latitude: null, longitude: null };
const bengaluruBox = prepareBoundary(validateBoundary({ type: 'Polygon', coordinates: [[[77.5, 12.85], [77.7, 12.85], [77.7, 13.05], [77.5, 13.05], [77.5, 12.85]]] }).boundary!);

const rule = (over: Partial<CustomZoneRule>): CustomZoneRule => ({ id: '0190a000-0000-7000-8000-000000000001', name: 'Zone', zone: 'A', matchScope: 'destination', priority: 100, boundary: null, ...over });
const lists = (entries: [string, string][]) => (zoneId: string, pincode: string) => entries.some(([z, p]) => z === zoneId && p === pincode);

describe('custom zone precedence and matching', () => {
  it("'destination' zones match the destination by list or by boundary, and say which", () => {
    const listed = rule({ id: 'z1', name: 'Mumbai express', zone: 'B' });
    expect(decideCustomZone([listed], lists([['z1', '400001']]), koramangala, mumbai)).toEqual({
      rule: listed,
      matchedBy: { origin: null, destination: 'pincode_list' },
      reason: 'Custom zone "Mumbai express" (priority 100) sets zone B: destination 400001 is on its pincode list',
    });
    const drawn = rule({ id: 'z2', name: 'Bengaluru', boundary: bengaluruBox });
    expect(decideCustomZone([drawn], lists([]), mumbai, koramangala)?.reason).toBe('Custom zone "Bengaluru" (priority 100) sets zone A: destination 560034 is inside its boundary');
    expect(decideCustomZone([drawn], lists([]), koramangala, mumbai)).toBeNull();
    expect(decideCustomZone([drawn], lists([]), mumbai, noCoordinates)).toBeNull();
  });

  it("'both' zones need origin and destination inside", () => {
    const city = rule({ id: 'z1', name: 'Bengaluru city', matchScope: 'both', boundary: bengaluruBox });
    expect(decideCustomZone([city], lists([]), mumbai, koramangala)).toBeNull();
    const match = decideCustomZone([city], lists([['z1', '560001']]), mgRoad, koramangala);
    expect(match?.matchedBy).toEqual({ origin: 'pincode_list', destination: 'boundary' });
    expect(match?.reason).toBe('Custom zone "Bengaluru city" (priority 100) sets zone A: origin 560001 is on its pincode list and destination 560034 is inside its boundary');
  });

  it('lowest priority number wins, then the older zone; a non-matching zone never blocks a later one', () => {
    const older = rule({ id: '0190a000-0000-7000-8000-000000000001', name: 'older', zone: 'C', priority: 5, boundary: bengaluruBox });
    const newer = rule({ id: '0190a000-0000-7000-8000-000000000002', name: 'newer', zone: 'D', priority: 5, boundary: bengaluruBox });
    const first = rule({ id: '0190a000-0000-7000-8000-000000000003', name: 'first', zone: 'E', priority: 1, matchScope: 'both', boundary: bengaluruBox });
    expect(decideCustomZone([newer, older], lists([]), mumbai, koramangala)?.rule.name).toBe('older');
    expect(decideCustomZone([newer, older, first], lists([]), mumbai, koramangala)?.rule.name).toBe('older');
    expect(decideCustomZone([newer, older, first], lists([]), mgRoad, koramangala)?.rule.name).toBe('first');
  });
});

describe('custom zone fields', () => {
  it('trims names and checks letters, scopes, priorities and boundaries', () => {
    expect(checkCustomZoneFields({ name: '  North   East ', zone: 'E', matchScope: 'both', priority: 0 })).toEqual({ name: 'North East', zone: 'E', matchScope: 'both', priority: 0 });
    const errors = (input: Parameters<typeof checkCustomZoneFields>[0]) => {
      try {
        checkCustomZoneFields(input);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return ((error as DomainError).details.errors ?? []).map((e) => e.field);
      }
    };
    expect(errors({ name: ' ', zone: 'F', matchScope: 'origin', priority: 1.5, active: 'yes' as never })).toEqual(['name', 'zone', 'matchScope', 'priority', 'active']);
    expect(errors({ boundary: { type: 'LineString', coordinates: [] } })).toEqual(['boundary.type']);
    expect(errors({ boundary: null })).toEqual([]);
    expect(errors({ name: 'x'.repeat(81) })).toEqual(['name']);
  });
});

describe('pincode rows', () => {
  it('checks every row, keeps row numbers, and drops duplicates', () => {
    const checked = checkPincodeRows(
      [
        { row: 2, value: '560001' },
        { row: 3, value: ' 560034 ' },
        { row: 4, value: '56003' },
        { row: 5, value: '560001' },
        { row: 7, value: '060001' },
      ],
      () => 'file',
    );
    expect(checked.pincodes).toEqual(['560001', '560034']);
    expect(checked.duplicates).toBe(1);
    expect(checked.errors).toEqual([
      { field: 'file', row: 4, message: 'row 4: "56003" is not a 6-digit pincode (first digit 1-9)', code: 'geo.invalid_pincode' },
      { field: 'file', row: 7, message: expect.stringContaining('row 7'), code: 'geo.invalid_pincode' },
    ]);
    expect(checked.rowOf.get('560034')).toBe(3);
  });
});
