import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, SimScan, StepCodes, WebhookPusher, scenarioFromMarkers } from './parcel-book';
import { SimTokenIssuer, advanceAndPush, bearerTokenOf, istText, jsonBody, missingFields, signBody, unserviceablePincode } from './sim-auth-helpers';
import { rupees2, simLanePricing, simTransitDays } from './sim-pricing';

export interface SmartShipSimulatorOptions {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

/** One `orders[]` entry of orderRegistrationOneStep as SmartShip received it. */
export type SmartShipOrder = Record<string, unknown>;

const FULFILMENT = '/v2/app/Fulfillmentservice';
export const SMARTSHIP_SIGNATURE_HEADER = 'x-smartship-signature';

const CODES: StepCodes = {
  manifested: { code: '4', text: 'Manifested' },
  pickup_scheduled: { code: '24', text: 'Courier Assigned' },
  picked_up: { code: '36', text: 'Handed Over to Courier' },
  in_transit: { code: '27', text: 'In Transit' },
  out_for_delivery: { code: '30', text: 'Out For Delivery' },
  ndr: { code: '23', text: 'Delivery Attempted - Others' },
  delivered: { code: '11', text: 'Delivered' },
  rto_initiated: { code: '18', text: 'Return To Origin' },
  rto_in_transit: { code: '28', text: 'RTO In Transit' },
  rto_delivered: { code: '19', text: 'RTO Delivered To Shipper' },
  lost: { code: '189', text: 'Forward Shipment Lost' },
  cancelled: { code: '185', text: 'Cancelled By Client' },
};

/** SmartShip words a failed delivery with a reason-specific Delivery Attempted code. */
const NDR_CODES: Readonly<Record<string, { code: string; text: string }>> = {
  'Consignee unavailable': { code: '15', text: 'Delivery Attempted-Customer Not Available/Contactable' },
  'Address incomplete': { code: '13', text: 'Delivery Attempted-Address Issue / Wrong Address' },
  'Customer refused delivery': { code: '16', text: 'Delivery Attempted-Customer Refused To Accept Delivery' },
  'COD amount not ready': { code: '14', text: 'Delivery Attempted-COD Not ready' },
};

/** The carriers the simulated account ships with (`preferred_carriers` ids), base rupees per 500 g before the zone. */
const CARRIERS = [
  { id: 279, name: 'Bluedart Surface', air: false, perSlab: 34 },
  { id: 282, name: 'Bluedart Air', air: true, perSlab: 60 },
];

const REQUIRED = ['client_order_reference_id', 'payment_type', 'package_order_weight', 'shipper_hub_id'];
const REQUIRED_CONSIGNEE = ['consignee_name', 'consignee_phone', 'consignee_complete_address', 'consignee_pincode'];

const ok = (data: unknown, message = 'OK'): SimResponse => ({ status: 200, body: { status: 1, code: 200, message, data } });

/**
 * SmartShip's API as its public clients use it: an OAuth password grant (`POST /loginToken.php`, served on
 * oauth.smartship.in in production) answering `{access_token, token_type, expires_in}`; bearer-authenticated
 * `/v2/app/Fulfillmentservice/*` calls keyed by `client_order_reference_id` (orderRegistrationOneStep,
 * orderCancellation, orderReattempt, createManifest) and `GET /v1/Trackorder?tracking_numbers=` with rows newest
 * first (`date_time` as YYYY-MM-DD HH:mm:ss IST), and ServiceabilityHubWise (`{request_info: {cost_info}, order_info}` ->
 * `data.serviceability_status`, `data.carrier_info[]`, charges in rupees with GST when cost_info is asked: modelled).
 * Envelopes are `{status: 1, code: 200, message, data}`. Each scan
 * is pushed as `{awbno, status, status_description, ...}`, signed in `x-smartship-signature` (modelled).
 */
export class SmartShipSimulator implements CourierApiSimulator {
  readonly prefix = 'smartship';
  readonly book = new ParcelBook<SmartShipOrder>({ awbPrefix: '7714', awbLength: 11, codes: CODES, hubs: ['Bengaluru Hub', 'Bhiwandi Gateway', 'Mumbai DC'] });
  readonly tokens = new SimTokenIssuer(3600);
  readonly webhooks = new WebhookPusher();
  private readonly account: SmartShipSimulatorOptions;

