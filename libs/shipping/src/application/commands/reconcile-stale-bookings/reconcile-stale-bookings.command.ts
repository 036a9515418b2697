/**
 * Finishes bookings a stopped process left in flight (`booking` for longer than STALE_BOOKING_AFTER_SECONDS before
 * `at`): at most `limit` per run.
 */
export class ReconcileStaleBookings {
  constructor(
    readonly at: Date,
    readonly limit = 100,
  ) {}
}

export interface ReconcileStaleBookingsResult {
  /** Bookings claimed and asked about. */
  checked: number;
  /** The courier gave an AWB: booked as the booking command would have. */
  booked: number;
  /** The courier refused (e.g. a duplicate reference): ended, so the order can be booked again. */
  failed: number;
  /** The courier could not be asked: left for a later run. */
  deferred: number;
}
