/** What other contexts may use of the geo context (reference geography: pincodes and shipping zones). */

/** A pincode as the directory knows it (GeoNames data; GST state code mapped by Shipcrowd). */
import type { AddressAssessment, AddressInput } from '../src/domain/address-quality';
import type { Pincode as PincodeView } from '../src/domain/pincode';

export type { PincodeView };

export type Zone = 'A' | 'B' | 'C' | 'D' | 'E';

export interface ZoneDecision {
  zone: Zone;
  /** Set when a company's custom zone decided it (its id and name), else null. */
  customZone?: {
    id: string;
    name: string;
    /** How each end was found in the custom zone (origin is null for zones that match on the destination only). */
    matchedBy?: { origin: 'pincode_list' | 'boundary' | null; destination: 'pincode_list' | 'boundary' };
  } | null;
  /** Why this zone applied, in words fit for a quote. */
  reason: string;
  origin: PincodeView;
  destination: PincodeView;
  /** Versions of the metro and special-region lists the decision used. */
  listsVersion: { metro: number; special: number };
}

/** Address quality (the domain's own types: AddressInput, AddressIssue, AddressAssessment). */
export type { AddressAssessment, AddressInput, AddressIssue } from '../src/domain/address-quality';

export interface GeoFacade {
  /** Null for an unknown or malformed pincode. */
  pincode(pincode: string): Promise<PincodeView | null>;
  /**
   * Zone between two pincodes. With a companyId, that company's custom zones take precedence over the engine.
   * Throws DomainError 'geo.invalid_pincode' (validation) or 'geo.pincode_not_found' (not_found).
   */
  zoneBetween(origin: string, destination: string, companyId?: string): Promise<ZoneDecision>;
  /**
   * Changes whenever anything that decides this company's zones changes (its custom zones, the metro and special
   * lists), visible from the commit on. Callers that cache zone-dependent answers (quotes) key on it.
   */
  zoneRevision(companyId: string): Promise<string>;
  /** Address quality score with reasons (never throws for bad input: bad input is what it reports). */
  assessAddress(address: AddressInput): Promise<AddressAssessment>;
  /** The same for many addresses with one directory read (bulk order placement). */
  assessAddresses(addresses: AddressInput[]): Promise<AddressAssessment[]>;
  /** Every directory pincode with GST state, district and coordinates, by pincode (bulk reference reads, e.g. the sandbox coverage seed). */
  allPincodes(): Promise<DirectoryPincode[]>;
}

export interface DirectoryPincode {
  pincode: string;
  gstStateCode: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
}

export const GEO_FACADE = Symbol('GeoFacade');
