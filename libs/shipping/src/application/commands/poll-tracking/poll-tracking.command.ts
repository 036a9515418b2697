/** Pulls tracking for shipments whose next poll is due (at most `limit` per run). */
export class PollTracking {
  constructor(readonly limit = 500) {}
}

export interface PollTrackingResult {
  polled: number;
  recorded: number;
  failedBatches: number;
}
