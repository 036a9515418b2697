import { courierService } from '../../../../contracts';
import type { BookingRequest, BookingResult, CourierCapabilities, CourierRate, NdrActionRequest, NdrActionResult, RateQuery, TrackingEvent } from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook, WebhookMalformed, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import { indiaDate, volumetricWeightGrams } from '../shared/booking-fields';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { webhookJson } from '../shared/token-webhook';
import { CourierScan, trackingEvents } from '../shared/tracking-events';
import { expectOk, headerValue, hmacSha256, sameSecret } from '../shared/wire';
import { ECOM_EXPRESS_STATUS_MAP } from './ecom_express.status-map';
import { ecomRate, ecomRateInput, ecomScan, manifestEntry, readTrackingXml } from './ecom_express.payloads';

const mapStatus = statusMapper(ECOM_EXPRESS_STATUS_MAP);
/** Ecom's tracking (track_me) and rate calculator run on their own hosts; against a simulator everything lives under one base URL. */
const LIVE_TRACKING_BASE_URL = 'https://plapi.ecomexpress.in';
const LIVE_RATES_BASE_URL = 'https://ratecard.ecomexpress.in';
/** How old a signed webhook may be before it counts as a replay. */
const WEBHOOK_TOLERANCE_SECONDS = 600;

/**
 * Ecom Express: form-encoded calls carrying `username` and `password` every time. A booking allots an AWB
 * (`fetch_awb`, PPD or COD series) and manifests the shipment on it (`manifest_awb`, `json_input`); tracking is
 * `track_me` XML for many AWBs at once; cancel and NDR resolutions (RAD = re-attempt, RTO) are JSON; prices come
 * from the rate calculator (standard service, kg, rupees). Scans are
 * pushed as JSON signed with HMAC-SHA256 over "<timestamp>.<body>". Pickups follow Ecom's daily pickup run.
 */
export class EcomExpressAdapter extends CourierProvider {
  readonly code = 'ecom_express' as const;
  readonly capabilities: CourierCapabilities = {
    cod: true,
    reverse: false,
    multiPiece: false,
    b2b: false,
    pickupApi: false,
    cancel: true,
    webhookPush: true,
    trackingPull: true,
    rateApi: true,
    serviceabilityApi: false,
    packageUpdateApi: false,
    courierLabel: false,
    ndrActions: ['re_attempt', 'defer', 'edit_details', 'rto'],
    limits: { maxWeightGrams: 30_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 },
    refusedHandling: ['dangerous_goods'],
    insurance: false,
    labelSizes: ['4x6', 'a4'],
  };
  readonly credentialFields = ['username', 'password', 'webhookSecret'] as const;
  readonly sandboxCredentials = { username: 'sandbox-ecom-user', password: 'sandbox-ecom-password', webhookSecret: 'sandbox-ecom-webhook-secret' };
  readonly liveBaseUrl = 'https://api.ecomexpress.in';

