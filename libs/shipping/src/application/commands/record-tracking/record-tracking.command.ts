import type { TrackingEvent } from '@shipcrowd/couriers/contracts';
import type { ScanSource } from '../../../domain/shipment';

/** Scans from one courier (a webhook body, or a poll), for any number of AWBs. */
export class RecordTracking {
  constructor(
    readonly courier: string,
    readonly events: readonly TrackingEvent[],
    readonly source: ScanSource,
  ) {}
}

export interface RecordTrackingResult {
  /** Scans stored (duplicates excluded). */
  recorded: number;
  duplicates: number;
  statusChanges: number;
  /** AWBs no shipment of this courier carries (stored nowhere, logged). */
  unknownAwbs: string[];
}
