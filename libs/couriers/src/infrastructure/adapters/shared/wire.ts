import { createHmac, timingSafeEqual } from 'node:crypto';
import { CourierAuthFailed, CourierRejected } from '../../../application/ports/courier-provider';
import type { HttpResult } from '@shipcrowd/platform';

/** Couriers speak rupees with two decimals and kilograms; Shipcrowd keeps paise and grams. */
export const rupees = (paise: number): number => Math.round(paise) / 100;
export const kilograms = (grams: number): number => Math.round(grams) / 1000;
export const gramsFromKg = (kg: unknown): number | null => {
  const n = typeof kg === 'number' ? kg : typeof kg === 'string' && kg.trim() !== '' ? Number(kg) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
};
/** A courier's rupee amount (number or text, two decimals) in whole paise; null when absent or not a number. */
export const paiseFromRupees = (amount: unknown): number | null => {
  const n = typeof amount === 'number' ? amount : typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : NaN;
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};

/** One header, case-insensitively, first value when repeated. */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Constant-time comparison of two secrets/signatures given as text. */
export function sameSecret(received: string | undefined, expected: string | undefined): boolean {
  if (!received || !expected) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacSha256(secret: string, payload: Buffer | string, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHmac('sha256', secret).update(payload).digest(encoding);
}

/**
 * Courier timestamps mostly come without a zone ("2026-11-21 14:05:00", "2026-11-21T14:05:00", "21-11-2026 14:05")
 * and mean India time. Zoned ISO strings are taken as they are. Returns null when unreadable.
 */
export function parseIndiaTime(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) {
    const zoned = new Date(text);
    return Number.isNaN(zoned.getTime()) ? null : zoned;
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,3})?\d*)?)?$/.exec(text);
  let parts: [string, string, string, string?, string?, string?] | null = m ? [m[1], m[2], m[3], m[4], m[5], m[6]] : null;
  const fraction = m?.[7] ?? '';
  if (!parts) {
    m = /^(\d{2})[-/](\d{2})[-/](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    if (m) parts = [m[3], m[2], m[1], m[4], m[5], m[6]];
  }
  if (!parts) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = parts;
  // Several scans can share a second (Delhivery stamps milliseconds): keep up to the millisecond.
  const date = new Date(`${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}${fraction}+05:30`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Common answer handling: 401/403 → CourierAuthFailed, other 4xx → CourierRejected with the courier's words. */
export function expectOk(result: HttpResult, courier: string, messageOf: (body: unknown) => string | undefined = defaultMessage): unknown {
  if (result.status === 401 || result.status === 403) throw new CourierAuthFailed(messageOf(result.body) ?? `${courier} refused the credentials`);
  if (result.status >= 400) throw new CourierRejected(messageOf(result.body) ?? `${courier} answered ${result.status}`, String(result.status), result.body);
  return result.body;
}

function defaultMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const key of ['message', 'error', 'detail', 'rmk', 'remarks', 'errors']) {
      const v = b[key];
      if (typeof v === 'string' && v) return v;
      if (Array.isArray(v) && v.length) return v.map(String).join('; ');
      if (v && typeof v === 'object') return JSON.stringify(v).slice(0, 300);
    }
  }
  return undefined;
}
