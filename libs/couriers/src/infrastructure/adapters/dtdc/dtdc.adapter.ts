import type { BookingRequest, BookingResult, CourierCapabilities, TrackingEvent } from '../../../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, InboundWebhook, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import { BearerSession } from '../shared/bearer-session';
import { pdfBytes } from '../shared/courier-label';
import { fieldsOf, listOf, requestJson, textOf, withQuery } from '../shared/json-http';
import { trackingEvents } from '../shared/tracking-events';
import { expectOk } from '../shared/wire';
import { DTDC_STATUS_MAP } from './dtdc.status-map';
import { dtdcScans, DtdcTrackDetail, softdataConsignment } from './dtdc.payloads';

const mapStatus = statusMapper(DTDC_STATUS_MAP);
const CONSIGNMENT_API = '/api/customer/integration/consignment';
/** DTDC's tracking service runs on its own host; against a simulator both live under one base URL. */
const LIVE_TRACKING_BASE_URL = 'https://blktracksvc.dtdc.com';
/** DTDC gives the tracking token no lifetime: reuse it for an hour, and log in again on any 401. */
const TRACKING_TOKEN_REUSE_SECONDS = 3600;

interface SoftdataOutcome {
  success?: boolean;
  reference_number?: string;
  reason?: string;
  message?: string;
  pieces?: { reference_number?: string }[];
}

interface CancelAnswer {
  successConsignments?: { reference_number?: string; message?: string }[];
  failures?: { reference_number?: string; message?: string }[];
}

/**
 * DTDC: bookings and cancellations through Shipsy's customer integration API (`api-key` header, softdata upload keyed
 * on `customer_reference_number`, multi-piece with one piece number per box), tracking through DTDC's own service
 * (username/password login issuing an `X-Access-Token`), DTDC's own 4x6 label streamed by Shipsy. No pickup API (DTDC collects softdata bookings on its
 * pickup run), no NDR API, no webhooks: Shipcrowd polls.
 */
export class DtdcAdapter extends CourierProvider {
  readonly code = 'dtdc' as const;
  readonly capabilities: CourierCapabilities = {
    cod: true,
    reverse: true,
    multiPiece: true,
    b2b: false,
    pickupApi: false,
    cancel: true,
    webhookPush: false,
    trackingPull: true,
    rateApi: false,
    serviceabilityApi: false,
    packageUpdateApi: false,
    courierLabel: true,
    ndrActions: [],
    limits: { maxWeightGrams: 70_000, maxLengthCm: 150, maxCodPaise: 5_000_000, maxPieces: 10 },
    refusedHandling: ['dangerous_goods', 'liquid'],
    insurance: true,
    labelSizes: ['4x6', 'a4'],
  };
  readonly credentialFields = ['apiKey', 'customerCode', 'trackingUsername', 'trackingPassword'] as const;
  readonly sandboxCredentials = { apiKey: 'sandbox-dtdc-api-key', customerCode: 'GL0001', trackingUsername: 'GL0001_trk_json', trackingPassword: 'sandbox-dtdc-tracking-password' };
  readonly liveBaseUrl = 'https://dtdcapi.shipsy.io';

