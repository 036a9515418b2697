import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, SimScan, StepCodes, WebhookPusher } from './parcel-book';
import { unserviceablePincode } from './sim-auth-helpers';
import { SimLabelLinks } from './sim-label-links';
import { simLabelPdf } from './sim-label-pdf';
import { rupees2, simLanePricing, simTransitDays } from './sim-pricing';

export interface ShiprocketSimulatorOptions {
  /** The API user's login (Shiprocket: Settings > API > Create an API user). */
  email: string;
  password: string;
  now?: () => Date;
}

/** Shiprocket's status ids and labels for the scripted steps (`sr-status`, `sr-status-label`). */
export const SHIPROCKET_STEP_CODES: StepCodes = {
  manifested: { code: '5', text: 'MANIFEST GENERATED' },
  pickup_scheduled: { code: '3', text: 'PICKUP SCHEDULED' },
  picked_up: { code: '42', text: 'PICKED UP' },
  in_transit: { code: '18', text: 'IN TRANSIT' },
  out_for_delivery: { code: '17', text: 'OUT FOR DELIVERY' },
  ndr: { code: '21', text: 'UNDELIVERED' },
  delivered: { code: '7', text: 'DELIVERED' },
  rto_initiated: { code: '9', text: 'RTO INITIATED' },
  rto_in_transit: { code: '46', text: 'RTO IN TRANSIT' },
  rto_delivered: { code: '10', text: 'RTO DELIVERED' },
  lost: { code: '12', text: 'LOST' },
  cancelled: { code: '8', text: 'CANCELED' },
};

/** The couriers the simulated account can allocate, with base rupees per 500 g before the zone (Shiprocket's serviceability answers a list like this). */
const COURIERS = [
  { courier_company_id: 14, courier_name: 'Xpressbees Surface', is_surface: true, perSlab: 31, recommended: true },
  { courier_company_id: 10, courier_name: 'Delhivery Surface', is_surface: true, perSlab: 29.5, recommended: false },
  { courier_company_id: 6, courier_name: 'Bluedart Air', is_surface: false, perSlab: 56, recommended: false },
];
const HUBS = ['Bengaluru Hub', 'Bhiwandi Gateway', 'Mumbai Delivery Centre'];
const TOKEN_LIFETIME_MS = 10 * 24 * 3600_000;

/** One `orders/create/adhoc` order as the simulator keeps it. */
interface ShiprocketOrder {
  orderId: number;
  shipmentId: number;
  /** The seller's order_id (Shipcrowd's reference). */
  channelOrderId: string;
  payload: Record<string, unknown>;
  awb: string | null;
  courier: (typeof COURIERS)[number] | null;
  cancelled: boolean;
  manifestUrl: string | null;
}

type Route = { method: string; pattern: RegExp; auth: boolean; handle: (request: SimRequest, match: RegExpMatchArray) => SimResponse | Promise<SimResponse> };

