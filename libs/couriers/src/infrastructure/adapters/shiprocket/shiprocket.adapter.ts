import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  NdrActionKind,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PickupResult,
  TrackingEvent,
} from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook } from '../../../application/ports/courier-provider';
import { BearerJsonApi } from '../shared/bearer-json-api';
import { totalWeightGrams } from '../shared/booking-fields';
import { requireWebhookToken, webhookJson } from '../shared/token-webhook';
import { kilograms, parseIndiaTime } from '../shared/wire';
import { shiprocketMessage, shiprocketOrder, shiprocketPushedEvent, shiprocketTrackedEvents } from './shiprocket.payloads';

interface TrackingAnswer {
  tracking_data?: { shipment_track?: { shipment_id?: number; order_id?: number }[]; shipment_track_activities?: Parameters<typeof shiprocketTrackedEvents>[1] };
}
interface AssignAnswer {
  awb_assign_status?: number;
  response?: { data?: { awb_code?: string; routing_code?: string; awb_assign_error?: string } };
}
interface Serviceability {
  data?: { available_courier_companies?: { courier_company_id: number; is_surface?: boolean; rate?: number }[]; recommended_courier_company_id?: number };
}

const NDR_ACTION: Partial<Record<NdrActionKind, string>> = { re_attempt: 're-attempt', rto: 'return' };
const API = '/v1/external';

/**
 * Shiprocket as an upstream aggregator, over its external API: login (email/password of an API user) for a bearer
 * token valid 10 days, cached per account and renewed once on a 401; booking = adhoc order (the reference as
 * `order_id`) + AWB assignment to a surface or air courier chosen from serviceability; pickup + manifest; tracking by
 * AWB; order cancel; NDR re-attempt / return. Pushes are authenticated by the `x-api-key` token the seller sets in
 * Shiprocket's webhook settings (Shiprocket signs nothing). See README.md.
 */
export class ShiprocketAdapter extends CourierProvider {
  readonly code = 'shiprocket' as const;
  readonly credentialFields = ['email', 'password', 'webhookSecret'] as const;
  readonly sandboxCredentials = { email: 'api-user@shipcrowd.test', password: 'sandbox-shiprocket-password', webhookSecret: 'sandbox-shiprocket-webhook-token' };
  readonly liveBaseUrl = 'https://apiv2.shiprocket.in';
  readonly capabilities: CourierCapabilities = {
    cod: true,
    reverse: false,
    multiPiece: false,
    b2b: false,
    pickupApi: true,
    cancel: true,
    webhookPush: true,
    trackingPull: true,
    rateApi: true,
    ndrActions: ['re_attempt', 'rto'],
    limits: { maxWeightGrams: 50_000, maxLengthCm: 150, maxCodPaise: 5_000_000, maxPieces: 1 },
    refusedHandling: ['dangerous_goods'],
    insurance: false,
    labelSizes: ['4x6', 'a4'],
  };

