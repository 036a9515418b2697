import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  LabelData,
  NdrActionKind,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PickupResult,
  TrackingEvent,
} from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook } from '../../../application/ports/courier-provider';
import { requireWebhookToken, webhookJson } from '../shared/token-webhook';
import { expectOk, parseIndiaTime } from '../shared/wire';
import { delhiveryCreatePayload, delhiveryPushedEvents, delhiveryTrackedEvents } from './delhivery.payloads';

interface CreatedPackage {
  status?: string;
  waybill?: string;
  sort_code?: string | null;
  remarks?: unknown;
}

const NDR_ACT: Partial<Record<NdrActionKind, string>> = { re_attempt: 'RE-ATTEMPT', defer: 'DEFER_DLV', edit_details: 'EDIT_DETAILS' };
/** Delhivery tracks at most 50 waybills per call. */
const TRACK_BATCH = 50;

/** Delhivery words refusals as `rmk`, `remark`, `detail`, `error` (text or {message}) or `packages[].remarks`. */
function delhiveryMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  const b = (body ?? {}) as Record<string, unknown>;
  const error = b.error as { message?: unknown } | string | undefined;
  const remarks = ((b.packages as CreatedPackage[] | undefined) ?? []).flatMap((p) => (Array.isArray(p.remarks) ? p.remarks : [p.remarks])).filter((r) => typeof r === 'string' && r);
  const found = [b.rmk, b.remark, b.detail, typeof error === 'object' ? error?.message : error, b.message, remarks.join('; ')].find((m) => typeof m === 'string' && m);
  return found as string | undefined;
}

/**
 * Delhivery B2C (Express parcel) over its documented HTTP API: `Authorization: Token <token>`; booking as a form post of
 * `format=json&data=<JSON>` to /api/cmu/create.json (multi-box = MPS with waybills pre-fetched from the bulk waybill
 * API), tracking via /api/v1/packages/json/, cancel via /api/p/edit, pickup via /fm/request/new/, label data from the
 * packing slip, asynchronous NDR actions via /api/p/update, and scan pushes authenticated by the Authorization header
 * the seller gave Delhivery (`Bearer <webhookSecret>`). See README.md.
 */
