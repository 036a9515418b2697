/**
 * What the courier simulators share besides ParcelBook: the auth mechanics (bearer tokens from a simulated login,
 * header lookups, webhook signatures) and the small wire chores every courier repeats (India-time stamps,
 * pincode and required-field checks, advancing a parcel while pushing its scans). Each courier's own paths,
 * payloads and error shapes stay in its simulator.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SimRequest } from '../http-simulator';
import type { ParcelBook, SimParcel, SimScan } from './parcel-book';

/** One request header, case-insensitively (node lower-cases them; this also reads repeated ones). */
export function headerOf(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The request's JSON object body (nested values kept), or an empty record. */
export function jsonBody(request: SimRequest): Record<string, unknown> {
  const body = request.json;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The token of `Authorization: Bearer <token>` (scheme matched case-insensitively). */
export function bearerTokenOf(request: SimRequest): string | undefined {
  const match = /^bearer\s+(\S+)$/i.exec(headerOf(request, 'authorization')?.trim() ?? '');
  return match?.[1];
}

/** Access tokens a simulated login hands out: opaque, expiring, and revocable (a courier rotating its keys). */
export class SimTokenIssuer {
  private readonly expiries = new Map<string, number>();

  constructor(
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, this.now() + this.ttlSeconds * 1000);
    return token;
  }

  accepts(token: string | undefined): boolean {
    const expiry = token ? this.expiries.get(token) : undefined;
    return expiry !== undefined && expiry > this.now();
  }

  /** Every token issued so far stops working (tests prove adapters log in again). */
  revokeAll(): void {
    this.expiries.clear();
  }
}

/** Hex HMAC-SHA256 of a webhook body, as the simulated couriers that sign their pushes put it in a header. */
export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Simulated couriers serve six-digit pincodes; '000000' stands for a pincode nobody serves. */
export function unserviceablePincode(pincode: unknown): boolean {
  const text = typeof pincode === 'number' ? String(pincode) : typeof pincode === 'string' ? pincode.trim() : '';
  return !/^\d{6}$/.test(text) || text === '000000';
}

/** The names among `names` whose value in `record` is absent or blank. */
export function missingFields(record: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((name) => {
    const value = record[name];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
}

export type IstLayout = 'YYYY-MM-DD HH:mm:ss' | 'DD-MM-YYYY HH:mm:ss' | 'DD/MM/YYYY HH:mm' | 'YYYY-MM-DDTHH:mm:ss.SSS';

/** An instant as the zone-less India time couriers print, in one of their layouts. */
export function istText(at: Date, layout: IstLayout): string {
  const ist = new Date(at.getTime() + 330 * 60_000).toISOString();
  const [date, time] = [ist.slice(0, 10), ist.slice(11, 23)];
  const [y, m, d] = date.split('-');
  switch (layout) {
    case 'YYYY-MM-DD HH:mm:ss':
      return `${date} ${time.slice(0, 8)}`;
    case 'DD-MM-YYYY HH:mm:ss':
      return `${d}-${m}-${y} ${time.slice(0, 8)}`;
    case 'DD/MM/YYYY HH:mm':
      return `${d}/${m}/${y} ${time.slice(0, 5)}`;
    case 'YYYY-MM-DDTHH:mm:ss.SSS':
      return `${date}T${time}`;
  }
}

/**
 * Moves a scripted parcel `steps` scans along and, when the courier pushes, sends one webhook per new scan in
 * order, each awaited (a courier's push follows its scan). Returns the new scans' codes and texts.
 */
export async function advanceAndPush<T>(
  book: ParcelBook<T>,
  awb: string,
  steps: number,
  push?: (scan: SimScan, parcel: SimParcel<T>) => Promise<unknown>,
): Promise<{ code: string; text: string }[]> {
  const scans = book.advance(awb, steps);
  const parcel = book.get(awb);
  if (push && parcel) for (const scan of scans) await push(scan, parcel);
  return scans.map(({ code, text }) => ({ code, text }));
}
