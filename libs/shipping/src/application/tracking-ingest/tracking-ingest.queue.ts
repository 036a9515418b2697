import type { TrackingEvent } from '@shipcrowd/couriers/contracts';

/** Verified courier webhooks waiting to be recorded (the API acknowledges once a job is queued). */
export const TRACKING_INGEST_QUEUE = 'shipping-tracking-ingest';

export interface TrackingIngestJob {
  courier: string;
  /** Dates as ISO strings (job data is JSON). */
  events: (Omit<TrackingEvent, 'occurredAt'> & { occurredAt: string })[];
  receivedAt: string;
}
