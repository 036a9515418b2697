import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, StepCodes, scenarioFromMarkers } from './parcel-book';
import { SimTokenIssuer, advanceAndPush, bearerTokenOf, istText, jsonBody, missingFields, unserviceablePincode } from './sim-auth-helpers';
import { SimLabelLinks } from './sim-label-links';
import { simLabelPdf } from './sim-label-pdf';
import { rupees2, simChargeableGrams, simCodFeeRupees, simFreightRupees, simTransitDays, simZone } from './sim-pricing';

export interface MarutiSimulatorOptions {
  email: string;
  password: string;
}

/** The push-order body as Delcaper received it. */
export type MarutiOrder = Record<string, unknown>;

const ORDER = '/fulfillment/public/seller/order';

const STATES: StepCodes = {
  manifested: { code: 'READY_FOR_DISPATCH', text: 'Order ready for dispatch' },
  pickup_scheduled: { code: 'OUT_FOR_PICKUP', text: 'Pickup executive assigned' },
  picked_up: { code: 'PICKED_UP', text: 'Shipment picked up' },
  in_transit: { code: 'IN_TRANSIT', text: 'Shipment in transit' },
  out_for_delivery: { code: 'OUT_FOR_DELIVERY', text: 'Out for delivery' },
  ndr: { code: 'UNDELIVERED', text: 'Delivery attempt failed' },
  delivered: { code: 'DELIVERED', text: 'Shipment delivered' },
  rto_initiated: { code: 'RTO_INITIATED', text: 'Return to origin initiated' },
  rto_in_transit: { code: 'RTO_IN_TRANSIT', text: 'Return in transit' },
  rto_delivered: { code: 'RTO_DELIVERED', text: 'Returned to seller' },
  lost: { code: 'LOST', text: 'Shipment lost' },
  cancelled: { code: 'CANCELLED', text: 'Order cancelled by seller' },
};

const REQUIRED = ['orderId', 'paymentType', 'weight', 'deliveryPromise'];
const REQUIRED_ADDRESS = ['name', 'phone', 'address1', 'city', 'state', 'zip'];

const answer = (status: number, message: string, data: unknown = null): SimResponse => ({ status, body: { status, message, data } });
/** Rupees per 500 g slab before the zone factor, by delivery promise. */
const SLAB_RUPEES: Readonly<Record<string, number>> = { SURFACE: 28, AIR: 46 };

/**
 * Shree Maruti's Delcaper seller API as public integrations use it: `POST /auth/login` {email, password,
 * vendorType: "SELLER"} → `data.accessToken` (+ refreshToken), bearer-authenticated calls under
 * `/fulfillment/public/seller/order/`: `ecomm/push-order` (weight in grams) → `data.awbNumber`,
 * `order-tracking/{awb}` → `data.orderStateInfo[]` (createdAt as zone-less IST ISO), `cancel-order` (PUT, by
 * orderId), `create-manifest` {awbNumber: [...]}, `check-ecomm-order-serviceability`, `rate-card/calculate-rate/ecomm`
 * (priced by the simulated rate card) and `download/label-invoice?awbNumber&cAwbNumber` (token-free PDF links). Every
 * answer is `{status, message, data}` with the HTTP code repeated in `status`. Delcaper pushes no webhooks.
 */
export class MarutiSimulator implements CourierApiSimulator {
  readonly prefix = 'maruti';
  readonly book = new ParcelBook<MarutiOrder>({ awbPrefix: '58', awbLength: 12, codes: STATES, hubs: ['Bengaluru Branch', 'Ahmedabad Hub', 'Mumbai Branch'] });
  readonly tokens = new SimTokenIssuer(24 * 3600);
  /** Pincodes delivered to without cash on delivery (tests change the network). */
  readonly prepaidOnlyPincodes = new Set<string>();
  private readonly links = new SimLabelLinks(this.prefix);
  private readonly account: MarutiSimulatorOptions;

  constructor(options: Partial<MarutiSimulatorOptions> = {}) {
    this.account = { email: options.email ?? 'sandbox@shipcrowd.test', password: options.password ?? 'sandbox-maruti-password' };
  }

  serverErrorBody(status: number): unknown {
    return { status, message: 'Internal server error', data: null };
  }

