import { CourierApiSimulator, SimRequest, SimResponse } from '@shipcrowd/simulators';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierCode,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PickupResult,
  TrackingEvent,
} from '@shipcrowd/couriers/contracts';
import { CourierCall, CourierProvider, InboundWebhook, WebhookMalformed, WebhookUnauthenticated } from '@shipcrowd/couriers';
import { statusMapper } from '../../libs/couriers/src/domain/status-mapping';
import { expectOk, hmacSha256, headerValue, kilograms, parseIndiaTime, rupees, sameSecret } from '../../libs/couriers/src/infrastructure/adapters/shared/wire';

/**
 * A made-up courier ("Test Express") for the framework's tests: an API key header, JSON bookings in kg and rupees,
 * tracking by comma-separated AWBs, HMAC-SHA256 signed webhooks. The adapter speaks it over HTTP to TestCourierApi.
 */
export const SANDBOX_KEY = 'sandbox-key-0000000000';
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-webhook-secret';

export const FULL_CAPABILITIES: CourierCapabilities = {
  cod: true,
  reverse: true,
  multiPiece: true,
  b2b: true,
  pickupApi: true,
  cancel: true,
  webhookPush: true,
  trackingPull: true,
  rateApi: false, serviceabilityApi: false, packageUpdateApi: false, courierLabel: false,
  ndrActions: ['re_attempt', 'defer', 'edit_details', 'rto'],
  limits: { maxWeightGrams: 50_000, maxLengthCm: 150, maxGirthCm: 400, maxCodPaise: 5_000_000, maxPieces: 5 },
  refusedHandling: [],
  insurance: true,
  labelSizes: ['4x6', 'a4'],
};

const mapStatus = statusMapper({ BK: 'booked', PU: 'picked_up', IT: 'in_transit', DL: 'delivered' });

interface WireScan {
  awb: string;
  code: string;
  text: string;
  at: string;
}

export class TestCourierAdapter extends CourierProvider {
  readonly credentialFields = ['apiKey', 'webhookSecret'] as const;
  readonly sandboxCredentials = { apiKey: SANDBOX_KEY, webhookSecret: SANDBOX_WEBHOOK_SECRET };
  readonly capabilities: CourierCapabilities;

