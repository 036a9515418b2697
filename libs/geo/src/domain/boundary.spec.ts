import fc from 'fast-check';
import { boundaryContains, MAX_BOUNDARY_POSITIONS, prepareBoundary, validateBoundary } from './boundary';

/** Central Bengaluru, roughly: [lon, lat]. */
const square = { type: 'Polygon', coordinates: [[[77.55, 12.9], [77.65, 12.9], [77.65, 13.0], [77.55, 13.0], [77.55, 12.9]]] };
const withHole = { type: 'Polygon', coordinates: [square.coordinates[0], [[77.58, 12.93], [77.62, 12.93], [77.62, 12.97], [77.58, 12.97], [77.58, 12.93]]] };
const twoSquares = { type: 'MultiPolygon', coordinates: [square.coordinates, [[[72.8, 18.9], [72.9, 18.9], [72.9, 19.0], [72.8, 19.0], [72.8, 18.9]]]] };

describe('boundary validation', () => {
  it('accepts Polygon and MultiPolygon, drops altitudes, and passes null through', () => {
    expect(validateBoundary(square)).toEqual({ boundary: square, errors: [] });
    expect(validateBoundary(twoSquares).errors).toEqual([]);
    const withAltitude = { type: 'Polygon', coordinates: [square.coordinates[0].map(([x, y]) => [x, y, 920])] };
    expect(validateBoundary(withAltitude).boundary).toEqual(square);
    expect(validateBoundary(null)).toEqual({ boundary: null, errors: [] });
  });

  it('names the problem and where it is', () => {
    const first = (value: unknown) => validateBoundary(value).errors[0];
    expect(first({ type: 'Point', coordinates: [77.6, 12.9] })).toMatchObject({ field: 'boundary.type', code: 'geo.boundary_type' });
    expect(first([1, 2])).toMatchObject({ code: 'geo.boundary_type' });
    expect(first({ type: 'Polygon', coordinates: [] })).toMatchObject({ field: 'boundary.coordinates', code: 'geo.boundary_shape' });
    expect(first({ type: 'Polygon', coordinates: [[[77.5, 12.9], [77.6, 12.9], [77.5, 12.9]]] })).toMatchObject({ field: 'boundary.coordinates[0]', code: 'geo.boundary_ring_too_short' });
    const open = { type: 'Polygon', coordinates: [[[77.55, 12.9], [77.65, 12.9], [77.65, 13.0], [77.55, 13.0]]] };
    expect(first(open)).toMatchObject({ field: 'boundary.coordinates[0]', code: 'geo.boundary_ring_not_closed' });
    const swapped = { type: 'Polygon', coordinates: [[[12.9, 77.55], [12.9, 190], [13.0, 77.65], [12.9, 77.55]]] };
    expect(first(swapped)).toMatchObject({ field: 'boundary.coordinates[0][1]', code: 'geo.boundary_out_of_range' });
    expect(first({ type: 'Polygon', coordinates: [[[77.5, 12.9], ['77.6', 12.9], [77.6, 13], [77.5, 12.9]]] })).toMatchObject({ field: 'boundary.coordinates[0][1]', code: 'geo.boundary_position' });
    const flat = { type: 'Polygon', coordinates: [[[77.5, 12.9], [77.6, 12.9], [77.7, 12.9], [77.5, 12.9]]] };
    expect(first(flat)).toMatchObject({ code: 'geo.boundary_ring_degenerate' });
    expect(first({ type: 'MultiPolygon', coordinates: [square.coordinates, open.coordinates] })).toMatchObject({ field: 'boundary.coordinates[1][0]', code: 'geo.boundary_ring_not_closed' });
  });

  it('limits the size and the number of problems reported', () => {
    const ring = Array.from({ length: MAX_BOUNDARY_POSITIONS }, (_, i) => [77 + Math.cos((2 * Math.PI * i) / MAX_BOUNDARY_POSITIONS), 13 + Math.sin((2 * Math.PI * i) / MAX_BOUNDARY_POSITIONS)]);
    const big = validateBoundary({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    expect(big.errors[0]).toMatchObject({ code: 'geo.boundary_too_large' });
    expect(validateBoundary({ type: 'Polygon', coordinates: [[...ring.slice(0, 5000), ring[0]]] }).errors).toEqual([]);
    const junk = validateBoundary({ type: 'Polygon', coordinates: [Array.from({ length: 100 }, () => ['x', 'y'])] });
    expect(junk.errors).toHaveLength(20);
  });
});

describe('point in boundary (turf)', () => {
  const inside = prepareBoundary(validateBoundary(square).boundary!);

  it('finds points inside, outside, in holes and in any polygon of a MultiPolygon; unknown coordinates are never inside', () => {
    expect(boundaryContains(inside, 12.95, 77.6)).toBe(true);
    expect(boundaryContains(inside, 12.95, 77.7)).toBe(false);
    expect(boundaryContains(inside, 19.07, 72.87)).toBe(false);
    expect(boundaryContains(inside, 12.9, 77.6)).toBe(true); // on the edge
    expect(boundaryContains(inside, null, 77.6)).toBe(false);
    const holed = prepareBoundary(validateBoundary(withHole).boundary!);
    expect(boundaryContains(holed, 12.95, 77.6)).toBe(false);
    expect(boundaryContains(holed, 12.91, 77.56)).toBe(true);
    const multi = prepareBoundary(validateBoundary(twoSquares).boundary!);
    expect(boundaryContains(multi, 18.95, 72.85)).toBe(true);
    expect(boundaryContains(multi, 12.95, 77.6)).toBe(true);
    expect(multi.bbox).toEqual([72.8, 12.9, 77.65, 19.0]);
  });

  it('agrees with the rectangle test for any point (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 77.4, max: 77.8, noNaN: true }), fc.double({ min: 12.8, max: 13.1, noNaN: true }), (lon, lat) => {
        expect(boundaryContains(inside, lat, lon)).toBe(lon >= 77.55 && lon <= 77.65 && lat >= 12.9 && lat <= 13.0);
      }),
    );
  });
});