/** Shiprocket's "YYYY-MM-DD HH:mm:ss" (India time). */
const srTime = (at: Date) => new Date(at.getTime() + 5.5 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
/** The webhook's `current_timestamp`, "DD MM YYYY HH:mm:ss". */
const srWebhookTime = (at: Date) => srTime(at).replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3 $2 $1');
const fail = (status: number, message: string, extra: Record<string, unknown> = {}): SimResponse => ({ status, body: { message, status_code: status, ...extra } });

/**
 * Shiprocket's external API (apiv2.shiprocket.in/v1/external) as public clients use it: `POST auth/login` {email,
 * password} -> a bearer token valid 10 days (refused login: 400); every other call `Authorization: Bearer <token>`
 * (missing/expired: 401). Booking is two steps, `orders/create/adhoc` (the seller's `order_id` dedupes: the same
 * order_id answers the existing order) then `courier/assign/awb` {shipment_id, courier_id} with a courier picked from
 * `courier/serviceability/`; then `courier/generate/pickup`, `manifests/generate`, tracking `courier/track/awb/{awb}`
 * (activities newest first), `orders/cancel` {ids} (refused once picked up), `ndr/{awb}/action` {action: re-attempt |
 * return}, `courier/generate/label` {shipment_id: [...]} -> `label_url` of a PDF (served by the simulator without auth, as
 * Shiprocket's storage bucket does). Serviceability prices each courier by zone, 500 g slabs (dead or volumetric at /5000)
 * and a COD fee; a pincode nobody serves is a 404. Tracking pushes carry no signature: the seller sets a token
 * Shiprocket sends as `x-api-key`.
 */
export class ShiprocketSimulator implements CourierApiSimulator {
  readonly prefix = 'shiprocket';
  readonly parcels: ParcelBook<ShiprocketOrder>;
  readonly webhooks = new WebhookPusher();
  private readonly orders = new Map<number, ShiprocketOrder>();
  private readonly labels = new SimLabelLinks(this.prefix);
  private readonly tokens = new Map<string, number>();
  private readonly routes: Route[];
  private readonly now: () => Date;
  private nextId = 1_000_000 + (Math.floor(Date.now() / 1000) % 1_000_000);

  constructor(private readonly options: ShiprocketSimulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.parcels = new ParcelBook<ShiprocketOrder>({ awbPrefix: '1410', awbLength: 14, codes: SHIPROCKET_STEP_CODES, hubs: HUBS, now: this.now });
    const route = (method: string, pattern: RegExp, handle: Route['handle'], auth = true): Route => ({ method, pattern, auth, handle });
    this.routes = [
      route('POST', /^\/v1\/external\/auth\/login$/, (r) => this.login(r), false),
      route('GET', /^\/v1\/external\/courier\/serviceability$/, (r) => this.serviceability(r)),
      route('POST', /^\/v1\/external\/orders\/create\/adhoc$/, (r) => this.createOrder(r)),
      route('POST', /^\/v1\/external\/courier\/assign\/awb$/, (r) => this.assignAwb(r)),
      route('POST', /^\/v1\/external\/courier\/generate\/pickup$/, (r) => this.generatePickup(r)),
      route('POST', /^\/v1\/external\/manifests\/generate$/, (r) => this.generateManifest(r)),
      route('GET', /^\/v1\/external\/courier\/track\/awb\/([^/]+)$/, (_r, m) => this.track(m[1])),
      route('POST', /^\/v1\/external\/orders\/cancel$/, (r) => this.cancel(r)),
      route('POST', /^\/v1\/external\/ndr\/([^/]+)\/action$/, (r, m) => this.ndrAction(r, m[1])),
      route('POST', /^\/v1\/external\/courier\/generate\/label$/, (r) => this.generateLabel(r)),
      route('GET', /^\/label-files\/[\w-]+\.pdf$/, (r) => this.labels.serve(r, (key) => this.renderLabel(key)), false),
    ];
  }

  /** Every issued token stops working (as when ten days have passed). */
  expireTokens(): void {
    this.tokens.clear();
  }

  order(orderId: number): ShiprocketOrder | undefined {
    return this.orders.get(orderId);
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhooks.configure(url, (): Record<string, string> => (secret ? { 'x-api-key': secret } : {}));
  }

  async advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    const scans = this.parcels.advance(awb, steps);
    for (const scan of scans) await this.push(this.parcels.get(awb)!, scan);
    return scans.map(({ code, text }) => ({ code, text }));
  }

  serverErrorBody(status: number): unknown {
    return { message: 'Something went wrong. Please try again later.', status_code: status };
  }

  handle(request: SimRequest): SimResponse | Promise<SimResponse> {
    const path = request.path.replace(/\/+$/, '');
    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === request.method);
    if (!route) return candidates.length ? fail(405, 'The method is not supported for this route.') : fail(404, 'Not Found');
    if (route.auth) {
      const header = request.headers.authorization;
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!token) return fail(401, 'Token not provided');
      const expiresAt = this.tokens.get(token);
      if (!expiresAt || expiresAt < this.now().getTime()) return fail(401, 'Token has expired or is invalid');
    }
    return route.handle(request, path.match(route.pattern)!);
  }

  private login(request: SimRequest): SimResponse {
    const { email, password } = (request.json ?? {}) as { email?: string; password?: string };
    if (email !== this.options.email || password !== this.options.password) return fail(400, 'Invalid email and password combination');
    const token = `eyJhbGciOiJIUzI1NiJ9.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, this.now().getTime() + TOKEN_LIFETIME_MS);
    return { status: 200, body: { company_id: 4211, created_at: srTime(this.now()), email, first_name: 'API', id: 90012, last_name: 'User', token } };
  }

  private serviceability(request: SimRequest): SimResponse {
    const { pickup_postcode: origin = '', delivery_postcode: destination = '', weight, cod, declared_value: declared, length, breadth, height } = request.query;
    if (![origin, destination].every((p) => /^\d{6}$/.test(p)) || !(Number(weight) > 0)) {
      return fail(422, 'Oops! Invalid Data.', { errors: { delivery_postcode: ['pickup_postcode, delivery_postcode (6 digits) and weight (kg) are required.'] } });
    }
    if (unserviceablePincode(origin) || unserviceablePincode(destination)) return { status: 404, body: { status: 404, message: `Delivery postcode ${destination} is not serviceable from ${origin}` } };
    const box = { length: Number(length), breadth: Number(breadth), height: Number(height) };
    const priced = simLanePricing({ origin, destination, deadGrams: Number(weight) * 1000, box, codRupees: cod === '1' ? Number(declared) || 0 : null });
    const codCharges = priced.codFee;
    const available = COURIERS.map((c) => {
      const freight = priced.freight(c.perSlab);
      const days = simTransitDays(priced.zone, !c.is_surface);
      return {
        courier_company_id: c.courier_company_id,
        courier_name: c.courier_name,
        is_surface: c.is_surface,
        freight_charge: freight,
        cod_charges: codCharges,
        coverage_charges: 0,
        other_charges: 0,
        rate: rupees2(freight + codCharges),
        rto_charges: freight,
        charge_weight: priced.slabGrams / 1000,
        min_weight: 0.5,
        cod: 1,
        pickup_availability: '1',
        odablock: false,
        zone: `z_${priced.zone.toLowerCase()}`,
        estimated_delivery_days: String(days),
        etd: srTime(new Date(this.now().getTime() + days * 86_400_000)).slice(0, 10),
      };
    });
    return { status: 200, body: { status: 200, currency: 'INR', data: { available_courier_companies: available, recommended_courier_company_id: COURIERS.find((c) => c.recommended)!.courier_company_id } } };
  }

  private createOrder(request: SimRequest): SimResponse {
    const order = (request.json ?? {}) as Record<string, unknown>;
    const errors = orderErrors(order);
    if (Object.keys(errors).length) return fail(422, 'Oops! Invalid Data.', { errors });
    const channelOrderId = String(order.order_id);
    const existing = [...this.orders.values()].find((o) => o.channelOrderId === channelOrderId && !o.cancelled);
    const kept = existing ?? { orderId: ++this.nextId, shipmentId: ++this.nextId, channelOrderId, payload: order, awb: null, courier: null, cancelled: false, manifestUrl: null };
    this.orders.set(kept.orderId, kept);
    return {
      status: 200,
      body: { order_id: kept.orderId, shipment_id: kept.shipmentId, status: kept.awb ? 'AWB ASSIGNED' : 'NEW', status_code: kept.awb ? 3 : 1, onboarding_completed_now: 0, awb_code: kept.awb ?? '', courier_company_id: kept.courier?.courier_company_id ?? '', courier_name: kept.courier?.courier_name ?? '' },
    };
  }

  private assignAwb(request: SimRequest): SimResponse {
    const { shipment_id: shipmentId, courier_id: courierId } = (request.json ?? {}) as { shipment_id?: number; courier_id?: number };
    const order = this.byShipment(Number(shipmentId));
    if (!order || order.cancelled) return fail(400, 'Invalid shipment id or the order is cancelled');
    const refuse = (why: string) => ({ status: 200, body: { awb_assign_status: 0, response: { data: { awb_assign_error: why } } } });
    if (order.awb) return refuse(`AWB ${order.awb} is already assigned to this shipment`);
    const courier = courierId == null ? COURIERS.find((c) => c.recommended)! : COURIERS.find((c) => c.courier_company_id === Number(courierId));
    if (!courier) return refuse('Selected courier is not serviceable for this shipment');
    const payload = order.payload;
    order.awb = this.parcels.book(order.channelOrderId, order, {}).parcel.awb;
    order.courier = courier;
    return {
      status: 200,
      body: {
        awb_assign_status: 1,
        response: {
          data: {
            courier_company_id: courier.courier_company_id,
            awb_code: order.awb,
            cod: payload.payment_method === 'COD' ? 1 : 0,
            order_id: order.orderId,
            shipment_id: order.shipmentId,
            awb_code_status: 1,
            assigned_date_time: { date: `${srTime(this.now())}.000000`, timezone_type: 3, timezone: 'Asia/Kolkata' },
            applied_weight: Number(payload.weight),
            courier_name: courier.courier_name,
            routing_code: routingCodeOf(payload),
            rto_routing_code: 'KA/560',
            pickup_scheduled_date: null,
          },
        },
      },
    };
  }

  private async generatePickup(request: SimRequest): Promise<SimResponse> {
    const { shipment_id: ids, pickup_date: dates } = (request.json ?? {}) as { shipment_id?: unknown; pickup_date?: unknown };
    const orders = Array.isArray(ids) ? ids.map((id) => this.byShipment(Number(id))) : [];
    if (orders.length === 0 || orders.some((o) => !o?.awb || o.cancelled)) return fail(400, 'Please assign AWB to every shipment before generating the pickup');
    const awbs = orders.map((o) => o!.awb!);
    if (awbs.some((awb) => this.parcels.get(awb)?.pickupId)) return fail(400, 'Already in Pickup Queue.');
    const pickupId = this.parcels.schedulePickup(awbs);
    for (const awb of awbs) await this.push(this.parcels.get(awb)!, this.parcels.lastScan(awb)!);
    const day = Array.isArray(dates) && /^\d{4}-\d{2}-\d{2}$/.test(String(dates[0])) ? String(dates[0]) : srTime(new Date(this.now().getTime() + 86_400_000)).slice(0, 10);
    const scheduled = `${day} 12:00:00`;
    return {
      status: 200,
      body: {
        pickup_status: 1,
        response: {
          pickup_scheduled_date: scheduled,
          pickup_token_number: `Reference No: ${pickupId}_SHIPCROWD ${awbs.length}`,
          status: 3,
          others: `{"pickup_id": ${pickupId}}`,
          pickup_generated_date: { date: `${srTime(this.now())}.000000`, timezone_type: 3, timezone: 'Asia/Kolkata' },
          data: `Pickup is scheduled for ${scheduled}`,
        },
      },
    };
  }

  private generateManifest(request: SimRequest): SimResponse {
    const ids = (request.json as { shipment_id?: unknown } | undefined)?.shipment_id;
    const orders = Array.isArray(ids) ? ids.map((id) => this.byShipment(Number(id))) : [];
    if (orders.length === 0 || orders.some((o) => !o?.awb || !this.parcels.get(o.awb)?.pickupId)) return fail(400, 'Pickup is not generated for every shipment. Generate the pickup first.');
    const url = `https://sr-manifest.s3.ap-south-1.amazonaws.com/manifest/${orders[0]!.shipmentId}.pdf`;
    for (const order of orders) order!.manifestUrl ??= url;
    return { status: 200, body: { status: 1, manifest_url: orders[0]!.manifestUrl } };
  }

  private track(awb: string): SimResponse {
    const parcel = this.parcels.get(decodeURIComponent(awb));
    if (!parcel) {
      return { status: 200, body: { tracking_data: { track_status: 0, shipment_status: 0, shipment_track: [], shipment_track_activities: null, error: `Aahh! There is no activities found in our DB. Please have some patience it will be updated soon.` } } };
    }
    const order = parcel.booking;
    const last = parcel.scans.at(-1);
    const activities = [...parcel.scans].reverse().map((scan) => this.activity(scan));
    return {
      status: 200,
      body: {
        tracking_data: {
          track_status: activities.length ? 1 : 0,
          shipment_status: Number(last?.code ?? 1),
          shipment_track: [
            {
              id: order.shipmentId + 7,
              awb_code: parcel.awb,
              courier_company_id: order.courier?.courier_company_id,
              shipment_id: order.shipmentId,
              order_id: order.orderId,
              pickup_date: parcel.scans.find((s) => s.step === 'picked_up') ? srTime(parcel.scans.find((s) => s.step === 'picked_up')!.at) : null,
              delivered_date: last?.step === 'delivered' ? srTime(last.at) : null,
              weight: String(parcel.measuredWeightGrams ? parcel.measuredWeightGrams / 1000 : order.payload.weight),
              packages: 1,
              current_status: last?.text ?? 'AWB ASSIGNED',
              delivered_to: String(order.payload.billing_city ?? ''),
              destination: String(order.payload.billing_city ?? ''),
              consignee_name: String(order.payload.billing_customer_name ?? ''),
              origin: HUBS[0],
              courier_agent_details: null,
              courier_name: order.courier?.courier_name,
              edd: null,
            },
          ],
          shipment_track_activities: activities.length ? activities : null,
          track_url: `https://shiprocket.co/tracking/${parcel.awb}`,
          etd: srTime(new Date(parcel.bookedAt.getTime() + 5 * 86_400_000)),
        },
      },
    };
  }

  private cancel(request: SimRequest): SimResponse {
    const ids = (request.json as { ids?: unknown } | undefined)?.ids;
    const orders = Array.isArray(ids) ? ids.map((id) => this.orders.get(Number(id))) : [];
    if (orders.length === 0 || orders.some((o) => !o)) return fail(400, 'Invalid order ids');
    for (const order of orders) {
      const outcome = order!.awb ? this.parcels.cancel(order!.awb) : 'cancelled';
      if (outcome === 'too_late') return fail(400, `Order ${order!.orderId} cannot be cancelled: the shipment is already picked up`);
    }
    for (const order of orders) order!.cancelled = true;
    return { status: 200, body: { status: 200, message: 'Order cancelled successfully.' } };
  }

  private ndrAction(request: SimRequest, awb: string): SimResponse {
    const { action } = (request.json ?? {}) as { action?: string };
    if (action !== 're-attempt' && action !== 'return') return fail(422, 'Oops! Invalid Data.', { errors: { action: ['The selected action is invalid (re-attempt, return).'] } });
    const parcel = this.parcels.get(decodeURIComponent(awb));
    if (!parcel || parcel.scans.at(-1)?.step !== 'ndr') return fail(400, 'No NDR is pending for this AWB');
    return { status: 200, body: { status: true, message: `Action ${action} submitted successfully` } };
  }

  /** One label file for the shipments that have an AWB; the answer links to it. */
  private generateLabel(request: SimRequest): SimResponse {
    const ids = (request.json as { shipment_id?: unknown } | undefined)?.shipment_id;
    if (!Array.isArray(ids) || ids.length === 0) return fail(422, 'Oops! Invalid Data.', { errors: { shipment_id: ['The shipment id field is required.'] } });
    const labelled = ids.map(Number).filter((id) => {
      const order = this.byShipment(id);
      return order?.awb && !order.cancelled;
    });
    const notCreated = ids.map(Number).filter((id) => !labelled.includes(id));
    if (labelled.length === 0) return { status: 200, body: { label_created: 0, label_url: '', response: 'Label could not be generated: no AWB is assigned to these shipments', not_created: notCreated } };
    return { status: 200, body: { label_created: 1, label_url: this.labels.link(request, labelled.join(',')), response: 'Label has been created and uploaded successfully!', not_created: notCreated } };
  }

  /** The label PDF of a link's shipments (a comma-separated list of shipment ids); none once a shipment is gone. */
  private renderLabel(key: string): Buffer | undefined {
    const orders = key.split(',').map((id) => this.byShipment(Number(id)));
    if (orders.some((order) => !order?.awb)) return undefined;
    return simLabelPdf(
      orders.flatMap((order) => {
        const p = order!.payload;
        return [`SHIPROCKET - ${order!.courier?.courier_name ?? ''}`, `AWB ${order!.awb}`, `Routing ${routingCodeOf(p)}`, `Order ${order!.channelOrderId}`, String(p.payment_method), `To: ${String(p.billing_customer_name)} ${String(p.billing_last_name ?? '')}`, `${String(p.billing_city)} ${String(p.billing_pincode)}`];
      }),
    );
  }

  private byShipment(shipmentId: number): ShiprocketOrder | undefined {
    return [...this.orders.values()].find((o) => o.shipmentId === shipmentId);
  }

  private activity(scan: SimScan): Record<string, unknown> {
    return { date: srTime(scan.at), status: scan.text.replace(/ /g, '_'), activity: scan.reason ?? scan.text, location: scan.location, 'sr-status': scan.code, 'sr-status-label': scan.text };
  }

  private async push(parcel: SimParcel<ShiprocketOrder>, scan: SimScan): Promise<void> {
    const order = parcel.booking;
    await this.webhooks.push({
      awb: parcel.awb,
      courier_name: order.courier?.courier_name,
      current_status: scan.text,
      current_status_id: Number(scan.code),
      shipment_status: scan.text,
      shipment_status_id: Number(scan.code),
      current_timestamp: srWebhookTime(scan.at),
      order_id: order.channelOrderId,
      sr_order_id: order.orderId,
      awb_assigned_date: srTime(parcel.bookedAt),
      pickup_scheduled_date: null,
      etd: srTime(new Date(parcel.bookedAt.getTime() + 5 * 86_400_000)),
      scans: parcel.scans.map((s) => this.activity(s)),
      is_return: ['rto_initiated', 'rto_in_transit', 'rto_delivered'].includes(scan.step) ? 1 : 0,
      channel_id: 0,
      pod_status: '',
      pod: 'Not Available',
    });
  }
}

