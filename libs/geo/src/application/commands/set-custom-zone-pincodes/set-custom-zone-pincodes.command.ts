import type { PincodeRow } from '../../../domain/custom-zone';
import type { ZoneActor } from '../../custom-zones';

export type PincodeListMode = 'replace' | 'append';

export interface PincodeListChange {
  mode: PincodeListMode;
  /** Data rows received (header excluded). */
  rows: number;
  /** Rows repeating a pincode already in the file (ignored). */
  duplicates: number;
  added: number;
  removed: number;
  pincodeCount: number;
  version: number;
}

/** Replaces or extends a custom zone's pincode list from row-numbered values (a CSV upload); all rows valid or nothing changes. */
export class SetCustomZonePincodes {
  constructor(
    readonly actor: ZoneActor,
    readonly id: string,
    readonly rows: readonly PincodeRow[],
    readonly mode: PincodeListMode,
    readonly expectedVersion?: number,
  ) {}
}
