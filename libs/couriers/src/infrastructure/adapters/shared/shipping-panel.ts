import type { HttpResult } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  NdrActionRequest,
  NdrActionResult,
  PartyAddress,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  ShipmentStatus,
  TrackingEvent,
} from '../../../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, InboundWebhook, WebhookMalformed, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { BearerSession } from './bearer-session';
import { indiaDate, singleBox, totalWeightGrams } from './booking-fields';
import { bearerJson, fieldsOf, listOf, requestJson, textOf } from './json-http';
import { cheapestPerService, distinctInOrder, positiveWhole, PROBE_BOX, serviceabilityByPaymentMode } from './live-quotes';
import { webhookJson } from './token-webhook';
import { trackingEvents } from './tracking-events';
import { expectOk, headerValue, hmacSha256, paiseFromRupees, parseIndiaTime, rupees, sameSecret } from './wire';

/**
 * Xpressbees' shipping API (shipment.xpressbees.com) and NimbusPost's API v1 publish one design, told apart by their
 * paths: e-mail/password login answering `{status: true, data: <token>}` (no lifetime given), Bearer calls answering
 * the envelope `{status, message, data}` (a refusal is `status: false`, often with HTTP 200), shipments in
 * grams/cm/rupees keyed on `order_number`, a courier serviceability call quoting the account's couriers on a lane,
 * tracking history newest first, a manifest call that books the pickup, NDR actions as a list of
 * `{awb, action, action_data}`, and status webhooks signed with an HMAC of the body.
 */
export interface ShippingPanelApi {
  paths: { login: string; serviceability: string; shipments: string; track: string; cancel: string; manifest: string; ndr: string };
  /** Header carrying the hex HMAC-SHA256 of the webhook body, keyed with the `webhookSecret` credential. */
  signatureHeader: string;
  mapStatus: (rawCode: string) => ShipmentStatus;
  /** The Shipcrowd service a quoted courier (`{id, name, ...}`) sells; null for one Shipcrowd does not book. */
  serviceOf: (quote: { id: string; name: string }) => string | null;
}

/** A lane as the serviceability call takes it: pincodes, payment type, the amount (rupees), grams and cm. */
export interface PanelLane {
  origin: string;
  destination: string;
  payment_type: 'prepaid' | 'cod';
  order_amount: number;
  weight: number;
  length: number;
  breadth: number;
  height: number;
}

/** A quote from the serviceability answer, in paise and grams, with the Shipcrowd service it sells. */
export interface PanelQuote extends CourierRate {
  courierId: string;
}

interface Envelope {
  status?: unknown;
  message?: unknown;
  data?: unknown;
}

/** Neither courier states a token lifetime: reuse a token for an hour, and log in again on any 401 before that. */
const TOKEN_REUSE_SECONDS = 3600;

/** What both couriers offer through this API; limits are each courier's own. */
export function panelCapabilities(limits: CourierCapabilities['limits']): CourierCapabilities {
  return {
    cod: true,
    reverse: false,
    multiPiece: false,
    b2b: false,
    pickupApi: true,
    cancel: true,
    webhookPush: true,
    trackingPull: true,
    rateApi: true,
    serviceabilityApi: true,
    packageUpdateApi: false,
    courierLabel: false,
    ndrActions: ['re_attempt', 'edit_details'],
    limits,
    refusedHandling: ['dangerous_goods'],
    insurance: true,
    labelSizes: ['4x6', 'a4'],
  };
}

/** The shipment body both couriers take; each adds its own fields (courier_id, collectable_amount ...). */
export function panelShipment(request: BookingRequest) {
  const box = singleBox(request);
  return {
    order_number: request.reference,
    shipping_charges: 0,
    discount: 0,
    cod_charges: 0,
    payment_type: request.paymentMode,
    order_amount: rupees(request.declaredValuePaise),
    package_weight: totalWeightGrams(request.packages),
    package_length: box.lengthCm,
    package_breadth: box.breadthCm,
    package_height: box.heightCm,
    request_auto_pickup: 'yes',
    consignee: panelAddress(request.consignee),
    pickup: { warehouse_name: request.pickup.warehouseCode, ...panelAddress(request.pickup), gst_number: request.pickup.gstin ?? '' },
    order_items: request.items.map((item) => ({ name: item.name, qty: String(item.quantity), price: rupees(item.unitPricePaise), sku: item.sku ?? '' })),
    is_insurance: request.insured ? '1' : '0',
  };
}