  private readonly tracking = new BearerSession((call) => this.trackingLogin(call));

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const consignment = softdataConsignment(request, call.credentials.customerCode);
    const result = await requestJson(call.httpNoRetry, 'POST', `${call.baseUrl}${CONSIGNMENT_API}/softdata`, { body: { consignments: [consignment] }, headers: apiKey(call) });
    const outcome = (expectOk(result, 'dtdc', shipsyMessage) as { data?: SoftdataOutcome[] } | null)?.data?.[0];
    if (!outcome?.success || !outcome.reference_number) throw new CourierRejected(outcome?.message ?? 'DTDC did not accept the consignment', outcome?.reason, outcome);
    const master = outcome.reference_number;
    const pieces = (outcome.pieces ?? []).map((piece) => piece.reference_number).filter((piece): piece is string => !!piece && piece !== master);
    return { awb: master, childAwbs: pieces, sortCode: null, courierShipmentId: null };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const found = await Promise.all(awbs.map(async (awb) => [awb, await this.trackOne(call, awb)] as const));
    return new Map(found.filter((entry): entry is readonly [string, TrackingEvent[]] => entry[1] !== null));
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const result = await requestJson(call.http, 'POST', `${call.baseUrl}${CONSIGNMENT_API}/cancel`, { body: { AWBNo: [awb], customerCode: call.credentials.customerCode }, headers: apiKey(call) });
    const answer = (expectOk(result, 'dtdc', shipsyMessage) ?? {}) as CancelAnswer;
    const done = answer.successConsignments?.find((c) => c.reference_number === awb);
    if (done) return { cancelled: true, message: done.message ?? null };
    const failure = answer.failures?.find((f) => f.reference_number === awb);
    throw new CourierRejected(failure?.message ?? 'DTDC did not confirm the cancellation', undefined, answer);
  }

  /** Shipsy streams DTDC's 4x6 label as the answer itself (no link to follow). */
  override async courierLabel(call: CourierCall, awb: string): Promise<Buffer> {
    const url = withQuery(`${call.baseUrl}${CONSIGNMENT_API}/shippinglabel/stream`, { reference_number: awb, label_code: 'SHIP_LABEL_4X6', label_format: 'pdf' });
    const result = await call.http.request(url, { method: 'GET', headers: { ...apiKey(call), accept: 'application/pdf' } });
    expectOk(result, 'dtdc', shipsyMessage);
    return pdfBytes(result.bytes, 'DTDC');
  }

  parseWebhook(_webhook: InboundWebhook): TrackingEvent[] {
    throw new WebhookUnauthenticated('DTDC pushes no webhooks; its scans are polled');
  }

  private async trackOne(call: CourierCall, awb: string): Promise<TrackingEvent[] | null> {
    return this.tracking.withToken(call, async (token) => {
      const url = `${trackingBaseUrl(call, this.liveBaseUrl)}/dtdc-api/rest/JSONCnTrk/getTrackDetails`;
      const result = await requestJson(call.http, 'POST', url, { body: { trkType: 'cnno', strcnno: awb, addtnlDtl: 'Y' }, headers: { 'x-access-token': token } });
      const answer = fieldsOf(expectOk(result, 'dtdc', trackingMessage));
      return answer.statusFlag === true ? trackingEvents(awb, mapStatus, dtdcScans(listOf(answer.trackDetails) as DtdcTrackDetail[])) : null;
    });
  }

  private async trackingLogin(call: CourierCall): Promise<{ token: string; expiresInSeconds: number }> {
    const { trackingUsername: username, trackingPassword: password } = call.credentials;
    const result = await call.http.request(withQuery(`${trackingBaseUrl(call, this.liveBaseUrl)}/dtdc-api/api/dtdc/authenticate`, { username, password }), { method: 'GET' });
    const token = textOf(expectOk(result, 'dtdc'));
    if (!token) throw new CourierAuthFailed('DTDC tracking login answered without a token');
    return { token, expiresInSeconds: TRACKING_TOKEN_REUSE_SECONDS };
  }
}

function apiKey(call: CourierCall): Record<string, string> {
  return { 'api-key': call.credentials.apiKey ?? '' };
}

function trackingBaseUrl(call: CourierCall, liveBaseUrl: string): string {
  return call.baseUrl === liveBaseUrl ? LIVE_TRACKING_BASE_URL : call.baseUrl;
}

/** Shipsy errors: `{error: {message, reason, statusCode}}`. */
function shipsyMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/** Tracking errors: `{errorDetails: [{name, value}]}`. */
function trackingMessage(body: unknown): string | undefined {
  const details = (body as { errorDetails?: { value?: unknown }[] } | null)?.errorDetails;
  return Array.isArray(details) && details.length ? details.map((d) => String(d.value)).join('; ') : typeof body === 'string' ? body : undefined;
}