  constructor(
    readonly code: CourierCode,
    readonly liveBaseUrl = 'https://api.test-express.invalid',
    capabilities: Partial<CourierCapabilities> = {},
  ) {
    super();
    this.capabilities = { ...FULL_CAPABILITIES, ...capabilities };
  }

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const body = {
      reference: request.reference,
      pincode: request.consignee.pincode,
      weight_kg: kilograms(request.packages.reduce((sum, p) => sum + p.weightGrams, 0)),
      cod_amount: request.paymentMode === 'cod' ? rupees(request.codAmountPaise) : 0,
      boxes: request.packages.length,
    };
    const answer = expectOk(await call.httpNoRetry.request(`${call.baseUrl}/orders`, this.post(call, body)), this.code) as { awb: string; children: string[] };
    return { awb: answer.awb, childAwbs: answer.children, sortCode: null, courierShipmentId: null };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const result = await call.http.request(`${call.baseUrl}/track?awb=${awbs.join(',')}`, { method: 'GET', headers: { 'x-api-key': call.credentials.apiKey } });
    const scans = (expectOk(result, this.code) as { scans: WireScan[] }).scans;
    const byAwb = new Map<string, TrackingEvent[]>();
    for (const scan of scans) byAwb.set(scan.awb, [...(byAwb.get(scan.awb) ?? []), toEvent(scan)]);
    return byAwb;
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const expected = hmacSha256(webhook.credentials.webhookSecret, webhook.rawBody);
    if (!sameSecret(headerValue(webhook.headers, 'x-signature'), expected)) throw new WebhookUnauthenticated();
    const body = JSON.parse(webhook.rawBody.toString('utf8')) as Partial<WireScan>;
    if (typeof body.awb !== 'string' || typeof body.code !== 'string') throw new WebhookMalformed('a scan needs awb and code');
    return [toEvent(body as WireScan)];
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const answer = expectOk(await call.http.request(`${call.baseUrl}/cancel`, this.post(call, { awb })), this.code) as { cancelled: boolean };
    return { cancelled: answer.cancelled, message: null };
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const body = { location: request.warehouse.warehouseCode, date: request.pickupDate, time: request.pickupTime, count: request.expectedPackageCount };
    const answer = expectOk(await call.httpNoRetry.request(`${call.baseUrl}/pickups`, this.post(call, body)), this.code) as { pickup_id: string; at: string };
    return { pickupId: answer.pickup_id, scheduledFor: answer.at };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const answer = expectOk(await call.httpNoRetry.request(`${call.baseUrl}/ndr`, this.post(call, { awb: request.awb, action: request.action })), this.code) as { request_id: string };
    return { accepted: true, requestId: answer.request_id, message: null };
  }

  private post(call: CourierCall, body: unknown): RequestInit {
    return { method: 'POST', headers: { 'x-api-key': call.credentials.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
}

function toEvent(scan: WireScan): TrackingEvent {
  return { awb: scan.awb, status: mapStatus(scan.code), rawCode: scan.code, rawStatus: scan.text, location: null, occurredAt: parseIndiaTime(scan.at) ?? new Date(0), remarks: null, ndrReason: null, chargedWeightGrams: null };
}

/**
 * Test Express's API: accepts the listed API keys (recording which one each request used), refuses pincode 000000,
 * answers tracking with a booked scan, a delivered scan and, for AWBs booked with reference marker ODD, a raw code
 * no mapping knows.
 */
export class TestCourierApi implements CourierApiSimulator {
  readonly keysUsed: string[] = [];
  readonly bookings: Record<string, unknown>[] = [];
  webhook: { url: string | null; secret: string | null } = { url: null, secret: null };
  private readonly odd = new Set<string>();
  private serial = 0;

  constructor(
    readonly prefix: string,
    private readonly acceptedKeys: readonly string[],
  ) {}

  handle(request: SimRequest): SimResponse {
    const key = String(request.headers['x-api-key'] ?? '');
    this.keysUsed.push(key);
    if (!this.acceptedKeys.includes(key)) return { status: 401, body: { message: 'Invalid API key' } };
    const body = (request.json ?? {}) as Record<string, unknown>;
    switch (`${request.method} ${request.path}`) {
      case 'POST /orders':
        return this.book(body);
      case 'GET /track':
        return { status: 200, body: { scans: (request.query.awb ?? '').split(',').flatMap((awb) => this.scansOf(awb)) } };
      case 'POST /cancel':
        return { status: 200, body: { cancelled: true } };
      case 'POST /pickups':
        return { status: 200, body: { pickup_id: 'PK-1', at: '2026-11-23T14:00:00+05:30' } };
      case 'POST /ndr':
        return { status: 200, body: { request_id: `NDR-${body.awb}` } };
      default:
        return { status: 404, body: { message: 'no such endpoint' } };
    }
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhook = { url, secret };
  }

  private book(body: Record<string, unknown>): SimResponse {
    if (body.pincode === '000000') return { status: 422, body: { message: 'Pincode 000000 is not serviceable' } };
    this.bookings.push(body);
    this.serial += 1;
    const awb = `TX${String(this.serial).padStart(8, '0')}`;
    if (String(body.reference).includes('ODD')) this.odd.add(awb);
    const children = Array.from({ length: Number(body.boxes ?? 1) - 1 }, (_, i) => `${awb}C${i + 1}`);
    return { status: 200, body: { awb, children } };
  }

  private scansOf(awb: string): WireScan[] {
    const scans = [
      { awb, code: 'BK', text: 'Booked', at: '2026-11-21 10:00:00' },
      { awb, code: 'DL', text: 'Delivered', at: '2026-11-23 15:30:00' },
    ];
    return this.odd.has(awb) ? [...scans, { awb, code: 'ZZ9', text: 'Held by customs', at: '2026-11-22 09:00:00' }] : scans;
  }
}

/** A webhook body as Test Express signs it. */
export function signedWebhook(scan: Record<string, unknown>, secret = SANDBOX_WEBHOOK_SECRET): { headers: Record<string, string>; rawBody: Buffer } {
  const rawBody = Buffer.from(JSON.stringify(scan));
  return { headers: { 'content-type': 'application/json', 'x-signature': hmacSha256(secret, rawBody) }, rawBody };
}