  handle(request: SimRequest): SimResponse {
    if (request.method === 'POST' && request.path === '/auth/login') return this.login(jsonBody(request));
    if (this.links.isDownload(request)) return this.links.serve(request, (key) => this.document(key));
    if (!this.tokens.accepts(bearerTokenOf(request))) return answer(401, 'Unauthorized');
    const tracking = new RegExp(`^${ORDER}/order-tracking/([^/]+)$`).exec(request.path);
    if (request.method === 'GET' && tracking) return this.orderTracking(decodeURIComponent(tracking[1]));
    const body = jsonBody(request);
    switch (`${request.method} ${request.path}`) {
      case `POST ${ORDER}/ecomm/push-order`:
        return this.pushOrder(body);
      case `PUT ${ORDER}/cancel-order`:
        return this.cancelOrder(String(body.orderId ?? ''));
      case `POST ${ORDER}/create-manifest`:
        return this.createManifest(body.awbNumber);
      case `POST ${ORDER}/check-ecomm-order-serviceability`:
        return this.serviceability(body);
      case `POST ${ORDER}/rate-card/calculate-rate/ecomm`:
        return this.calculateRate(body);
      case `GET ${ORDER}/download/label-invoice`:
        return this.labelInvoice(request);
      default:
        return answer(404, `Cannot ${request.method} ${request.path}`);
    }
  }

  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.book, awb, steps);
  }

  configureWebhook(): void {
    // Delcaper offers integrators no scan push: they poll order-tracking.
  }

  private login(body: Record<string, unknown>): SimResponse {
    if (body.email !== this.account.email || body.password !== this.account.password || body.vendorType !== 'SELLER') return answer(401, 'Invalid email or password');
    return answer(200, 'Login successful', { accessToken: this.tokens.issue(), refreshToken: `refresh-${this.tokens.issue()}` });
  }

  private pushOrder(order: MarutiOrder): SimResponse {
    const shipping = (order.shippingAddress ?? {}) as Record<string, unknown>;
    const pickup = (order.pickupAddress ?? {}) as Record<string, unknown>;
    const missing = [
      ...missingFields(order, REQUIRED),
      ...missingFields(shipping, REQUIRED_ADDRESS).map((field) => `shippingAddress.${field}`),
      ...missingFields(pickup, REQUIRED_ADDRESS).map((field) => `pickupAddress.${field}`),
    ];
    if (missing.length) return answer(400, `${missing[0]} is required`);
    if (!Array.isArray(order.lineItems) || order.lineItems.length === 0) return answer(400, 'lineItems must not be empty');
    if (!['SURFACE', 'AIR'].includes(String(order.deliveryPromise))) return answer(400, 'deliveryPromise must be SURFACE or AIR');
    if (order.paymentType === 'COD' && !(Number(order.amount) > 0)) return answer(400, 'amount must be greater than 0 for COD orders');
    if (unserviceablePincode(shipping.zip)) return answer(400, `Delivery pincode ${String(shipping.zip)} is not serviceable`);
    const orderId = String(order.orderId);
    const { parcel, duplicate } = this.book.book(orderId, order, { scenario: scenarioFromMarkers(orderId, String(shipping.name)) });
    if (duplicate) return answer(400, `Order with orderId ${orderId} already exists`);
    return answer(200, 'Order created successfully', { orderId, shipperOrderId: shipperOrderIdOf(parcel), awbNumber: parcel.awb, cAwbNumber: `C${parcel.awb}` });
  }

  private orderTracking(awb: string): SimResponse {
    const parcel = this.book.get(awb);
    if (!parcel) return answer(404, 'Order not found');
    const stamp = (at: Date) => istText(at, 'YYYY-MM-DDTHH:mm:ss.SSS');
    const states = [
      { state: 'NEW', location: 'Bengaluru Branch', remarks: 'Order received', createdAt: stamp(parcel.bookedAt) },
      ...parcel.scans.map((scan) => ({ state: scan.code, location: scan.location, remarks: scan.reason ?? scan.text, createdAt: stamp(scan.at) })),
    ];
    return answer(200, 'Success', {
      orderId: parcel.reference,
      shipperOrderId: shipperOrderIdOf(parcel),
      awbNumber: parcel.awb,
      cAwbNumber: `C${parcel.awb}`,
      orderStatus: states[states.length - 1].state,
      orderCreatedAt: stamp(parcel.bookedAt),
      orderStateInfo: states,
    });
  }

  private cancelOrder(orderId: string): SimResponse {
    const parcel = this.book.byReference(orderId);
    switch (parcel ? this.book.cancel(parcel.awb) : 'not_found') {
      case 'cancelled':
        return answer(200, 'Order cancelled successfully');
      case 'already_cancelled':
        return answer(400, 'Order is already cancelled');
      case 'too_late':
        return answer(400, `Order cannot be cancelled in ${parcel!.scans.at(-1)!.code} state`);
      default:
        return answer(404, 'Order not found');
    }
  }

  /** Whether a lane takes an order: pickup and delivery pincodes, and COD at the delivery pincode. */
  private serviceability(body: Record<string, unknown>): SimResponse {
    const missing = missingFields(body, ['fromPincode', 'toPincode', 'paymentType']);
    if (missing.length) return answer(400, `${missing[0]} is required`);
    const [from, to] = [String(body.fromPincode), String(body.toPincode)];
    const delivers = !unserviceablePincode(to);
    const cod = delivers && !this.prepaidOnlyPincodes.has(to);
    const pickup = !unserviceablePincode(from);
    let message = 'Serviceable';
    if (!delivers) message = `Delivery pincode ${to} is not serviceable`;
    else if (!pickup) message = `Pickup pincode ${from} is not serviceable`;
    else if (body.paymentType === 'COD' && !cod) message = `COD is not available for delivery pincode ${to}`;
    const serviceable = message === 'Serviceable';
    const zone = simZone(from, to);
    return answer(200, message, {
      serviceable,
      prepaid: delivers,
      cod,
      pickup,
      deliveryPromises: serviceable ? ['SURFACE', 'AIR'] : [],
      estimatedDays: serviceable ? { SURFACE: simTransitDays(zone, false), AIR: simTransitDays(zone, true) } : null,
    });
  }

  /** The price of an order per delivery promise (one, when asked), in rupees, on the heavier of dead and volumetric grams. */
  private calculateRate(body: Record<string, unknown>): SimResponse {
    const missing = missingFields(body, ['fromPincode', 'toPincode', 'weight', 'paymentType']);
    if (missing.length) return answer(400, `${missing[0]} is required`);
    const [from, to] = [String(body.fromPincode), String(body.toPincode)];
    if (unserviceablePincode(to) || unserviceablePincode(from)) return answer(400, `Delivery pincode ${unserviceablePincode(to) ? to : from} is not serviceable`);
    const promises = body.deliveryPromise === undefined ? Object.keys(SLAB_RUPEES) : [String(body.deliveryPromise)];
    if (promises.some((p) => !SLAB_RUPEES[p])) return answer(400, 'deliveryPromise must be SURFACE or AIR');
    const grams = simChargeableGrams(Number(body.weight), { length: Number(body.length), breadth: Number(body.width), height: Number(body.height) });
    const zone = simZone(from, to);
    const cod = body.paymentType === 'COD' ? simCodFeeRupees(Number(body.amount) || 0) : 0;
    return answer(
      200,
      'Success',
      promises.map((promise) => {
        const freight = simFreightRupees(SLAB_RUPEES[promise], zone, grams);
        const gst = rupees2((freight + cod) * 0.18);
        return { deliveryPromise: promise, zone, chargeableWeight: Math.ceil(grams / 500) * 500, freightCharge: freight, codCharge: cod, gst, totalCharge: rupees2(freight + cod + gst), tat: simTransitDays(zone, promise === 'AIR') };
      }),
    );
  }

  /** Links to the order's label and invoice PDFs (both AWB numbers must match the order). */
  private labelInvoice(request: SimRequest): SimResponse {
    const parcel = this.book.get(request.query.awbNumber ?? '');
    if (!parcel || request.query.cAwbNumber !== `C${parcel.awb}`) return answer(404, 'Order not found');
    if (parcel.cancelled) return answer(400, 'Order is cancelled');
    return answer(200, 'Success', { labelUrl: this.links.link(request, `label/${parcel.awb}`), invoiceUrl: this.links.link(request, `invoice/${parcel.awb}`) });
  }

  private document(key: string): Buffer | undefined {
    const [kind, awb] = key.split('/');
    const parcel = this.book.get(awb);
    if (!parcel) return undefined;
    const order = parcel.booking;
    const to = (order.shippingAddress ?? {}) as Record<string, unknown>;
    const title = kind === 'label' ? 'SHREE MARUTI COURIER' : 'TAX INVOICE';
    return simLabelPdf([title, `AWB ${parcel.awb}  (C${parcel.awb})`, `Order ${parcel.reference}`, `To: ${String(to.name ?? '')}`, String(to.address1 ?? ''), `${String(to.city ?? '')} ${String(to.zip ?? '')}`, `${String(order.paymentType)} Rs ${String(order.amount)}`, `${String(order.deliveryPromise)}  ${String(order.weight)} g`]);
  }

  private createManifest(awbNumbers: unknown): SimResponse {
    const awbs = Array.isArray(awbNumbers) ? awbNumbers.map(String) : [];
    const unknown = awbs.filter((awb) => !this.book.get(awb) || this.book.get(awb)!.cancelled);
    if (!awbs.length || unknown.length) return answer(400, `Invalid AWB numbers: ${unknown.join(', ') || 'none given'}`);
    return answer(200, 'Manifest created successfully', { manifestId: `MNF${this.book.schedulePickup(awbs)}`, awbNumber: awbs });
  }
}

function shipperOrderIdOf(parcel: SimParcel): string {
  return `SMC${parcel.awb.slice(-8)}`;
}
