import type { CoverageRow } from '../../domain/coverage';

/** A courier that publishes its serviceable pincodes (delta sync source). */
export abstract class PincodeListSource {
  abstract readonly courier: string;
  /** The services of the courier its list applies to. */
  abstract readonly services: readonly string[];
  /** Every lane the courier currently serves (pincodes it lists as not serviceable are left out). */
  abstract fetchCoverage(): Promise<CoverageRow[]>;
}

/** Every PincodeListSource of the process. */
export const PINCODE_LIST_SOURCES = Symbol('PincodeListSources');

/** The courier refused our credentials (HTTP 401/403): retrying will not help. */
export class CourierAuthError extends Error {
  constructor(readonly courier: string, readonly status: number, detail: string) {
    super(`${courier} refused the API token (HTTP ${status}): ${detail}`);
    this.name = 'CourierAuthError';
  }
}

/** The courier's API failed after retries, or answered something we cannot read. */
export class CourierApiError extends Error {
  constructor(readonly courier: string, message: string) {
    super(message);
    this.name = 'CourierApiError';
  }
}
