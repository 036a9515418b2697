/** What other contexts may use of the geo context (reference geography: pincodes and shipping zones). */

/** A pincode as the directory knows it (GeoNames data; GST state code mapped by Shipcrowd). */
import type { Pincode as PincodeView } from '../src/domain/pincode';

export type { PincodeView };

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
