/** What other contexts may use of the geo context (reference geography: pincodes and shipping zones). */

export interface PincodeView {
  pincode: string;
  /** Primary place (usually the head / general post office). */
  place: string;
  places: string[];
  district: string;
  state: string;
  /** GST state code (two digits, e.g. '27' Maharashtra). */
  gstStateCode: string;
  latitude: number | null;
  longitude: number | null;
}

export type Zone = 'A' | 'B' | 'C' | 'D' | 'E';

export interface ZoneDecision {
  zone: Zone;
  /** Why this zone applied, in words fit for a quote. */
  reason: string;
  origin: PincodeView;
  destination: PincodeView;
  /** Versions of the metro and special-region lists the decision used. */
  listsVersion: { metro: number; special: number };
}

export interface GeoFacade {
  /** Null for an unknown or malformed pincode. */
  pincode(pincode: string): Promise<PincodeView | null>;
  /** Throws DomainError 'geo.invalid_pincode' (validation) or 'geo.pincode_not_found' (not_found). */
  zoneBetween(origin: string, destination: string): Promise<ZoneDecision>;
}

export const GEO_FACADE = Symbol('GeoFacade');
