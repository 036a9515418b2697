import type { FieldError } from '@shipcrowd/kernel';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day: open from `open` to `close` (24-hour HH:MM, local time), or closed all day. */
export type DayHours = { closed: true } | { closed: false; open: string; close: string };
export type OperatingHours = Record<Weekday, DayHours>;

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Monday to Saturday 09:00-18:00, Sunday closed: what a new warehouse gets when hours are not given. */
export function defaultOperatingHours(): OperatingHours {
  const day: DayHours = { closed: false, open: '09:00', close: '18:00' };
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: { closed: true } };
}

export interface DayHoursInput {
  closed?: boolean | null;
  open?: string | null;
  close?: string | null;
}

/**
 * Checks and normalises hours per weekday. Days not given keep `base` (the defaults for a new warehouse).
 * A day is either closed, or open with open < close (no overnight shifts: split them into two warehouses' hours is not supported).
 */
export function parseOperatingHours(input: Partial<Record<Weekday, DayHoursInput | null>> | null | undefined, base: OperatingHours, field = 'operatingHours'): { hours: OperatingHours; errors: FieldError[] } {
  const hours: OperatingHours = { ...base };
  const errors: FieldError[] = [];
  if (!input) return { hours, errors };
  for (const key of Object.keys(input)) {
    // Only reachable from untyped callers (JSON with extra keys is stopped by the DTO).
    if (!(WEEKDAYS as readonly string[]).includes(key)) errors.push({ field: `${field}.${key}`, message: `is not a weekday (use ${WEEKDAYS.join(', ')})`, code: 'unknown_weekday' });
  }
  for (const day of WEEKDAYS) {
    const value = input[day];
    if (value === undefined) continue;
    const at = `${field}.${day}`;
    if (value === null || value.closed === true) {
      if (value && (value.open || value.close)) errors.push({ field: at, message: 'a closed day has no open/close times', code: 'closed_with_times' });
      hours[day] = { closed: true };
      continue;
    }
    const { open, close } = value;
    if (!open || !TIME.test(open)) errors.push({ field: `${at}.open`, message: 'must be a 24-hour time HH:MM', code: 'invalid_time' });
    if (!close || !TIME.test(close)) errors.push({ field: `${at}.close`, message: 'must be a 24-hour time HH:MM', code: 'invalid_time' });
    if (open && close && TIME.test(open) && TIME.test(close)) {
      if (open >= close) errors.push({ field: at, message: 'open must be before close', code: 'open_after_close' });
      else hours[day] = { closed: false, open, close };
    }
  }
  return { hours, errors };
}

/** `09:00-18:00` or `closed`: the compact form CSV files use. */
export function formatDayHours(day: DayHours): string {
  return day.closed ? 'closed' : `${day.open}-${day.close}`;
}

export function parseDayHoursText(text: string): DayHoursInput {
  const value = text.trim().toLowerCase();
  if (value === 'closed' || value === '') return { closed: true };
  const [open, close] = value.split('-').map((s) => s.trim());
  return { closed: false, open, close };
}
