import type { TrackingEvent } from '@shipcrowd/couriers/contracts';

/** Verified courier webhooks waiting to be recorded (the API acknowledges once a job is queued). */
export const TRACKING_INGEST_QUEUE = 'shipping-tracking-ingest';

export interface TrackingIngestJob {
  courier: string;
  /** Scans pushed for a company's own courier account apply to that company's shipments only (absent: the platform's webhook). */
  companyId?: string;
  /** Dates as ISO strings (job data is JSON). */
  events: (Omit<TrackingEvent, 'occurredAt'> & { occurredAt: string })[];
  receivedAt: string;
}