export class DelhiveryAdapter extends CourierProvider {
  readonly code = 'delhivery' as const;
  readonly credentialFields = ['token', 'webhookSecret'] as const;
  readonly sandboxCredentials = { token: 'sandbox-delhivery-token', webhookSecret: 'sandbox-delhivery-webhook-secret' };
  readonly liveBaseUrl = 'https://track.delhivery.com';
  readonly capabilities: CourierCapabilities = {
    cod: true,
    reverse: true,
    multiPiece: true,
    b2b: false,
    pickupApi: true,
    cancel: true,
    webhookPush: true,
    trackingPull: true,
    rateApi: true,
    ndrActions: ['re_attempt', 'defer', 'edit_details'],
    limits: { maxWeightGrams: 50_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 10 },
    refusedHandling: [],
    insurance: false,
    labelSizes: ['4x6', 'a4'],
  };

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const waybills = request.packages.length > 1 ? await this.fetchWaybills(call, request.packages.length) : [];
    const form = new URLSearchParams({ format: 'json', data: JSON.stringify(delhiveryCreatePayload(request, waybills)) });
    const result = await call.httpNoRetry.request(`${call.baseUrl}/api/cmu/create.json`, {
      method: 'POST',
      headers: { ...this.headers(call), 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const answer = expectOk(result, 'Delhivery', delhiveryMessage) as { success?: boolean; packages?: CreatedPackage[] };
    const packages = answer.packages ?? [];
    if (answer.success !== true || packages.length === 0 || packages.some((p) => p.status !== 'Success' || !p.waybill)) {
      throw new CourierRejected(delhiveryMessage(answer) ?? 'Delhivery refused the booking', this.code, answer);
    }
    const [master, ...children] = packages;
    return { awb: master.waybill!, childAwbs: children.map((p) => p.waybill!), sortCode: master.sort_code ?? null, courierShipmentId: null };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (let i = 0; i < awbs.length; i += TRACK_BATCH) {
      const waybills = awbs.slice(i, i + TRACK_BATCH).join(',');
      const result = await call.http.request(`${call.baseUrl}/api/v1/packages/json/?waybill=${encodeURIComponent(waybills)}`, { headers: this.headers(call) });
      for (const [awb, events] of delhiveryTrackedEvents(expectOk(result, 'Delhivery', delhiveryMessage))) tracked.set(awb, events);
    }
    return tracked;
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const secret = webhook.credentials.webhookSecret;
    requireWebhookToken(webhook.headers, 'authorization', secret ? `Bearer ${secret}` : undefined);
    return delhiveryPushedEvents(webhookJson(webhook.rawBody));
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const result = await call.http.request(`${call.baseUrl}/api/p/edit`, this.json(call, { waybill: awb, cancellation: 'true' }));
    const answer = expectOk(result, 'Delhivery', delhiveryMessage) as { status?: unknown; remark?: string };
    return { cancelled: answer.status === true || answer.status === 'true', message: answer.remark ?? null };
  }

  override async labelData(call: CourierCall, awb: string): Promise<LabelData> {
    const result = await call.http.request(`${call.baseUrl}/api/p/packing_slip?wbns=${encodeURIComponent(awb)}`, { headers: this.headers(call) });
    const slip = (expectOk(result, 'Delhivery', delhiveryMessage) as { packages?: { wbn?: string; sort_code?: string; destination?: string }[] }).packages?.[0];
    if (!slip?.wbn) throw new CourierRejected(`Delhivery has no packing slip for ${awb}`, this.code);
    return { awb: slip.wbn, sortCode: slip.sort_code ?? null, routingCode: slip.destination ?? null };
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const body = { pickup_time: `${request.pickupTime}:00`, pickup_date: request.pickupDate, pickup_location: request.warehouse.warehouseCode, expected_package_count: request.expectedPackageCount };
    const result = await call.httpNoRetry.request(`${call.baseUrl}/fm/request/new/`, this.json(call, body));
    const answer = expectOk(result, 'Delhivery', delhiveryMessage) as { pickup_id?: unknown; pickup_date?: string; pickup_time?: string };
    if (answer.pickup_id == null) throw new CourierRejected(delhiveryMessage(answer) ?? 'Delhivery did not create the pickup', this.code, answer);
    const scheduled = parseIndiaTime(`${answer.pickup_date ?? request.pickupDate} ${answer.pickup_time ?? body.pickup_time}`);
    return { pickupId: String(answer.pickup_id), scheduledFor: (scheduled ?? new Date()).toISOString() };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const act = NDR_ACT[request.action];
    if (!act) throw new CourierRejected(`Delhivery has no NDR action for ${request.action}`, this.code);
    const details = request.details ?? {};
    const actionData =
      request.action === 'defer' ? { deferred_date: request.date } : request.action === 'edit_details' ? { name: details.name, add: details.address, phone: details.phone } : undefined;
    const result = await call.httpNoRetry.request(`${call.baseUrl}/api/p/update`, this.json(call, { data: [{ waybill: request.awb, act, ...(actionData ? { action_data: actionData } : {}) }] }));
    const answer = expectOk(result, 'Delhivery', delhiveryMessage) as { request_id?: string; message?: string };
    if (!answer.request_id) throw new CourierRejected(delhiveryMessage(answer) ?? 'Delhivery did not accept the NDR action', this.code, answer);
    return { accepted: true, requestId: answer.request_id, message: answer.message ?? null };
  }

  /** MPS pieces need their waybills before the booking: Delhivery's bulk waybill API answers "w1,w2,...". */
  private async fetchWaybills(call: CourierCall, count: number): Promise<string[]> {
    const result = await call.http.request(`${call.baseUrl}/waybill/api/bulk/json/?count=${count}`, { headers: this.headers(call) });
    const waybills = String(expectOk(result, 'Delhivery', delhiveryMessage) ?? '').split(',').map((w) => w.trim()).filter(Boolean);
    if (waybills.length !== count) throw new CourierRejected(`Delhivery issued ${waybills.length} waybills, ${count} needed`, this.code);
    return waybills;
  }

  private headers(call: CourierCall): Record<string, string> {
    return { authorization: `Token ${call.credentials.token ?? ''}`, accept: 'application/json' };
  }

  private json(call: CourierCall, body: unknown): RequestInit {
    return { method: 'POST', headers: { ...this.headers(call), 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
}
