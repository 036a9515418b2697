import type { ResilientHttp } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, InboundWebhook, WebhookMalformed, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { BearerSession } from '../shared/bearer-session';
import { HttpMethod, bearerJson, fieldsOf, listOf, requestJson, textOf, withQuery } from '../shared/json-http';
import { distinctInOrder, PROBE_BOX, serviceabilityByPaymentMode } from '../shared/live-quotes';
import { trackingEvents } from '../shared/tracking-events';
import { expectOk, headerValue, hmacSha256, parseIndiaTime, sameSecret } from '../shared/wire';
import { bookingResultOf, carrierTransitDays, hubWiseCarriers, hubWiseRequest, oauthBaseOf, SmartShipLane, smartshipOrder, smartshipRate, smartshipScan } from './smartship.payloads';
import { smartshipStatus } from './smartship.status-map';

const FULFILMENT = '/v2/app/Fulfillmentservice';
/** Trackorder takes a comma-separated list; kept short so one URL stays well under proxy limits. */
const TRACK_BATCH = 25;
export const SMARTSHIP_SIGNATURE_HEADER = 'x-smartship-signature';

const messageOf = (body: unknown): string | undefined => {
  const fields = fieldsOf(body);
  return textOf(fields.error_description) ?? textOf(fields.message) ?? textOf(fields.error) ?? undefined;
};

/**
 * SmartShip (Bluedart's aggregator): an OAuth password grant at oauth.smartship.in/loginToken.php gives a bearer
 * token for api.smartship.in; orders are keyed by `client_order_reference_id`, so cancel, NDR and manifest calls
 * first read the reference back from Trackorder by AWB. Lane checks and prices come from ServiceabilityHubWise.
 * Scans are pushed to a webhook as well as pulled.
 */
export class SmartShipAdapter extends CourierProvider {
  readonly code = 'smartship' as const;
  readonly capabilities: CourierCapabilities = {
    cod: true, reverse: true, multiPiece: false, b2b: false, pickupApi: true, cancel: true, webhookPush: true, trackingPull: true, rateApi: true, serviceabilityApi: true, packageUpdateApi: false, courierLabel: false,
    ndrActions: ['re_attempt', 'rto'],
    limits: { maxWeightGrams: 20_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 },
    refusedHandling: ['dangerous_goods', 'liquid'], insurance: false, labelSizes: ['4x6', 'a4'],
  };
  readonly credentialFields = ['username', 'password', 'clientId', 'clientSecret', 'webhookSecret'] as const;
  readonly sandboxCredentials = {
    username: 'sandbox@shipcrowd.test',
    password: 'sandbox-smartship-password',
    clientId: 'SANDBOXSMARTSHIPCLIENT',
    clientSecret: 'sandbox-smartship-secret',
    webhookSecret: 'sandbox-smartship-webhook-secret',
  };
  readonly liveBaseUrl = 'https://api.smartship.in';

