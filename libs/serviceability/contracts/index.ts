/** What other contexts may use of the serviceability context (courier coverage by pincode, transit times). */
import type { Zone } from '@shipcrowd/geo/contracts';

export type PaymentMode = 'prepaid' | 'cod';

export interface ServiceabilityQuery {
  /** Company asking: its pincode blocklists and custom zones apply. */
  companyId: string;
  originPincode: string;
  destinationPincode: string;
  paymentMode: PaymentMode;
  /** Chargeable or dead weight to check against each service's max weight; omitted = not checked. */
  weightGrams?: number;
  /** Checked against each lane's max COD value when paymentMode is 'cod'. */
  codAmountPaise?: number;
  /** Reverse pickup (buyer -> seller): needs 'reverse' at the origin instead of 'pickup'. */
  reverse?: boolean;
  /** Only B2B freight services (true), only parcel services (false), or both (undefined). */
  b2b?: boolean;
  /** Zone already decided by the caller (skips a second zone lookup). */
  zone?: Zone;
}

export interface ServiceableOption {
  courier: string;
  service: string;
  /** Destination is out of the courier's regular delivery area: an ODA surcharge may apply. */
  oda: boolean;
  zone: Zone;
  /** From the courier's transit-time matrix for the zone; null when the courier has not published one. */
  transitDays: number | null;
  /** Limits of this lane (destination coverage), for callers that explain refusals. */
  maxWeightGrams: number | null;
  maxCodPaise: number | null;
}

export interface UnserviceableOption {
  courier: string;
  service: string;
  /** Stable code: 'origin_not_covered' | 'destination_not_covered' | 'pickup_unavailable' | 'cod_unavailable' | 'prepaid_unavailable' | 'reverse_unavailable' | 'over_max_weight' | 'over_max_cod' | 'blocked_by_company' */
  code: string;
  reason: string;
}

export interface ServiceabilityAnswer {
  zone: Zone;
  zoneReason: string;
  options: ServiceableOption[];
  unserviceable: UnserviceableOption[];
}

export interface ServiceabilityFacade {
  /** Throws DomainError geo.invalid_pincode (validation) / geo.pincode_not_found (not_found). */
  check(query: ServiceabilityQuery): Promise<ServiceabilityAnswer>;
  /**
   * A number that changes whenever any coverage, blocklist or transit-time data changes (after commit).
   * Callers that cache answers (pricing's quote cache) put it in their cache key.
   */
  revision(): Promise<number>;
}

export const SERVICEABILITY_FACADE = Symbol('ServiceabilityFacade');

/** Integration event written to the outbox when a coverage upload or sync is applied. */
export const SERVICEABILITY_EVENTS = {
  coverageChanged: 'serviceability.coverage_changed',
} as const;