function panelAddress(party: PartyAddress) {
  const extra = [party.line2, party.landmark].filter(Boolean).join(', ');
  return { name: party.name, address: party.line1, address_2: extra, city: party.city, state: party.state, pincode: party.pincode, phone: party.phone };
}

function panelLane(query: ServiceabilityQuery, mode: 'prepaid' | 'cod', amountPaise: number, box: { lengthCm: number; breadthCm: number; heightCm: number }): PanelLane {
  return {
    origin: query.originPincode,
    destination: query.destinationPincode,
    payment_type: mode,
    order_amount: rupees(amountPaise),
    weight: query.weightGrams,
    length: box.lengthCm,
    breadth: box.breadthCm,
    height: box.heightCm,
  };
}

/** An adapter for a courier on this API: its subclass names the paths, capabilities, credentials and booking fields. */
export abstract class ShippingPanelAdapter extends CourierProvider {
  /** The API user's login, and the secret the seller sets for webhook signatures in the courier's panel. */
  readonly credentialFields = ['email', 'password', 'webhookSecret'] as const;
  protected abstract readonly api: ShippingPanelApi;
  private readonly session = new BearerSession((call) => this.login(call));

  /** One GET per AWB; AWBs the courier does not know are left out. */
  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const found = await Promise.all(
      awbs.map(async (awb) => {
        try {
          const { data } = await this.send(call, 'GET', `${this.api.paths.track}/${encodeURIComponent(awb)}`);
          return [awb, this.events(awb, data)] as const;
        } catch (error) {
          if (error instanceof CourierRejected) return null;
          throw error;
        }
      }),
    );
    return new Map(found.filter((entry) => entry !== null));
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const { message } = await this.send(call, 'POST', this.api.paths.cancel, { awb });
    return { cancelled: true, message: textOf(message) };
  }

  /** The manifest is how these couriers take a pickup request: the answer names the manifest and the pickup slot. */
  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const { data } = await this.send(call, 'POST', this.api.paths.manifest, { awbs: request.awbs }, { once: true });
    const manifest = fieldsOf(data);
    const at = parseIndiaTime(manifest.pickup_date);
    if (!textOf(manifest.manifest_id) || !at) throw new CourierRejected(`${this.code} answered the manifest without an id or pickup date`, undefined, data);
    return { pickupId: textOf(manifest.manifest_id)!, scheduledFor: at.toISOString() };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const { data } = await this.send(call, 'POST', this.api.paths.ndr, ndrItems(request), { once: true });
    const results = listOf(data).map(fieldsOf);
    const message = results.map((r) => textOf(r.message)).filter(Boolean).join('; ');
    return { accepted: results.length > 0 && results.every((r) => r.status === true), requestId: null, message: message || null };
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const secret = webhook.credentials.webhookSecret;
    if (!secret || !sameSecret(headerValue(webhook.headers, this.api.signatureHeader), hmacSha256(secret, webhook.rawBody))) throw new WebhookUnauthenticated();
    const scan = fieldsOf(webhookJson(webhook.rawBody));
    const awb = textOf(scan.awb_number);
    const events = awb ? this.events(awb, { history: [scan] }) : [];
    if (events.length === 0) throw new WebhookMalformed(`${this.code} webhook without awb_number, status_code or a readable event_time`);
    return events;
  }

  /** The lane asked for prepaid and for COD; the answer is for the query's payment mode (see serviceabilityByPaymentMode). */
  override serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    return serviceabilityByPaymentMode(query, async (mode) => {
      try {
        const quotes = await this.quotes(call, panelLane(query, mode, query.codAmountPaise, PROBE_BOX));
        return { services: distinctInOrder(quotes.map((q) => q.service)), reason: quotes.length ? null : `${this.code} quoted no courier on this lane` };
      } catch (error) {
        if (error instanceof CourierRejected) return { services: [], reason: error.message };
        throw error;
      }
    });
  }

  /** Per service, the cheapest courier quoted (the one a booking of that service takes). On COD the amount quoted on is the COD amount. */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    const amountPaise = query.paymentMode === 'cod' ? query.codAmountPaise : query.declaredValuePaise;
    const quotes = await this.quotes(call, panelLane(query, query.paymentMode, amountPaise, query));
    return cheapestPerService(quotes, query.service).map(({ courierId, ...rate }) => rate);
  }

  /** The account's couriers quoted on a lane (rupees become paise; couriers of no Shipcrowd service are left out). */
  protected async quotes(call: CourierCall, lane: PanelLane, options: { once?: boolean } = {}): Promise<PanelQuote[]> {
    const { data } = await this.send(call, 'POST', this.api.paths.serviceability, lane, options);
    return listOf(data)
      .map(fieldsOf)
      .flatMap((quote) => {
        const courierId = textOf(quote.id);
        const service = courierId ? this.api.serviceOf({ id: courierId, name: textOf(quote.name) ?? '' }) : null;
        const totalPaise = paiseFromRupees(quote.total_charges);
        if (!courierId || !service || totalPaise === null) return [];
        return [{
          courierId,
          service,
          totalPaise,
          freightPaise: paiseFromRupees(quote.freight_charges),
          codChargePaise: paiseFromRupees(quote.cod_charges),
          gstPaise: null,
          chargeableWeightGrams: positiveWhole(quote.chargeable_weight),
          expectedTransitDays: null,
        }];
      });
  }

  /** Books the shipment once (never retried) and reads the AWB from the answer. */
  protected async bookShipment(call: CourierCall, shipment: Record<string, unknown>): Promise<BookingResult> {
    const { data } = await this.send(call, 'POST', this.api.paths.shipments, shipment, { once: true });
    const booked = fieldsOf(data);
    const awb = textOf(booked.awb_number);
    if (!awb) throw new CourierRejected(`${this.code} answered the booking without an AWB`, undefined, data);
    return { awb, childAwbs: [], sortCode: null, courierShipmentId: textOf(booked.shipment_id) };
  }

  /** One Bearer call; answers the envelope when `status` is true, else throws the courier's message. */
  protected send(call: CourierCall, method: 'GET' | 'POST', path: string, body?: unknown, options: { once?: boolean } = {}): Promise<Envelope> {
    const http = options.once ? call.httpNoRetry : call.http;
    return bearerJson(this.session, call, { http, method, url: `${call.baseUrl}${path}`, body }, (result) => this.expectEnvelope(result));
  }

  /** A tracking answer's scans, oldest first (the courier lists them newest first). */
  protected events(awb: string, tracking: unknown): TrackingEvent[] {
    const scans = listOf(fieldsOf(tracking).history).map(fieldsOf).reverse();
    return trackingEvents(
      awb,
      this.api.mapStatus,
      scans.flatMap((scan) => {
        const rawCode = textOf(scan.status_code);
        return rawCode ? [{ rawCode, rawStatus: textOf(scan.status) ?? rawCode, location: textOf(scan.location), at: scan.event_time, remarks: textOf(scan.message) }] : [];
      }),
    );
  }

  private async login(call: CourierCall): Promise<{ token: string; expiresInSeconds: number }> {
    const { email, password } = call.credentials;
    const result = await requestJson(call.http, 'POST', `${call.baseUrl}${this.api.paths.login}`, { body: { email, password } });
    const body = fieldsOf(expectOk(result, this.code, envelopeMessage));
    const token = body.status === true ? textOf(body.data) : null;
    if (!token) throw new CourierAuthFailed(envelopeMessage(body) ?? `${this.code} refused the login`);
    return { token, expiresInSeconds: TOKEN_REUSE_SECONDS };
  }

  private expectEnvelope(result: HttpResult): Envelope {
    const body = fieldsOf(expectOk(result, this.code, envelopeMessage));
    if (body.status !== true) throw new CourierRejected(envelopeMessage(body) ?? `${this.code} refused the request`, undefined, result.body);
    return body;
  }
}

/** `message` is text, or Laravel-style validation errors keyed by field. */
function envelopeMessage(body: unknown): string | undefined {
  const message = fieldsOf(body).message;
  if (typeof message === 'string' && message) return message;
  if (message && typeof message === 'object') return Object.values(message).flat().map(String).join('; ');
  return undefined;
}

function ndrItems(request: NdrActionRequest): { awb: string; action: string; action_data: Record<string, string> }[] {
  const { awb } = request;
  if (request.action === 're_attempt') return [{ awb, action: 're-attempt', action_data: { re_attempt_date: request.date ?? indiaDate(new Date(Date.now() + 86_400_000)) } }];
  if (request.action !== 'edit_details') throw new CourierRejected(`NDR action ${request.action} is not offered through this API`);
  const details = request.details ?? {};
  const items = [];
  if (details.name || details.address) items.push({ awb, action: 'change_address', action_data: { name: details.name ?? '', address_1: details.address ?? '', address_2: details.landmark ?? '' } });
  if (details.phone) items.push({ awb, action: 'change_phone', action_data: { phone: details.phone } });
  if (items.length === 0) throw new CourierRejected('an NDR edit needs a new name, address or phone');
  return items;
}
