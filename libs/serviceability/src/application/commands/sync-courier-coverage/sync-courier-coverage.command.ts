/** Pulls a courier's published pincode list and applies only what changed; records the run. */
export class SyncCourierCoverage {
  constructor(readonly courier: string, readonly trigger: 'schedule' | 'manual', readonly requestedBy: string | null = null) {}
}

/** Every courier that publishes a pincode list (the nightly schedule). */
export class SyncAllCourierCoverage {
  constructor(readonly trigger: 'schedule' | 'manual' = 'schedule') {}
}