/** The routing code Shiprocket returns on AWB assignment (state / pincode prefix). */
function routingCodeOf(payload: Record<string, unknown>): string {
  return `${String(payload.billing_state ?? 'XX').slice(0, 2).toUpperCase()}/${String(payload.billing_pincode).slice(0, 3)}`;
}

/** Shiprocket's validation of an adhoc order, worded as its `errors` map. */
function orderErrors(order: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) errors[field] = [message];
  };
  const present = (field: string) => String(order[field] ?? '').trim() !== '';
  for (const field of ['order_id', 'order_date', 'pickup_location', 'billing_customer_name', 'billing_address', 'billing_city', 'billing_state', 'billing_country']) {
    need(field, present(field), `The ${field.replace(/_/g, ' ')} field is required.`);
  }
  need('billing_pincode', /^[1-9]\d{5}$/.test(String(order.billing_pincode ?? '')), 'The billing pincode must be a valid 6 digit pincode.');
  need('billing_phone', /^\d{10}$/.test(String(order.billing_phone ?? '')), 'The billing phone must be 10 digits.');
  need('payment_method', order.payment_method === 'Prepaid' || order.payment_method === 'COD', 'The selected payment method is invalid.');
  need('order_items', Array.isArray(order.order_items) && order.order_items.length > 0, 'The order items field is required.');
  need('sub_total', Number(order.sub_total) > 0, 'The sub total must be greater than 0.');
  for (const field of ['length', 'breadth', 'height']) need(field, Number(order[field]) >= 0.5, `The ${field} must be at least 0.5.`);
  need('weight', Number(order.weight) > 0, 'The weight must be greater than 0.');
  return errors;
}
