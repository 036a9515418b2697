import { SetMetadata } from '@nestjs/common';

export interface ScheduleOptions {
  /** Stable, dotted name, e.g. 'outbox.prune-published'; part of every run's job id. */
  name: string;
  /** Six-field cron expression (seconds first) or five-field (minutes first). */
  cron: string;
  /** IANA zone the cron is read in (default UTC). */
  timeZone?: string;
}

/** What runs for one scheduled slot. It may run again for the same slot only if it failed (Bull retries). */
export type ScheduleHandler = (slot: Date) => Promise<unknown>;

export interface ScheduleDefinition extends ScheduleOptions {
  handler: ScheduleHandler;
}

export const SCHEDULED = 'shipcrowd:scheduled';

/**
 * Declares a method of a provider as a scheduled job. The worker's cron only enqueues a Bull job whose id is
 * `<name>:<slot ISO>`, so however many workers fire the same slot, the method runs once per slot.
 * The method receives the slot (the instant the cron was due) and should open its own unit of work.
 */
export function Scheduled(options: ScheduleOptions): MethodDecorator {
  return SetMetadata(SCHEDULED, options);
}
