import { courierService } from '../../../../contracts';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  LabelData,
  NdrActionKind,
  NdrActionRequest,
  NdrActionResult,
  PackageUpdate,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook } from '../../../application/ports/courier-provider';
import { volumetricWeightGrams } from '../shared/booking-fields';
import { fetchLabelPdf } from '../shared/courier-label';
import { textOf, withQuery } from '../shared/json-http';
import { requireWebhookToken, webhookJson } from '../shared/token-webhook';
import { expectOk, parseIndiaTime } from '../shared/wire';
import { delhiveryCreatePayload, delhiveryPincodes, delhiveryPushedEvents, delhiveryRate, delhiveryServiceability, delhiveryTrackedEvents } from './delhivery.payloads';

interface PackingSlip {
  wbn?: string;
  sort_code?: string;
  destination?: string;
  pdf_download_link?: string;
}

interface CreatedPackage {
  status?: string;
  waybill?: string;
  sort_code?: string | null;
  remarks?: unknown;
}

const NDR_ACT: Partial<Record<NdrActionKind, string>> = { re_attempt: 'RE-ATTEMPT', defer: 'DEFER_DLV', edit_details: 'EDIT_DETAILS' };
/** Delhivery tracks at most 50 waybills per call. */
const TRACK_BATCH = 50;
/** Delhivery's transport modes (`md` / `shipping_mode`) per Shipcrowd service. */
const MODE_OF_SERVICE: Readonly<Record<string, string>> = { surface: 'S', express: 'E' };

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
 * API), tracking via /api/v1/packages/json/, cancel and box changes via /api/p/edit, pickup via /fm/request/new/, label
 * data and the label PDF link from the packing slip, lane checks from the pincode API, prices from the invoice charges
 * API, asynchronous NDR actions via /api/p/update, and scan pushes authenticated by the Authorization header the seller
 * gave Delhivery (`Bearer <webhookSecret>`). See README.md.
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
    serviceabilityApi: true,
    packageUpdateApi: true,
    courierLabel: true,
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
    const slip = await this.packingSlip(call, awb);
    return { awb: slip.wbn!, sortCode: slip.sort_code ?? null, routingCode: slip.destination ?? null };
  }

  /** The packing slip with `pdf=true` links Delhivery's own 4x6 (4R) label PDF; the link is followed without the token. */
  override async courierLabel(call: CourierCall, awb: string): Promise<Buffer> {
    const link = textOf((await this.packingSlip(call, awb, { pdf: 'true', pdf_size: '4R' })).pdf_download_link);
    if (!link) throw new CourierRejected(`Delhivery gave no label link for ${awb}`, this.code);
    return fetchLabelPdf(call, link, 'Delhivery');
  }

  /** Both pincodes in one pincode-API call; the flags are read in `delhiveryServiceability`. */
  override async serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    const url = withQuery(`${call.baseUrl}/c/api/pin-codes/json/`, { filter_codes: `${query.originPincode},${query.destinationPincode}` });
    const answer = expectOk(await call.http.request(url, { headers: this.headers(call) }), 'Delhivery', delhiveryMessage);
    return delhiveryServiceability(query, delhiveryPincodes(answer), Object.keys(MODE_OF_SERVICE));
  }

  /**
   * One invoice-charges call per mode (surface `md=S`, express `md=E`) on the chargeable weight in grams (`cgm`, the
   * heavier of dead and volumetric weight); `ss` is the status the charge is for: Delivered, or DTO for a reverse pickup.
   */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    const services = query.service ? [query.service] : Object.keys(MODE_OF_SERVICE);
    return Promise.all(
      services.map(async (service) => {
        const mode = MODE_OF_SERVICE[service];
        const divisor = courierService(this.code, service)?.volumetricDivisor;
        if (!mode || !divisor) throw new CourierRejected(`Delhivery has no service '${service}'`, this.code);
        const chargeable = Math.max(Math.round(query.weightGrams), volumetricWeightGrams(query, divisor));
        const url = withQuery(`${call.baseUrl}/api/kinko/v1/invoice/charges/.json`, {
          md: mode,
          ss: query.reverse ? 'DTO' : 'Delivered',
          d_pin: query.destinationPincode,
          o_pin: query.originPincode,
          cgm: String(chargeable),
          pt: query.paymentMode === 'cod' ? 'COD' : 'Pre-paid',
        });
        return delhiveryRate(service, expectOk(await call.http.request(url, { headers: this.headers(call) }), 'Delhivery', delhiveryMessage));
      }),
    );
  }

  /**
   * The box of a waybill through the edit API: weight in grams, dimensions in cm. One waybill is one box, so a change to
   * several boxes (an MPS's pieces, or splitting one box in two) is refused before calling: the edit API cannot add pieces.
   */
  override async updatePackages(call: CourierCall, awb: string, update: PackageUpdate): Promise<void> {
    if (update.packages.length !== 1) throw new CourierRejected(`Delhivery changes one waybill's box at a time; ${update.packages.length} boxes cannot be sent for ${awb}`, this.code);
    const [box] = update.packages;
    const edit = {
      waybill: awb,
      weight: Math.round(box.weightGrams),
      shipment_length: box.lengthCm,
      shipment_width: box.breadthCm,
      shipment_height: box.heightCm,
      ...(update.productDescription ? { products_desc: update.productDescription } : {}),
    };
    const answer = expectOk(await call.httpNoRetry.request(`${call.baseUrl}/api/p/edit`, this.json(call, edit)), 'Delhivery', delhiveryMessage) as { status?: unknown; remark?: string };
    if (answer.status !== true && answer.status !== 'true') throw new CourierRejected(answer.remark ?? `Delhivery did not change the box of ${awb}`, this.code, answer);
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

  private async packingSlip(call: CourierCall, awb: string, options: Record<string, string> = {}): Promise<PackingSlip> {
    const url = withQuery(`${call.baseUrl}/api/p/packing_slip`, { wbns: awb, ...options });
    const slip = (expectOk(await call.http.request(url, { headers: this.headers(call) }), 'Delhivery', delhiveryMessage) as { packages?: PackingSlip[] } | null)?.packages?.[0];
    if (!slip?.wbn) throw new CourierRejected(`Delhivery has no packing slip for ${awb}`, this.code);
    return slip;
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