  private readonly api = new BearerJsonApi(
    'Shiprocket',
    { path: `${API}/auth/login`, body: (c) => ({ email: c.email, password: c.password }), tokenOf: (a) => (a as { token?: string }).token, expiresInSeconds: 10 * 24 * 3600 },
    shiprocketMessage,
  );

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const order = (await this.api.send(call, 'POST', `${API}/orders/create/adhoc`, shiprocketOrder(request, this.now()))) as { shipment_id?: number; awb_code?: string };
    if (!order.shipment_id) throw new CourierRejected(shiprocketMessage(order) ?? 'Shiprocket did not create the order', this.code, order);
    const shipmentId = String(order.shipment_id);
    // The same order_id answers the existing order: a booking retried after its AWB was assigned gets that AWB back.
    if (order.awb_code) return { awb: String(order.awb_code), childAwbs: [], sortCode: null, courierShipmentId: shipmentId };
    const courierId = await this.chooseCourier(call, request);
    const assigned = (await this.api.send(call, 'POST', `${API}/courier/assign/awb`, { shipment_id: order.shipment_id, courier_id: courierId })) as AssignAnswer;
    const data = assigned.response?.data;
    if (assigned.awb_assign_status !== 1 || !data?.awb_code) throw new CourierRejected(data?.awb_assign_error ?? shiprocketMessage(assigned) ?? 'Shiprocket did not assign an AWB', this.code, assigned);
    return { awb: String(data.awb_code), childAwbs: [], sortCode: data.routing_code || null, courierShipmentId: shipmentId };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const awb of awbs) {
      const data = (await this.tracking(call, awb)).tracking_data;
      if (data?.shipment_track?.length) tracked.set(awb, shiprocketTrackedEvents(awb, data.shipment_track_activities));
    }
    return tracked;
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    requireWebhookToken(webhook.headers, 'x-api-key', webhook.credentials.webhookSecret);
    return [shiprocketPushedEvent(webhookJson(webhook.rawBody))];
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const { order_id: orderId } = await this.shipment(call, awb);
    const answer = (await this.api.send(call, 'POST', `${API}/orders/cancel`, { ids: [orderId] }, { retry: true })) as { message?: string };
    return { cancelled: true, message: answer.message ?? null };
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const ids = await Promise.all(request.awbs.map(async (awb) => (await this.shipment(call, awb)).shipment_id));
    const answer = (await this.api.send(call, 'POST', `${API}/courier/generate/pickup`, { shipment_id: ids, pickup_date: [request.pickupDate] })) as {
      pickup_status?: number;
      response?: { pickup_token_number?: string; pickup_scheduled_date?: string };
    };
    if (answer.pickup_status !== 1 || !answer.response?.pickup_token_number) throw new CourierRejected(shiprocketMessage(answer) ?? 'Shiprocket did not generate the pickup', this.code, answer);
    await this.api.send(call, 'POST', `${API}/manifests/generate`, { shipment_id: ids });
    const scheduled = parseIndiaTime(answer.response.pickup_scheduled_date) ?? parseIndiaTime(`${request.pickupDate} ${request.pickupTime}`);
    return { pickupId: answer.response.pickup_token_number, scheduledFor: (scheduled ?? this.now()).toISOString() };
  }

  override async ndrAction(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult> {
    const action = NDR_ACTION[request.action];
    if (!action) throw new CourierRejected(`Shiprocket offers only re-attempt and return, not ${request.action}`, this.code);
    const body = { action, comments: request.remarks ?? (action === 'return' ? 'Return to origin requested' : 'Please re-attempt the delivery') };
    const answer = (await this.api.send(call, 'POST', `${API}/ndr/${encodeURIComponent(request.awb)}/action`, body)) as { message?: string };
    return { accepted: true, requestId: null, message: answer.message ?? null };
  }

  /** A surface or air courier (by service) from the serviceability answer: Shiprocket's recommendation, else the cheapest. */
  private async chooseCourier(call: CourierCall, request: BookingRequest): Promise<number> {
    const query = new URLSearchParams({ pickup_postcode: request.pickup.pincode, delivery_postcode: request.consignee.pincode, weight: String(kilograms(totalWeightGrams(request.packages))), cod: request.paymentMode === 'cod' ? '1' : '0' });
    const answer = (await this.api.send(call, 'GET', `${API}/courier/serviceability/?${query.toString()}`)) as Serviceability;
    const air = request.service === 'express';
    const matching = (answer.data?.available_courier_companies ?? []).filter((c) => Boolean(c.is_surface) !== air);
    const chosen = matching.find((c) => c.courier_company_id === answer.data?.recommended_courier_company_id) ?? [...matching].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))[0];
    if (!chosen) throw new CourierRejected(`Shiprocket has no ${air ? 'air' : 'surface'} courier from ${request.pickup.pincode} to ${request.consignee.pincode}`, this.code, answer);
    return chosen.courier_company_id;
  }

  private tracking(call: CourierCall, awb: string): Promise<TrackingAnswer> {
    return this.api.send(call, 'GET', `${API}/courier/track/awb/${encodeURIComponent(awb)}`) as Promise<TrackingAnswer>;
  }

  /** Shiprocket's pickup, label and cancel calls take its own ids; tracking by AWB gives them. */
  private async shipment(call: CourierCall, awb: string): Promise<{ shipment_id: number; order_id: number }> {
    const track = (await this.tracking(call, awb)).tracking_data?.shipment_track?.[0];
    if (track?.shipment_id == null || track.order_id == null) throw new CourierRejected(`Shiprocket does not know AWB ${awb}`, this.code);
    return { shipment_id: track.shipment_id, order_id: track.order_id };
  }
}
