import { DomainError, FieldError } from '@shipcrowd/kernel';
import { Boundary, boundaryContains, PreparedBoundary, validateBoundary } from './boundary';
import { isPincode } from './pincode';
import type { Zone } from './zone';

export type { Boundary } from './boundary';

/**
 * Company custom zones: a company maps pincodes (a list, a GeoJSON boundary, or both) to a zone letter, and the
 * first matching active custom zone (lowest priority number first, then the oldest) takes precedence over the engine.
 * - matchScope 'destination': applies when the destination is in the zone (wherever the parcel comes from);
 * - matchScope 'both': applies when origin and destination are both in it (e.g. "our own city", zone A).
 * A pincode is in a zone when the zone lists it, or when its directory coordinates fall inside the boundary.
 */
export type MatchScope = 'destination' | 'both';
export type MatchedBy = 'pincode_list' | 'boundary';

export const ZONES: readonly Zone[] = ['A', 'B', 'C', 'D', 'E'];
export const MATCH_SCOPES: readonly MatchScope[] = ['destination', 'both'];
export const MAX_CUSTOM_ZONES = 50;
export const MAX_PINCODE_ROWS = 50_000;
export const MAX_ZONE_NAME = 80;
export const MAX_PRIORITY = 10_000;

export interface CustomZoneFields {
  name: string;
  zone: Zone;
  matchScope: MatchScope;
  boundary: Boundary | null;
  priority: number;
  active: boolean;
}

/** Unchecked fields as a client sent them (undefined = not given). */
export interface CustomZoneInput {
  name?: string;
  zone?: string;
  matchScope?: string;
  boundary?: unknown;
  priority?: number;
  active?: boolean;
}

/** The fields a client actually sent (a DTO may carry explicit undefineds). */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Trims and checks what a company sets on a custom zone (a patch checks only the fields it carries). */
export function checkCustomZoneFields(input: CustomZoneInput): Partial<CustomZoneFields> {
  const errors: FieldError[] = [];
  const out = { ...input } as Partial<CustomZoneFields>;
  if (input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
    if (!name || name.length > MAX_ZONE_NAME) errors.push({ field: 'name', message: `must have 1-${MAX_ZONE_NAME} characters`, code: 'geo.custom_zone_name' });
    out.name = name;
  }
  if (input.zone !== undefined && !ZONES.includes(input.zone as Zone)) errors.push({ field: 'zone', message: 'must be one of A, B, C, D, E', code: 'geo.custom_zone_zone' });
  if (input.matchScope !== undefined && !MATCH_SCOPES.includes(input.matchScope as MatchScope)) {
    errors.push({ field: 'matchScope', message: "must be 'destination' or 'both'", code: 'geo.custom_zone_scope' });
  }
  if (input.priority !== undefined && (!Number.isInteger(input.priority) || input.priority < 0 || input.priority > MAX_PRIORITY)) {
    errors.push({ field: 'priority', message: `must be an integer 0-${MAX_PRIORITY}`, code: 'geo.custom_zone_priority' });
  }
  if (input.active !== undefined && typeof input.active !== 'boolean') errors.push({ field: 'active', message: 'must be true or false', code: 'geo.custom_zone_active' });
  if (input.boundary !== undefined) {
    const checked = validateBoundary(input.boundary);
    errors.push(...checked.errors);
    out.boundary = checked.boundary;
  }
  if (errors.length) throw new DomainError('geo.invalid_custom_zone', errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`, 'validation', { errors });
  return out;
}

export interface PincodeRow {
  /** Where the value came from, for error messages (CSV line number, or array index + 1). */
  row: number;
  value: string;
}

/** A problem with one row of a pincode list: `row` is the CSV line (or list position, from 1). */
export interface RowError extends FieldError {
  row: number;
}

/** Row-numbered format check of an uploaded pincode list; duplicates are dropped (first one kept). */
export function checkPincodeRows(rows: readonly PincodeRow[], field: (row: number) => string): { pincodes: string[]; rowOf: Map<string, number>; duplicates: number; errors: RowError[] } {
  const errors: RowError[] = [];
  const rowOf = new Map<string, number>();
  let duplicates = 0;
  for (const { row, value } of rows) {
    const pincode = value.trim();
    if (!isPincode(pincode)) errors.push({ field: field(row), row, message: `row ${row}: "${pincode.slice(0, 20)}" is not a 6-digit pincode (first digit 1-9)`, code: 'geo.invalid_pincode' });
    else if (rowOf.has(pincode)) duplicates += 1;
    else rowOf.set(pincode, row);
  }
  return { pincodes: [...rowOf.keys()], rowOf, duplicates, errors };
}

/** One active custom zone as the matcher needs it. */
export interface CustomZoneRule {
  id: string;
  name: string;
  zone: Zone;
  matchScope: MatchScope;
  priority: number;
  boundary: PreparedBoundary | null;
}

export interface LocatedPincode {
  pincode: string;
  latitude: number | null;
  longitude: number | null;
}

export interface CustomZoneMatch {
  rule: CustomZoneRule;
  /** How each end was found in the zone (origin is null for 'destination' zones). */
  matchedBy: { origin: MatchedBy | null; destination: MatchedBy };
  reason: string;
}

/** Lowest priority number first; ties go to the older zone (ids are time-ordered UUIDv7). */
export function byPrecedence(a: Pick<CustomZoneRule, 'priority' | 'id'>, b: Pick<CustomZoneRule, 'priority' | 'id'>): number {
  return a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function membership(rule: CustomZoneRule, end: LocatedPincode, listed: (zoneId: string, pincode: string) => boolean): MatchedBy | null {
  if (listed(rule.id, end.pincode)) return 'pincode_list';
  return rule.boundary && boundaryContains(rule.boundary, end.latitude, end.longitude) ? 'boundary' : null;
}

const how = (m: MatchedBy) => (m === 'pincode_list' ? 'on its pincode list' : 'inside its boundary');

/** The custom zone that decides this trip, or null when none matches (the engine decides). `rules` may be in any order. */
export function decideCustomZone(rules: readonly CustomZoneRule[], listed: (zoneId: string, pincode: string) => boolean, origin: LocatedPincode, destination: LocatedPincode): CustomZoneMatch | null {
  for (const rule of [...rules].sort(byPrecedence)) {
    const to = membership(rule, destination, listed);
    if (!to) continue;
    const head = `Custom zone "${rule.name}" (priority ${rule.priority}) sets zone ${rule.zone}`;
    if (rule.matchScope === 'destination') {
      return { rule, matchedBy: { origin: null, destination: to }, reason: `${head}: destination ${destination.pincode} is ${how(to)}` };
    }
    const from = membership(rule, origin, listed);
    if (!from) continue;
    return { rule, matchedBy: { origin: from, destination: to }, reason: `${head}: origin ${origin.pincode} is ${how(from)} and destination ${destination.pincode} is ${how(to)}` };
  }
  return null;
}
