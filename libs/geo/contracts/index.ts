/** What other contexts may use of the geo context (reference geography: pincodes and shipping zones). */

/** A pincode as the directory knows it (GeoNames data; GST state code mapped by Shipcrowd). */
import type { Pincode as PincodeView } from '../src/domain/pincode';

export type { PincodeView };

export type Zone = 'A' | 'B' | 'C' | 'D' | 'E';

export interface ZoneDecision {
  zone: Zone;
  /** Set when a company's custom zone decided it (its id and name), else null. */
  customZone?: { id: string; name: string } | null;
  /** Why this zone applied, in words fit for a quote. */
  reason: string;
  origin: PincodeView;
  destination: PincodeView;
  /** Versions of the metro and special-region lists the decision used. */
  listsVersion: { metro: number; special: number };
}

export interface AddressInput {
  line1: string;
  line2?: string | null;
  landmark?: string | null;
  city: string;
  state: string;
  pincode: string;
  /** Indian mobile or landline; +91 / 0 prefixes allowed. */
  phone?: string | null;
}

export interface AddressIssue {
  /** Stable code, e.g. 'pincode_unknown', 'city_mismatch', 'state_mismatch', 'house_number_missing', 'landmark_missing', 'phone_invalid'. */
  code: string;
  field: string;
  message: string;
  /** Points this issue took off the score. */
  penalty: number;
}

export interface AddressAssessment {
  /** 0-100; 100 = nothing to fix. */
  score: number;
  /** 'good' >= 80, 'fair' >= 50, else 'poor'. */
  grade: 'good' | 'fair' | 'poor';
  issues: AddressIssue[];
  /** What the directory says about the pincode (null when unknown). */
  pincode: PincodeView | null;
  /** Phone in E.164 (+91...) when valid. */
  normalizedPhone: string | null;
}

export interface GeoFacade {
  /** Null for an unknown or malformed pincode. */
  pincode(pincode: string): Promise<PincodeView | null>;
  /**
   * Zone between two pincodes. With a companyId, that company's custom zones take precedence over the engine.
   * Throws DomainError 'geo.invalid_pincode' (validation) or 'geo.pincode_not_found' (not_found).
   */
  zoneBetween(origin: string, destination: string, companyId?: string): Promise<ZoneDecision>;
  /** Address quality score with reasons (never throws for bad input: bad input is what it reports). */
  assessAddress(address: AddressInput): Promise<AddressAssessment>;
}

export const GEO_FACADE = Symbol('GeoFacade');
