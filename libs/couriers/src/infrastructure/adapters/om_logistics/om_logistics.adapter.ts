import type { ResilientHttp } from '@shipcrowd/platform';
import type { BookingRequest, BookingResult, CourierCapabilities, LabelData, NdrActionKind, NdrActionRequest, NdrActionResult, PickupRequest, PickupResult, TrackingEvent } from '../../../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { BearerSession } from '../shared/bearer-session';
import { HttpMethod, bearerJson, fieldsOf, listOf, requestJson, textOf, withQuery } from '../shared/json-http';
import { trackingEvents } from '../shared/tracking-events';
import { expectOk, parseIndiaTime } from '../shared/wire';
import { docketOf, docketPayload, omDate, omMessageOf, omRefused } from './om_logistics.payloads';
import { omLogisticsStatus } from './om_logistics.status-map';

const API = '/api/v1';
const NDR_ACTIONS: Partial<Record<NdrActionKind, string>> = { re_attempt: 'REATTEMPT', defer: 'RESCHEDULE', rto: 'RTO' };

/**
 * OM Logistics, surface B2B freight (PTL and FTL). OM publishes no integration API, so the wire is modelled (see
 * README): a token from `POST /api/v1/auth/token`, dockets (CNs) booked with consignor/consignee, invoice and
 * e-way bill and one barcode per box, tracked, cancelled, picked up, re-attempted and printed by docket number.
 */
export class OmLogisticsAdapter extends CourierProvider {
  readonly code = 'om_logistics' as const;
  readonly capabilities: CourierCapabilities = {
    cod: false, reverse: false, multiPiece: true, b2b: true, pickupApi: true, cancel: true, webhookPush: false, trackingPull: true, rateApi: false, serviceabilityApi: false, packageUpdateApi: false, courierLabel: false,
    ndrActions: ['re_attempt', 'defer', 'rto'],
    limits: { maxWeightGrams: 10_000_000, maxLengthCm: 600, maxCodPaise: 0, maxPieces: 500 },
    refusedHandling: ['dangerous_goods'], insurance: true, labelSizes: ['4x6', 'a4'],
  };
  readonly credentialFields = ['username', 'password', 'customerCode'] as const;
  readonly sandboxCredentials = { username: 'SANDBOXSHIPCROWD', password: 'sandbox-om-password', customerCode: 'SC0001' };
  readonly liveBaseUrl = 'https://omsanchar.omlogistics.co.in';

  private readonly session = new BearerSession((call) => this.login(call));

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const body = await this.send(call, call.httpNoRetry, 'POST', '/cn/create', docketPayload(request, call.credentials.customerCode ?? ''));
    return docketOf(body);
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const awb of awbs) {
      const body = await this.send(call, call.http, 'GET', withQuery('/cn/track', { cnno: awb }));
      if (omRefused(body)) continue;
      const scans = listOf(fieldsOf(body.Data).history)
        .map(fieldsOf)
        .flatMap((row) => {
          const code = textOf(row.STATUS_CODE);
          return code ? [{ rawCode: code, rawStatus: textOf(row.STATUS) ?? code, location: textOf(row.LOCATION), at: row.STATUS_DATE, remarks: textOf(row.REMARKS) }] : [];
        });
      tracked.set(awb, trackingEvents(awb, omLogisticsStatus, scans));
    }
    return tracked;
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const body = await this.send(call, call.http, 'POST', '/cn/cancel', { cnno: awb, reason: 'Cancelled by consignor' });
    return { cancelled: !omRefused(body), message: omMessageOf(body) ?? null };
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const body = this.accepted(
      await this.send(call, call.httpNoRetry, 'POST', '/pickup/request', {
        cnno: request.awbs,
        pickup_date: omDate(request.pickupDate),
        pickup_time: request.pickupTime,
        location_code: request.warehouse.warehouseCode,
        pkgs: request.expectedPackageCount,
      }),
    );
    const pickupId = textOf(body.PickupNo);
    const scheduled = parseIndiaTime(body.PickupDate);
    if (!pickupId || !scheduled) throw new CourierRejected('OM Logistics confirmed no pickup number and time', 'om_logistics', body);
    return { pickupId, scheduledFor: scheduled.toISOString() };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const action = NDR_ACTIONS[request.action];
    if (!action) throw new CourierRejected(`OM Logistics takes no ${request.action} action on an undelivered docket`, 'om_logistics');
    const body = await this.send(call, call.httpNoRetry, 'POST', '/cn/ndr-action', {
      cnno: request.awb,
      action,
      date: request.date ? omDate(request.date) : '',
      remarks: request.remarks ?? '',
    });
    return { accepted: !omRefused(body), requestId: textOf(body.RequestNo), message: omMessageOf(body) ?? null };
  }

  override async labelData(call: CourierCall, awb: string): Promise<LabelData> {
    const body = this.accepted(await this.send(call, call.http, 'GET', withQuery('/cn/print-data', { cnno: awb })));
    const docket = fieldsOf(body.Data);
    return { awb, sortCode: textOf(docket.DEST_BRANCH), routingCode: textOf(docket.ROUTE_CODE) };
  }

  parseWebhook(): TrackingEvent[] {
    throw new WebhookUnauthenticated('OM Logistics does not push scans: Shipcrowd pulls docket tracking');
  }

  private async login(call: CourierCall): Promise<{ token: string; expiresInSeconds: number }> {
    const result = await requestJson(call.http, 'POST', `${call.baseUrl}${API}/auth/token`, {
      body: { username: call.credentials.username, password: call.credentials.password },
    });
    const body = fieldsOf(expectOk(result, 'OM Logistics', omMessageOf));
    const token = textOf(body.token);
    if (omRefused(body) || !token) throw new CourierAuthFailed(omMessageOf(body) ?? 'OM Logistics issued no token');
    return { token, expiresInSeconds: Number(body.expires_in) || 3600 };
  }

  private send(call: CourierCall, http: ResilientHttp, method: HttpMethod, path: string, body?: unknown): Promise<Record<string, unknown>> {
    return bearerJson(this.session, call, { http, method, url: `${call.baseUrl}${API}${path}`, body }, (result) => fieldsOf(expectOk(result, 'OM Logistics', omMessageOf)));
  }

  /** The body of an answer OM did not refuse; a refusal becomes CourierRejected with OM's words. */
  private accepted(body: Record<string, unknown>): Record<string, unknown> {
    if (omRefused(body)) throw new CourierRejected(omMessageOf(body) ?? 'OM Logistics refused the request', 'om_logistics', body);
    return body;
  }
}
