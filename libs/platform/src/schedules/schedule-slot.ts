import { CronTime } from 'cron';

const LOOKBACK_MS = 5_000;
const TOLERANCE_MS = 500;

/**
 * The slot a cron tick belongs to: the latest due instant at or before `now` (allowing the tick to fire a
 * little early). Every worker derives the same slot from the same expression, whenever its timer fired.
 */
export function scheduledSlot(cron: CronTime, now: Date): Date {
  const horizon = now.getTime() + TOLERANCE_MS;
  let slot: Date | undefined;
  let next = cron.getNextDateFrom(new Date(now.getTime() - LOOKBACK_MS)).toJSDate();
  while (next.getTime() <= horizon) {
    slot = next;
    next = cron.getNextDateFrom(next).toJSDate();
  }
  // A tick more than LOOKBACK_MS late (a blocked event loop): fall back to the second it fired in.
  return slot ?? new Date(Math.floor(now.getTime() / 1000) * 1000);
}

export function scheduleJobId(name: string, slot: Date): string {
  return `${name}:${slot.toISOString()}`;
}