  constructor(options: Partial<SmartShipSimulatorOptions> = {}) {
    this.account = {
      username: options.username ?? 'sandbox@shipcrowd.test',
      password: options.password ?? 'sandbox-smartship-password',
      clientId: options.clientId ?? 'SANDBOXSMARTSHIPCLIENT',
      clientSecret: options.clientSecret ?? 'sandbox-smartship-secret',
    };
  }

  serverErrorBody(status: number): unknown {
    return { status: 0, code: status, message: 'Internal Server Error', data: [] };
  }

  handle(request: SimRequest): SimResponse {
    if (request.path === '/loginToken.php' && request.method === 'POST') return this.login(request);
    if (!this.tokens.accepts(bearerTokenOf(request))) return { status: 401, body: { status: 0, code: 401, message: 'Unauthorized access', data: [] } };
    const body = jsonBody(request);
    switch (`${request.method} ${request.path}`) {
      case `POST ${FULFILMENT}/orderRegistrationOneStep`:
        return this.register(body);
      case 'GET /v1/Trackorder':
        return this.trackOrder(request.query);
      case `POST ${FULFILMENT}/orderCancellation`:
        return this.cancel(body);
      case `POST ${FULFILMENT}/orderReattempt`:
        return this.reattempt(body);
      case `POST ${FULFILMENT}/createManifest`:
        return this.manifest(body);
      case `POST ${FULFILMENT}/ServiceabilityHubWise`:
        return this.hubWise(body);
      default:
        return { status: 404, body: { status: 0, code: 404, message: 'Not Found', data: [] } };
    }
  }

  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.book, awb, steps, (scan, parcel) => this.webhooks.push(this.webhookOf(scan, parcel)));
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhooks.configure(url, (body): Record<string, string> => (secret ? { [SMARTSHIP_SIGNATURE_HEADER]: signBody(secret, body) } : {}));
  }

  private login(request: SimRequest): SimResponse {
    const f = request.fields;
    const { username, password, clientId, clientSecret } = this.account;
    if (f.client_id !== clientId || f.client_secret !== clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'The client credentials are invalid' } };
    if (f.grant_type !== 'password' || f.username !== username || f.password !== password) {
      return { status: 401, body: { error: 'invalid_grant', error_description: 'Invalid username and password combination' } };
    }
    return { status: 200, body: { access_token: this.tokens.issue(), expires_in: this.tokens.ttlSeconds, token_type: 'Bearer', scope: null } };
  }

  private register(body: Record<string, unknown>): SimResponse {
    const placed: Record<string, unknown>[] = [];
    const duplicates: Record<string, unknown> = {};
    const discrepancies: Record<string, unknown>[] = [];
    for (const order of Array.isArray(body.orders) ? (body.orders as SmartShipOrder[]) : []) {
      const reference = String(order.client_order_reference_id ?? '');
      const consignee = (order.consignee_details ?? {}) as Record<string, unknown>;
      const problems = [...missingFields(order, REQUIRED), ...missingFields(consignee, REQUIRED_CONSIGNEE)].map((field) => `${field} is required`);
      if (!Array.isArray(order.product_details) || order.product_details.length === 0) problems.push('product_details is required');
      if (order.payment_type === 'cod' && !(Number(order.order_collectable_amount) > 0)) problems.push('order_collectable_amount is required for cod orders');
      if (problems.length) {
        discrepancies.push({ client_order_reference_id: reference, error: problems });
        continue;
      }
      if (unserviceablePincode(consignee.consignee_pincode)) {
        placed.push({ client_order_reference_id: reference, awb_number: false, carrier_name: 'NSS', message: 'Pincode not serviceable', route_code: '' });
        continue;
      }
      const { parcel, duplicate } = this.book.book(reference, order, { scenario: scenarioFromMarkers(reference, String(consignee.consignee_name)) });
      const answer = { client_order_reference_id: reference, request_order_id: requestOrderIdOf(parcel), awb_number: parcel.awb, carrier_name: 'Bluedart Surface', route_code: routeCodeOf(consignee.consignee_pincode) };
      if (duplicate) duplicates[reference] = { ...answer, message: 'Order already exists' };
      else placed.push({ ...answer, message: 'Order placed successfully' });
    }
    return ok({
      success_order_details: { orders: placed },
      ...(Object.keys(duplicates).length ? { duplicate_orders: duplicates } : {}),
      ...(discrepancies.length ? { errors: { data_discrepancy: discrepancies } } : {}),
    });
  }

  private trackOrder(query: Record<string, string>): SimResponse {
    const scans: Record<string, unknown[]> = {};
    for (const awb of (query.tracking_numbers ?? '').split(',').map((n) => n.trim())) {
      const parcel = this.book.get(awb);
      if (parcel) scans[awb] = this.rowsOf(parcel).reverse();
    }
    return ok({ scans }, 'success');
  }

  private rowsOf(parcel: SimParcel<SmartShipOrder>) {
    const confirmed = { code: '2', text: 'Confirmed', location: 'Bengaluru Hub', at: parcel.bookedAt };
    return [confirmed, ...parcel.scans.map((scan) => ({ ...wordsOf(scan), location: scan.location, at: scan.at }))].map((row) => ({
      request_order_id: requestOrderIdOf(parcel),
      order_reference_id: parcel.reference,
      tracking_number: parcel.awb,
      carrier_name: 'Bluedart Surface',
      date_time: istText(row.at, 'YYYY-MM-DD HH:mm:ss'),
      location: row.location,
      action: row.text,
      status_code: row.code,
      status_description: row.text,
    }));
  }

  private cancel(body: Record<string, unknown>): SimResponse {
    const references = ((body.orders ?? {}) as Record<string, unknown>).client_order_reference_ids;
    const successful: string[] = [];
    const failure: Record<string, { message: string }> = {};
    for (const reference of Array.isArray(references) ? references.map(String) : []) {
      const parcel = this.book.byReference(reference);
      const outcome = parcel ? this.book.cancel(parcel.awb) : 'not_found';
      if (outcome === 'cancelled') successful.push(reference);
      else failure[reference] = { message: { already_cancelled: 'Already Cancelled.', too_late: 'Order cannot be cancelled after pickup.', not_found: 'Order not found.' }[outcome] };
    }
    return ok({ order_cancellation_details: { successful, failure } });
  }

  private reattempt(body: Record<string, unknown>): SimResponse {
    const successOrders: unknown[] = [];
    const errors: unknown[] = [];
    for (const order of Array.isArray(body.orders) ? (body.orders as Record<string, unknown>[]) : []) {
      const reference = String([order.client_order_reference_id].flat()[0] ?? '');
      const parcel = this.book.byReference(reference);
      if (!parcel || parcel.scans.at(-1)?.step !== 'ndr') {
        errors.push({ client_order_reference_id: reference, error: 'Order is not in an undelivered state' });
        continue;
      }
      if (order.action_id === '2') this.book.setScenario(parcel.awb, 'ndr_then_rto');
      successOrders.push({ client_order_reference_id: reference, message: order.action_id === '2' ? 'RTO requested' : 'Reattempt requested' });
    }
    return ok({ success_orders: successOrders, errors });
  }

  private manifest(body: Record<string, unknown>): SimResponse {
    const references = Array.isArray(body.client_order_reference_ids) ? body.client_order_reference_ids.map(String) : [];
    const failure: Record<string, { message: string }> = {};
    const awbs: string[] = [];
    for (const reference of references) {
      const parcel = this.book.byReference(reference);
      if (!parcel || parcel.cancelled) failure[reference] = { message: 'Order not found or cancelled' };
      else awbs.push(parcel.awb);
    }
    if (!awbs.length) return ok({ failure });
    const pickupId = this.book.schedulePickup(awbs);
    return ok({ manifest_id: `MF${pickupId}`, pickup_date: String(body.preferred_pickup_date ?? ''), success: references.filter((r) => !failure[r]), failure });
  }

  /** The carriers serving a lane for the payment type; with `cost_info`, each one's charges (freight by zone and slab, COD fee, 18% GST). */
  private hubWise(body: Record<string, unknown>): SimResponse {
    const info = (body.order_info ?? {}) as Record<string, unknown>;
    const withCost = ((body.request_info ?? {}) as Record<string, unknown>).cost_info === true;
    const problems = missingFields(info, ['source_pincode', 'destination_pincode', 'order_weight', 'payment_type']).map((field) => `${field} is required`);
    if (info.payment_type !== undefined && info.payment_type !== 'cod' && info.payment_type !== 'prepaid') problems.push('payment_type must be cod or prepaid');
    if (info.order_weight !== undefined && !(Number(info.order_weight) > 0)) problems.push('order_weight must be in grams, above 0');
    if (problems.length) return { status: 200, body: { status: 0, code: 422, message: problems.join(', '), data: [] } };
    const [origin, destination] = [String(info.source_pincode), String(info.destination_pincode)];
    if (unserviceablePincode(origin) || unserviceablePincode(destination)) return ok({ serviceability_status: false, carrier_info: [] }, 'Pincode not serviceable');
    const preferred = Array.isArray(info.preferred_carriers) && info.preferred_carriers.length ? CARRIERS.filter((c) => (info.preferred_carriers as unknown[]).map(Number).includes(c.id)) : CARRIERS;
    const box = { length: Number(info.length), breadth: Number(info.width), height: Number(info.height) };
    const priced = simLanePricing({ origin, destination, deadGrams: Number(info.order_weight), box, codRupees: info.payment_type === 'cod' ? Number(info.order_value) || 0 : null });
    const carriers = preferred.map((c) => {
      const row = { carrier_id: c.id, carrier_name: c.name, delivery_tat: simTransitDays(priced.zone, c.air) };
      if (!withCost) return row;
      const freight = priced.freight(c.perSlab);
      const gst = rupees2((freight + priced.codFee) * 0.18);
      return { ...row, freight_charge: freight, cod_charge: priced.codFee, gst_charge: gst, total_charge: rupees2(freight + priced.codFee + gst), chargeable_weight: priced.slabGrams };
    });
    return ok({ serviceability_status: carriers.length > 0, carrier_info: carriers }, carriers.length ? 'success' : 'No preferred carrier serves this lane');
  }

  private webhookOf(scan: SimScan, parcel: SimParcel<SmartShipOrder>) {
    const { code, text } = wordsOf(scan);
    return {
      awbno: parcel.awb,
      client_order_reference_id: parcel.reference,
      request_order_id: requestOrderIdOf(parcel),
      carrier_name: 'Bluedart Surface',
      status: Number(code),
      status_description: text,
      location: scan.location,
      statusUpdateDate: istText(scan.at, 'YYYY-MM-DD HH:mm:ss'),
    };
  }
}

function wordsOf(scan: SimScan): { code: string; text: string } {
  return (scan.step === 'ndr' && scan.reason && NDR_CODES[scan.reason]) || { code: scan.code, text: scan.text };
}

function requestOrderIdOf(parcel: SimParcel): string {
  return `SS${parcel.awb.slice(-7)}`;
}

function routeCodeOf(pincode: unknown): string {
  return `BOM/${String(pincode).slice(0, 3)}`;
}