  private readonly session = new BearerSession((call) => this.login(call));

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const body = await this.send(call, call.httpNoRetry, 'POST', `${FULFILMENT}/orderRegistrationOneStep`, {
      request_info: { client_id: call.credentials.clientId, run_type: 'create', shipment_type: request.reverse ? 2 : 1 },
      orders: [smartshipOrder(request)],
    });
    return bookingResultOf(body, request.reference);
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const [awb, newestFirst] of await this.scanRows(call, awbs)) {
      // Oldest first, so scans stamped in the same second keep SmartShip's order.
      const rows = [...newestFirst].reverse();
      tracked.set(awb, trackingEvents(awb, smartshipStatus, rows.flatMap((row) => smartshipScan(row, row.date_time) ?? [])));
    }
    return tracked;
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const [reference] = await this.referencesOf(call, [awb]);
    const body = await this.send(call, call.http, 'POST', `${FULFILMENT}/orderCancellation`, {
      request_info: {},
      orders: { client_order_reference_ids: [reference] },
    });
    const details = fieldsOf(fieldsOf(body.data).order_cancellation_details);
    const failure = fieldsOf(fieldsOf(details.failure)[reference]);
    if (listOf(details.successful).map(String).includes(reference)) return { cancelled: true, message: textOf(body.message) };
    return { cancelled: false, message: textOf(failure.message) ?? 'SmartShip did not cancel the order' };
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const references = await this.referencesOf(call, request.awbs);
    const body = await this.send(call, call.httpNoRetry, 'POST', `${FULFILMENT}/createManifest`, {
      client_order_reference_ids: references,
      preferred_pickup_date: request.pickupDate,
      shipment_type: 1,
    });
    const data = fieldsOf(body.data);
    const manifestId = textOf(data.manifest_id);
    if (!manifestId) {
      const [firstFailure] = Object.values(fieldsOf(data.failure)).map(fieldsOf);
      throw new CourierRejected(textOf(firstFailure?.message) ?? 'SmartShip did not create the manifest', 'smartship', body);
    }
    const scheduled = parseIndiaTime(`${textOf(data.pickup_date) ?? request.pickupDate} ${request.pickupTime}`);
    return { pickupId: manifestId, scheduledFor: (scheduled ?? new Date()).toISOString() };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    if (request.action !== 're_attempt' && request.action !== 'rto') throw new CourierRejected(`SmartShip takes no ${request.action} NDR action`, 'smartship');
    const [reference] = await this.referencesOf(call, [request.awb]);
    const details = request.details ?? {};
    const body = await this.send(call, call.httpNoRetry, 'POST', `${FULFILMENT}/orderReattempt`, {
      orders: [
        {
          client_order_reference_id: [reference],
          action_id: request.action === 're_attempt' ? '1' : '2',
          comments: request.remarks ?? (request.action === 're_attempt' ? 'Reattempt requested' : 'RTO requested'),
          next_attempt_date: request.action === 're_attempt' ? (request.date ?? '') : '',
          address: details.address ?? '',
          phone: details.phone ?? '',
          names: details.name ?? '',
          alternate_address: details.address ?? '',
          alternate_number: details.phone ?? '',
        },
      ],
    });
    const data = fieldsOf(body.data);
    const [done] = listOf(data.success_orders).map(fieldsOf);
    if (done) return { accepted: true, requestId: null, message: textOf(done.message) };
    const [refused] = listOf(data.errors).map(fieldsOf);
    return { accepted: false, requestId: null, message: textOf(refused?.error) ?? textOf(body.message) };
  }

  /** The lane asked for prepaid and for COD (the answer covers one payment type); a return lane when the query is reverse. */
  override async serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    const reverse = query.reverse === true;
    const answer = await serviceabilityByPaymentMode(query, async (mode) => {
      const body = await this.hubWise(call, {
        origin: query.originPincode,
        destination: query.destinationPincode,
        paymentMode: mode,
        weightGrams: query.weightGrams,
        orderValuePaise: query.codAmountPaise,
        box: PROBE_BOX,
        reverse,
        withCost: false,
      });
      const { serviceable, carriers } = hubWiseCarriers(body);
      const days = carriers.map((c) => carrierTransitDays(c.row)).filter((d): d is number => d !== null);
      return {
        services: serviceable ? distinctInOrder(carriers.map((c) => c.service)) : [],
        reason: serviceable ? null : (messageOf(body) ?? 'SmartShip serves no carrier on this lane'),
        expectedTransitDays: days.length ? Math.min(...days) : null,
      };
    });
    return { ...answer, reverse: reverse && answer.serviceable };
  }

  /** The carriers' charges on the lane (`cost_info: true`), one rate per service; on COD the order value is the COD amount. */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    const cod = query.paymentMode === 'cod';
    const body = await this.hubWise(call, {
      origin: query.originPincode,
      destination: query.destinationPincode,
      paymentMode: query.paymentMode,
      weightGrams: query.weightGrams,
      orderValuePaise: cod ? query.codAmountPaise : query.declaredValuePaise,
      box: { lengthCm: query.lengthCm, breadthCm: query.breadthCm, heightCm: query.heightCm },
      reverse: query.reverse === true,
      service: query.service,
      withCost: true,
    });
    const { serviceable, carriers } = hubWiseCarriers(body);
    if (!serviceable) throw new CourierRejected(messageOf(body) ?? 'SmartShip serves no carrier on this lane', 'smartship', body);
    return carriers.flatMap((carrier) => (!query.service || carrier.service === query.service ? (smartshipRate(carrier) ?? []) : []));
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const secret = webhook.credentials.webhookSecret;
    const signature = headerValue(webhook.headers, SMARTSHIP_SIGNATURE_HEADER);
    if (!secret || !sameSecret(signature, hmacSha256(secret, webhook.rawBody))) throw new WebhookUnauthenticated();
    let push: Record<string, unknown>;
    try {
      push = fieldsOf(JSON.parse(webhook.rawBody.toString('utf8')));
    } catch {
      throw new WebhookMalformed('SmartShip webhook body is not JSON');
    }
    const awb = textOf(push.awbno);
    const scan = smartshipScan(push, push.statusUpdateDate);
    const events = awb && scan ? trackingEvents(awb, smartshipStatus, [scan]) : [];
    if (!events.length) throw new WebhookMalformed('SmartShip webhook lacks awbno, status or a readable statusUpdateDate');
    return events;
  }

  private async login(call: CourierCall): Promise<{ token: string; expiresInSeconds: number }> {
    const result = await requestJson(call.http, 'POST', `${oauthBaseOf(call.baseUrl)}/loginToken.php`, {
      body: {
        username: call.credentials.username,
        password: call.credentials.password,
        client_id: call.credentials.clientId,
        client_secret: call.credentials.clientSecret,
        grant_type: 'password',
      },
    });
    const body = fieldsOf(expectOk(result, 'SmartShip', messageOf));
    const token = textOf(body.access_token);
    if (!token) throw new CourierAuthFailed(messageOf(body) ?? 'SmartShip issued no access token');
    return { token, expiresInSeconds: Number(body.expires_in) || 3600 };
  }

  private hubWise(call: CourierCall, lane: SmartShipLane): Promise<Record<string, unknown>> {
    return this.send(call, call.http, 'POST', `${FULFILMENT}/ServiceabilityHubWise`, hubWiseRequest(lane));
  }

  /** An API call with the session's bearer token; SmartShip also reports a dead token as `status: "403"` in a 200. */
  private send(call: CourierCall, http: ResilientHttp, method: HttpMethod, path: string, body?: unknown): Promise<Record<string, unknown>> {
    return bearerJson(this.session, call, { http, method, url: `${call.baseUrl}${path}`, body }, (result) => {
      const answer = fieldsOf(expectOk(result, 'SmartShip', messageOf));
      if (String(answer.status) === '403' || answer.code === 403) throw new CourierAuthFailed(messageOf(answer) ?? 'SmartShip token expired');
      return answer;
    });
  }

  /** Trackorder rows per AWB (SmartShip answers `data.scans` keyed by the number asked for). */
  private async scanRows(call: CourierCall, awbs: string[]): Promise<Map<string, Record<string, unknown>[]>> {
    const rows = new Map<string, Record<string, unknown>[]>();
    for (let start = 0; start < awbs.length; start += TRACK_BATCH) {
      const batch = awbs.slice(start, start + TRACK_BATCH);
      const body = await this.send(call, call.http, 'GET', withQuery('/v1/Trackorder', { tracking_numbers: batch.join(',') }));
      const scans = fieldsOf(fieldsOf(body.data).scans);
      for (const awb of batch) if (Array.isArray(scans[awb])) rows.set(awb, listOf(scans[awb]).map(fieldsOf));
    }
    return rows;
  }

  /** The client_order_reference_id of each AWB, in order; an AWB SmartShip does not know is refused. */
  private async referencesOf(call: CourierCall, awbs: string[]): Promise<string[]> {
    const rows = await this.scanRows(call, awbs);
    return awbs.map((awb) => {
      const reference = (rows.get(awb) ?? []).map((row) => textOf(row.order_reference_id)).find(Boolean);
      if (!reference) throw new CourierRejected(`SmartShip does not know AWB ${awb}`, 'smartship');
      return reference;
    });
  }
}
