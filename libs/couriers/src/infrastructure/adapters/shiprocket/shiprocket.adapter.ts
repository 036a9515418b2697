import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  NdrActionKind,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook } from '../../../application/ports/courier-provider';
import { BearerJsonApi } from '../shared/bearer-json-api';
import { totalWeightGrams } from '../shared/booking-fields';
import { fetchLabelPdf } from '../shared/courier-label';
import { withQuery } from '../shared/json-http';
import { requireWebhookToken, webhookJson } from '../shared/token-webhook';
import { parseIndiaTime, rupees } from '../shared/wire';
import {
  chooseCourier,
  laneQuery,
  Serviceability,
  shiprocketLaneAnswer,
  shiprocketMessage,
  shiprocketOrder,
  shiprocketPushedEvent,
  shiprocketRate,
  shiprocketTrackedEvents,
} from './shiprocket.payloads';

interface TrackingAnswer {
  tracking_data?: { shipment_track?: { shipment_id?: number; order_id?: number }[]; shipment_track_activities?: Parameters<typeof shiprocketTrackedEvents>[1] };
}
interface AssignAnswer {
  awb_assign_status?: number;
  response?: { data?: { awb_code?: string; routing_code?: string; awb_assign_error?: string } };
}
interface LabelAnswer {
  label_created?: number;
  label_url?: string;
  response?: string;
  not_created?: unknown[];
}

const NDR_ACTION: Partial<Record<NdrActionKind, string>> = { re_attempt: 're-attempt', rto: 'return' };
const API = '/v1/external';

/**
 * Shiprocket as an upstream aggregator, over its external API: login (email/password of an API user) for a bearer
 * token valid 10 days, cached per account and renewed once on a 401; booking = adhoc order (the reference as
 * `order_id`) + AWB assignment to a surface or air courier chosen from serviceability; the same serviceability call
 * answers lane checks and rates; pickup + manifest; tracking by AWB; order cancel; NDR re-attempt / return; the
 * label Shiprocket renders (a PDF link). Pushes are authenticated by the `x-api-key` token the seller sets in
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
    serviceabilityApi: true,
    packageUpdateApi: false,
    courierLabel: true,
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
    const air = request.service === 'express';
    const lane = await this.lane(call, laneQuery(request.pickup.pincode, request.consignee.pincode, totalWeightGrams(request.packages), request.paymentMode));
    const chosen = chooseCourier(lane, air);
    if (!chosen) throw new CourierRejected(`Shiprocket has no ${air ? 'air' : 'surface'} courier from ${request.pickup.pincode} to ${request.consignee.pincode}`, this.code, lane);
    const courierId = chosen.courier_company_id;
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

  /** Shiprocket's couriers on the lane; a pair nobody serves is Shiprocket's 404, answered here as not serviceable. */
  override async serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    try {
      const lane = await this.lane(call, { ...laneQuery(query.originPincode, query.destinationPincode, query.weightGrams, query.paymentMode), is_return: query.reverse ? '1' : null });
      return shiprocketLaneAnswer(lane, query);
    } catch (error) {
      if (error instanceof CourierRejected && error.courierCode === '404') {
        return { serviceable: false, prepaid: false, cod: false, pickup: false, reverse: false, oda: false, services: [], expectedTransitDays: null, reason: error.message };
      }
      throw error;
    }
  }

  /** Per service, the price of the courier a booking would take (Shiprocket's recommendation of that mode, else the cheapest). */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    const lane = await this.lane(call, {
      ...laneQuery(query.originPincode, query.destinationPincode, query.weightGrams, query.paymentMode),
      declared_value: String(rupees(query.paymentMode === 'cod' ? query.codAmountPaise : query.declaredValuePaise)),
      length: String(query.lengthCm),
      breadth: String(query.breadthCm),
      height: String(query.heightCm),
    });
    return ['surface', 'express'].flatMap((service) => {
      if (query.service && query.service !== service) return [];
      const chosen = chooseCourier(lane, service === 'express');
      return (chosen && shiprocketRate(service, chosen)) || [];
    });
  }

  /** `courier/generate/label` for the AWB's shipment answers a link to the PDF Shiprocket rendered; the PDF is fetched from it. */
  override async courierLabel(call: CourierCall, awb: string): Promise<Buffer> {
    const { shipment_id: shipmentId } = await this.shipment(call, awb);
    const answer = (await this.api.send(call, 'POST', `${API}/courier/generate/label`, { shipment_id: [shipmentId] }, { retry: true })) as LabelAnswer;
    if (answer.label_created !== 1 || !answer.label_url) throw new CourierRejected(answer.response ?? shiprocketMessage(answer) ?? `Shiprocket rendered no label for AWB ${awb}`, this.code, answer);
    return fetchLabelPdf(call, answer.label_url, 'Shiprocket');
  }

  private lane(call: CourierCall, params: Record<string, string | null>): Promise<Serviceability> {
    return this.api.send(call, 'GET', withQuery(`${API}/courier/serviceability/`, params)) as Promise<Serviceability>;
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
