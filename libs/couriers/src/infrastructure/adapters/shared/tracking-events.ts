import type { ShipmentStatus, TrackingEvent } from '../../../../contracts';
import { parseIndiaTime } from './wire';

/** One scan as a courier words it, before mapping. */
export interface CourierScan {
  rawCode: string;
  rawStatus: string;
  location?: string | null;
  /** The courier's timestamp as sent (zone-less India time or zoned ISO). */
  at: unknown;
  remarks?: string | null;
  /** The courier's wording of a failed delivery; defaults to the remarks, then the status text. */
  ndrReason?: string | null;
  chargedWeightGrams?: number | null;
}

/**
 * Maps a courier's scans to unified events, raw code and text kept, oldest first. Pass scans oldest first: the sort
 * is stable, so scans stamped in the same second keep the courier's order. A scan whose time cannot be read is left
 * out: a tracking timeline needs an instant, and one unreadable row must not hide the rest.
 */
export function trackingEvents(awb: string, statusOf: (rawCode: string) => ShipmentStatus, scans: readonly CourierScan[]): TrackingEvent[] {
  const events: TrackingEvent[] = [];
  for (const scan of scans) {
    const occurredAt = parseIndiaTime(scan.at);
    if (!occurredAt) continue;
    const status = statusOf(scan.rawCode);
    events.push({
      awb,
      status,
      rawCode: scan.rawCode,
      rawStatus: scan.rawStatus,
      location: scan.location || null,
      occurredAt,
      remarks: scan.remarks || null,
      ndrReason: status === 'ndr' ? scan.ndrReason || scan.remarks || scan.rawStatus : null,
      chargedWeightGrams: scan.chargedWeightGrams ?? null,
    });
  }
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