  constructor(private readonly nowMs: () => number = Date.now) {
    super();
  }

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const product = request.paymentMode === 'cod' ? 'COD' : 'PPD';
    // Allotting AWBs is not idempotent either: one attempt, like the manifest that uses it.
    const allotted = fieldsOf(await this.post(call, '/apiv2/fetch_awb/', { count: '1', type: product }, { once: true }));
    const awb = allotted.success_type === 'Y' ? textOf(listOf(allotted.awb)[0]) : null;
    if (!awb) throw new CourierRejected(errorText(allotted.error) ?? 'Ecom Express allotted no AWB', undefined, allotted);
    const answer = fieldsOf(await this.post(call, '/apiv2/manifest_awb/', { json_input: JSON.stringify([manifestEntry(request, awb, product)]) }, { once: true }));
    outcomeFor(answer.shipments, awb, 'Ecom Express did not manifest the shipment');
    return { awb, childAwbs: [], sortCode: null, courierShipmentId: null };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const xml = await this.post(call, '/track_me/api/mawbd/', { awb: awbs.join(',') }, { base: this.hostOf(call, LIVE_TRACKING_BASE_URL) });
    const tracked = new Map<string, TrackingEvent[]>();
    for (const { fields, scans } of readTrackingXml(typeof xml === 'string' ? xml : '')) {
      // Ecom lists scans newest first.
      if (fields.awb_number) tracked.set(fields.awb_number, trackingEvents(fields.awb_number, mapStatus, scansOf(scans.reverse())));
    }
    return tracked;
  }

  /**
   * The rate calculator prices Ecom's standard service on a chargeable weight in kg (the heavier of dead and
   * volumetric weight); the express (NDD) add-on is priced by the account's rate card, not by this call.
   */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    if (query.service && query.service !== 'surface') throw new CourierRejected(`Ecom Express's rate calculator prices the standard service only, not '${query.service}'`, this.code);
    const divisor = courierService(this.code, 'surface')!.volumetricDivisor;
    const chargeableGrams = Math.max(Math.round(query.weightGrams), volumetricWeightGrams(query, divisor));
    const answer = await this.post(call, '/services/rateCalculatorAPI/', { json_input: JSON.stringify([ecomRateInput(query, chargeableGrams)]) }, { base: this.hostOf(call, LIVE_RATES_BASE_URL) });
    return [ecomRate('surface', listOf(answer)[0])];
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    outcomeFor(await this.post(call, '/apiv2/cancel_awb/', { awbs: awb }), awb, 'Ecom Express did not confirm the cancellation');
    return { cancelled: true, message: null };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const answer = await this.post(call, '/apiv2/ndr_resolutions/', { json_input: JSON.stringify([ndrResolution(request)]) }, { once: true });
    const outcome = listOf(answer).map(fieldsOf).find((o) => textOf(o.awb) === request.awb);
    const accepted = outcome?.status === true || outcome?.status === 'true';
    return { accepted, requestId: null, message: errorText(outcome?.error) ?? (outcome ? null : 'Ecom Express did not answer for this AWB') };
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const secret = webhook.credentials.webhookSecret;
    const timestamp = headerValue(webhook.headers, 'x-ecom-timestamp') ?? '';
    const expected = secret ? hmacSha256(secret, Buffer.concat([Buffer.from(`${timestamp}.`), webhook.rawBody])) : undefined;
    if (!timestamp || !sameSecret(headerValue(webhook.headers, 'x-ecom-signature'), expected)) throw new WebhookUnauthenticated();
    if (Math.abs(this.nowMs() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) throw new WebhookUnauthenticated('Ecom Express webhook timestamp is too old or in the future');
    const scan = fieldsOf(webhookJson(webhook.rawBody));
    const awb = textOf(scan.awb);
    const events = awb ? trackingEvents(awb, mapStatus, scansOf([scan])) : [];
    if (events.length === 0) throw new WebhookMalformed('Ecom Express webhook without awb, reason_code_number or a readable datetime');
    return events;
  }

  /** The live host of a service Ecom runs apart from the API (tracking, rates); the call's base URL otherwise. */
  private hostOf(call: CourierCall, liveHost: string): string {
    return call.baseUrl === this.liveBaseUrl ? liveHost : call.baseUrl;
  }

  /** Every Ecom call: a form with the account's username and password. */
  private async post(call: CourierCall, path: string, form: Record<string, string>, options: { once?: boolean; base?: string } = {}): Promise<unknown> {
    const body = new URLSearchParams({ username: call.credentials.username ?? '', password: call.credentials.password ?? '', ...form });
    const result = await (options.once ? call.httpNoRetry : call.http).request(`${options.base ?? call.baseUrl}${path}`, { method: 'POST', body });
    return expectOk(result, 'ecom_express');
  }
}

/** One ndr_resolutions entry: RAD (re-attempt, optionally at a new address or number) on a date, or RTO. */
function ndrResolution(request: NdrActionRequest): Record<string, unknown> {
  const comments = request.remarks ?? '';
  if (request.action === 'rto') return { awb: request.awb, instruction: 'RTO', comments };
  if (request.action === 'defer' && !request.date) throw new CourierRejected('a deferred delivery needs a date');
  const date = request.date ?? indiaDate(new Date(Date.now() + 86_400_000));
  const resolution: Record<string, unknown> = { awb: request.awb, instruction: 'RAD', comments, scheduled_delivery_date: date.split('-').reverse().join('-'), scheduled_delivery_slot: '1' };
  if (request.action !== 'edit_details') return resolution;
  const details = request.details ?? {};
  if (!details.address && !details.phone) throw new CourierRejected('Ecom Express takes a new address or mobile number, not a new name alone');
  if (details.address) resolution.consignee_address = { CA1: details.address, CA2: details.landmark ?? '', CA3: '', CA4: '' };
  if (details.phone) resolution.mobile = details.phone;
  return resolution;
}

/** manifest_awb and cancel_awb answer one `{awb, success, reason}` per AWB: this AWB's must be a success. */
function outcomeFor(outcomes: unknown, awb: string, fallback: string): void {
  const outcome = listOf(outcomes).map(fieldsOf).find((o) => textOf(o.awb) === awb);
  if (outcome?.success !== true) throw new CourierRejected(textOf(outcome?.reason) ?? fallback, undefined, outcomes);
}

function scansOf(scans: Record<string, unknown>[]): CourierScan[] {
  return scans.map(ecomScan).filter((scan): scan is CourierScan => scan !== null);
}

function errorText(error: unknown): string | undefined {
  if (Array.isArray(error) && error.length) return error.map(String).join('; ');
  return typeof error === 'string' && error ? error : undefined;
}
