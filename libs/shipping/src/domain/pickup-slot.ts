import { DomainError } from '@shipcrowd/kernel';

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WeeklyHours = Record<Weekday, { closed: true } | { closed: false; open: string; close: string }>;

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const IST_OFFSET_MS = 5.5 * 3600_000;
/** Same-day pickup requests close at this IST time unless the courier says otherwise. */
export const DEFAULT_PICKUP_CUTOFF = '14:00';
/** Couriers' published same-day pickup cut-offs (IST); others use DEFAULT_PICKUP_CUTOFF. */
export const PICKUP_CUTOFFS: Readonly<Record<string, string>> = { delhivery: '14:00', delhivery_b2b: '12:00', om_logistics: '12:00', xpressbees: '15:00', ecom_express: '13:00' };
const MAX_DAYS_AHEAD = 7;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface PickupSlot {
  /** YYYY-MM-DD (IST). */
  date: string;
  /** HH:mm (IST). */
  time: string;
  /** Why this slot, for the seller. */
  reason: string;
}

/**
 * The earliest pickup slot the warehouse's hours and the courier's cut-off allow: today (IST) when before the cut-off
 * and the warehouse is still open for an hour, at least an hour from now; else the next open day at opening time.
 * A requested date must be today or later, within a week, and a day the warehouse is open.
 */
export function pickupSlot(now: Date, hours: WeeklyHours, courier: string, requestedDate?: string | null): PickupSlot {
  const cutoff = PICKUP_CUTOFFS[courier] ?? DEFAULT_PICKUP_CUTOFF;
  const local = new Date(now.getTime() + IST_OFFSET_MS);
  const today = local.toISOString().slice(0, 10);
  const nowMinutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const dayOf = (date: string) => hours[WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]];
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  if (requestedDate) {
    const ahead = (Date.parse(`${requestedDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
    if (!(ahead >= 0 && ahead <= MAX_DAYS_AHEAD)) {
      throw new DomainError('pickup.date_out_of_range', `A pickup can be requested for today up to ${MAX_DAYS_AHEAD} days ahead (IST); ${requestedDate} is not.`, 'validation', {
        errors: [{ field: 'pickupDate', message: `must be between ${today} and ${addDays(today, MAX_DAYS_AHEAD)}`, code: 'out_of_range' }],
      });
    }
    const day = dayOf(requestedDate);
    if (day.closed) {
      throw new DomainError('pickup.warehouse_closed', `The warehouse is closed on ${requestedDate}.`, 'validation', { errors: [{ field: 'pickupDate', message: 'the warehouse is closed that day', code: 'warehouse_closed' }] });
    }
    if (ahead > 0) return { date: requestedDate, time: day.open, reason: `requested date, at opening time ${day.open}` };
  }

  const todayHours = dayOf(today);
  if (!todayHours.closed && nowMinutes < minutes(cutoff)) {
    const earliest = Math.max(minutes(todayHours.open), Math.ceil((nowMinutes + 60) / 30) * 30);
    if (earliest + 60 <= minutes(todayHours.close)) return { date: today, time: hhmm(earliest), reason: `today, before ${courier}'s ${cutoff} cut-off` };
  }
  if (requestedDate === today) {
    throw new DomainError('pickup.too_late_today', `Too late for a pickup today (${courier}'s cut-off is ${cutoff} IST, or the warehouse closes within the hour).`, 'validation', {
      errors: [{ field: 'pickupDate', message: 'too late for today', code: 'past_cutoff' }],
    });
  }
  for (let n = 1; n <= MAX_DAYS_AHEAD; n++) {
    const date = addDays(today, n);
    const day = dayOf(date);
    if (!day.closed) return { date, time: day.open, reason: todayHours.closed ? 'the warehouse is closed today' : `after ${courier}'s ${cutoff} cut-off: next open day` };
  }
  throw new DomainError('pickup.warehouse_never_open', 'The warehouse has no open day in the coming week.', 'rule');
}
