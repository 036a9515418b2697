import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FieldError } from '@shipcrowd/kernel';

/** A GeoJSON position as [longitude, latitude] (GeoJSON order). */
export type Position = [number, number];

export interface PolygonBoundary {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface MultiPolygonBoundary {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** A custom zone's area: a GeoJSON Polygon or MultiPolygon geometry (RFC 7946). */
export type Boundary = PolygonBoundary | MultiPolygonBoundary;

/** Largest boundary accepted, in positions over all rings (a detailed district outline has a few thousand). */
export const MAX_BOUNDARY_POSITIONS = 10_000;
/** Validation stops listing problems after this many (the first ones are enough to fix a file). */
const MAX_REPORTED = 20;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a GeoJSON boundary: type Polygon or MultiPolygon, every ring at least 4 positions and closed (first = last),
 * positions [lon, lat] within -180..180 / -90..90, rings with a non-zero area, and at most MAX_BOUNDARY_POSITIONS
 * positions. Returns the boundary with positions reduced to [lon, lat] (a third value, altitude, is dropped).
 */
export function validateBoundary(value: unknown, field = 'boundary'): { boundary: Boundary | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string, code: string) => {
    if (errors.length < MAX_REPORTED) errors.push({ field: path, message, code });
  };
  if (value === null || value === undefined) return { boundary: null, errors };
  const geometry = value as { type?: unknown; coordinates?: unknown };
  if (typeof value !== 'object' || Array.isArray(value) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    fail(`${field}.type`, 'must be a GeoJSON geometry of type Polygon or MultiPolygon', 'geo.boundary_type');
    return { boundary: null, errors };
  }
  const polygons: unknown[] = geometry.type === 'Polygon' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [undefined];
  if (polygons.length === 0) fail(`${field}.coordinates`, 'must hold at least one polygon', 'geo.boundary_empty');
  let positions = 0;
  const cleaned = polygons.map((polygon, p) => {
    const path = geometry.type === 'Polygon' ? `${field}.coordinates` : `${field}.coordinates[${p}]`;
    if (!Array.isArray(polygon) || polygon.length === 0) {
      fail(path, 'must be a non-empty array of linear rings', 'geo.boundary_shape');
      return [];
    }
    return polygon.map((ring: unknown, r) => {
      const ringPath = `${path}[${r}]`;
      if (!Array.isArray(ring) || ring.length < 4) {
        fail(ringPath, 'a linear ring needs at least 4 positions', 'geo.boundary_ring_too_short');
        return [];
      }
      positions += ring.length;
      const out: Position[] = [];
      ring.forEach((pos: unknown, i) => {
        const [lon, lat] = Array.isArray(pos) ? pos : [];
        if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !isNumber(lon) || !isNumber(lat) || (pos.length === 3 && !isNumber(pos[2]))) {
          fail(`${ringPath}[${i}]`, 'must be [longitude, latitude] numbers', 'geo.boundary_position');
        } else if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
          fail(`${ringPath}[${i}]`, 'longitude must be within -180..180 and latitude within -90..90 ([lon, lat] order)', 'geo.boundary_out_of_range');
        } else out.push([lon, lat]);
      });
      if (out.length !== ring.length) return out;
      const [first, last] = [out[0], out[out.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) fail(ringPath, 'a linear ring must be closed: its last position must equal its first', 'geo.boundary_ring_not_closed');
      else if (ringArea(out) === 0) fail(ringPath, 'a linear ring must enclose an area', 'geo.boundary_ring_degenerate');
      return out;
    });
  });
  if (positions > MAX_BOUNDARY_POSITIONS) {
    errors.unshift({ field: `${field}.coordinates`, message: `has ${positions} positions; at most ${MAX_BOUNDARY_POSITIONS} are allowed (simplify the shape)`, code: 'geo.boundary_too_large' });
  }
  if (errors.length) return { boundary: null, errors };
  const boundary: Boundary = geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: cleaned[0] } : { type: 'MultiPolygon', coordinates: cleaned };
  return { boundary, errors };
}

/** Twice the signed area of a ring (shoelace); 0 for a ring that encloses nothing. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/** A boundary with its bounding box, so most points are rejected without walking the rings. */
export interface PreparedBoundary {
  geometry: Boundary;
  bbox: [number, number, number, number];
}

export function prepareBoundary(geometry: Boundary): PreparedBoundary {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    // The outer ring bounds the polygon; holes lie inside it.
    for (const [lon, lat] of polygon[0] ?? []) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return { geometry, bbox: [minLon, minLat, maxLon, maxLat] };
}

/**
 * Whether a point (a pincode's coordinates) lies inside the boundary (@turf/boolean-point-in-polygon: holes excluded,
 * a point on an edge counts as inside). Unknown coordinates are never inside.
 */
export function boundaryContains(boundary: PreparedBoundary, latitude: number | null, longitude: number | null): boolean {
  if (latitude === null || longitude === null) return false;
  const [minLon, minLat, maxLon, maxLat] = boundary.bbox;
  if (longitude < minLon || longitude > maxLon || latitude < minLat || latitude > maxLat) return false;
  return booleanPointInPolygon([longitude, latitude], boundary.geometry);
}
