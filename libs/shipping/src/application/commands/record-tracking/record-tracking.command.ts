import type { TrackingEvent } from '@shipcrowd/couriers/contracts';
import type { ScanSource } from '../../../domain/shipment';

/** Scans from one courier (a webhook body, or a poll), for any number of AWBs. */
export class RecordTracking {
  constructor(
    readonly courier: string,
    readonly events: readonly TrackingEvent[],
    readonly source: ScanSource,
    /** Only this company's shipments (scans pushed for a company's own courier account); null: whoever's AWB it is. */
    readonly companyId: string | null = null,
  ) {}
}

export interface RecordTrackingResult {
  /** Scans stored (duplicates excluded). */
  recorded: number;
  duplicates: number;
  statusChanges: number;
  /** AWBs no shipment of this courier carries, or none of the company's when the scans are limited to one (stored nowhere, logged). */
  unknownAwbs: string[];
}
