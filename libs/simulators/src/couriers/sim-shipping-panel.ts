import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, SimScan, StepCodes, WebhookPusher } from './parcel-book';
import { advanceAndPush, istText, signBody, unserviceablePincode } from './sim-auth-helpers';
import { SimBearerAuth } from './sim-bearer-auth';
import { rupees2, simLanePricing } from './sim-pricing';

export interface PanelAddress {
  name: string;
  address: string;
  address_2?: string;
  city: string;
  state: string;
  pincode: string;
  phone: string;
}

/** A shipment as `POST <shipments>` receives it: rupees, grams, centimetres. */
export interface PanelShipment {
  order_number: string;
  payment_type: string;
  order_amount: number;
  package_weight: number;
  package_length: number;
  package_breadth: number;
  package_height: number;
  consignee: PanelAddress;
  pickup: PanelAddress & { warehouse_name: string };
  order_items: { name: string; qty: string | number; price: number; sku?: string }[];
  courier_id?: string;
  collectable_amount?: number;
}

/** A courier the account books with (`courier_id`), and its base rate in rupees per 500 g before the zone. */
export interface PanelCourier {
  id: string;
  name: string;
  perSlab: number;
}

export interface ShippingPanelOptions {
  email: string;
  password: string;
  paths: { login: string; serviceability: string; shipments: string; track: string; cancel: string; manifest: string; ndr: string };
  awbPrefix: string;
  awbLength: number;
  codes: StepCodes;
  hubs: readonly string[];
  /** Header carrying the hex HMAC-SHA256 of the webhook body. */
  signatureHeader: string;
  /** The couriers the account books with, in the order the serviceability answer lists them. */
  couriers: readonly PanelCourier[];
}

/** What a courier's subclass fixes; the account's e-mail and password come from the caller. */
export type PanelSettings = Omit<ShippingPanelOptions, 'email' | 'password'>;

type Answer = SimResponse;

const NDR_ACTIONS: Record<string, (data: Record<string, unknown>) => string | null> = {
  're-attempt': (d) => (/^\d{4}-\d{2}-\d{2}$/.test(String(d.re_attempt_date ?? '')) ? null : 'action_data.re_attempt_date must be YYYY-MM-DD'),
  change_address: (d) => (d.name && d.address_1 ? null : 'action_data.name and action_data.address_1 are required'),
  change_phone: (d) => (/^\d{10}$/.test(String(d.phone ?? '')) ? null : 'action_data.phone must be 10 digits'),
};

/**
 * The shipping API Xpressbees (shipment.xpressbees.com, `/api/...`) and NimbusPost (`/v1/...`) both publish: e-mail and
 * password login answering `{status: true, data: <token>}`, Bearer calls answering `{status, message, data}`
 * (refusals are HTTP 200 with `status: false`, a missing or dead token is 401), shipments keyed on `order_number`,
 * tracking history newest first, manifest (which books the pickup), NDR actions, and status webhooks signed with
 * an HMAC of the body. Each courier's subclass names its paths, codes and extra endpoints.
 */
export abstract class ShippingPanelSimulator implements CourierApiSimulator {
  abstract readonly prefix: string;
  readonly parcels: ParcelBook<PanelShipment>;
  readonly auth: SimBearerAuth;
  readonly webhooks = new WebhookPusher();
  private orders = 0;

  constructor(protected readonly panel: ShippingPanelOptions) {
    this.parcels = new ParcelBook({ awbPrefix: panel.awbPrefix, awbLength: panel.awbLength, codes: panel.codes, hubs: panel.hubs });
    this.auth = new SimBearerAuth({ user: panel.email, password: panel.password });
  }

  serverErrorBody(): unknown {
    return { status: false, message: 'Internal Server Error' };
  }

  handle(request: SimRequest): Answer {
    const { paths } = this.panel;
    const route = `${request.method} ${request.path}`;
    if (route === `POST ${paths.login}`) return this.login(request);
    if (!this.auth.bearerValid(request)) return { status: 401, body: { status: false, message: 'Unauthenticated.' } };
    if (route === `POST ${paths.serviceability}`) return this.quote(request.json as Record<string, unknown> | undefined);
    if (route === `POST ${paths.shipments}`) return this.book(request.json as Partial<PanelShipment> | undefined);
    if (request.method === 'GET' && request.path.startsWith(`${paths.track}/`)) {
      const parcel = this.parcels.get(decodeURIComponent(request.path.slice(paths.track.length + 1)));
      return parcel ? ok(this.trackingOf(parcel)) : refuse('AWB not found');
    }
    if (route === `POST ${paths.cancel}`) return this.cancel(request.fields.awb ?? '');
    if (route === `POST ${paths.manifest}`) return this.manifest((request.json as { awbs?: unknown } | undefined)?.awbs);
    if (route === `POST ${paths.ndr}`) return this.ndr(request.json);
    return this.extraRoute(request) ?? { status: 404, body: { status: false, message: 'Not Found' } };
  }

  /** Moves a parcel along and pushes one signed webhook per new scan. */
  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.parcels, awb, steps, (scan, parcel) => this.webhooks.push({ awb_number: awb, order_number: parcel.reference, ...this.historyEntry(scan) }));
  }

  configureWebhook(url: string | null, secret: string | null): void {
    const header = this.panel.signatureHeader;
    this.webhooks.configure(url, (body) => (secret ? { [header]: signBody(secret, body) } : {}));
  }

  /** Endpoints one courier has beyond the shared set. */
  protected extraRoute(_request: SimRequest): Answer | null {
    return null;
  }

  /** Rules one courier adds to the shared booking validation. */
  protected extraRefusal(_shipment: PanelShipment): string | null {
    return null;
  }

  protected trackingOf(parcel: SimParcel<PanelShipment>): unknown {
    const last = parcel.scans[parcel.scans.length - 1];
    return {
      awb_number: parcel.awb,
      order_number: parcel.reference,
      status: last?.text ?? 'Booked',
      history: [...parcel.scans].reverse().map((scan) => this.historyEntry(scan)),
    };
  }

  private historyEntry(scan: SimScan): Record<string, string> {
    return { status_code: scan.code, status: scan.text, location: scan.location, event_time: istText(scan.at, 'YYYY-MM-DD HH:mm:ss'), message: scan.reason ?? scan.text };
  }

  private login(request: SimRequest): Answer {
    const token = this.auth.login(request.fields.email, request.fields.password);
    return token ? ok(token) : { status: 401, body: { status: false, message: 'Invalid email or password' } };
  }

  private book(shipment: Partial<PanelShipment> | undefined): Answer {
    const refusal = this.refusal(shipment);
    if (refusal) return refuse(refusal);
    const valid = shipment as PanelShipment;
    const { parcel, duplicate } = this.parcels.book(valid.order_number, valid);
    if (duplicate) return refuse(`Order number ${valid.order_number} already exists`);
    const courier = this.courier(valid.courier_id) ?? this.panel.couriers[0];
    const id = ++this.orders;
    return ok({ order_id: id, shipment_id: id, awb_number: parcel.awb, courier_id: courier.id, courier_name: courier.name, status: 'booked', payment_type: valid.payment_type });
  }

  private refusal(s: Partial<PanelShipment> | undefined): string | null {
    if (!s || typeof s !== 'object') return 'Invalid request body';
    if (!s.order_number) return 'The order number field is required.';
    if (s.payment_type !== 'cod' && s.payment_type !== 'prepaid') return 'The payment type must be cod or prepaid.';
    for (const field of ['order_amount', 'package_weight', 'package_length', 'package_breadth', 'package_height'] as const) {
      if (!(Number(s[field]) > 0)) return `The ${field.replace(/_/g, ' ')} field is required.`;
    }
    for (const party of ['consignee', 'pickup'] as const) {
      for (const field of ['name', 'address', 'city', 'state', 'pincode', 'phone'] as const) {
        if (!s[party]?.[field]) return `The ${party}.${field} field is required.`;
      }
      if (!/^\d{6}$/.test(s[party]!.pincode)) return `The ${party}.pincode must be 6 digits.`;
    }
    if (!s.pickup?.warehouse_name) return 'The pickup.warehouse name field is required.';
    if (!s.order_items?.length) return 'The order items field is required.';
    if (s.courier_id !== undefined && !this.courier(s.courier_id)) return 'Selected courier is not available';
    if (s.consignee!.pincode === '000000') return 'Delivery pincode is not serviceable';
    return this.extraRefusal(s as PanelShipment);
  }

  private courier(id: unknown): PanelCourier | undefined {
    return this.panel.couriers.find((c) => c.id === String(id));
  }

  /**
   * `POST <serviceability>`: every courier of the account that serves the lane for the payment type, with its
   * charges in rupees (freight by zone and chargeable 500 g slabs; on COD a fee on the order amount).
   */
  private quote(lane: Record<string, unknown> | undefined): Answer {
    const { origin, destination, payment_type: payment, order_amount: amount, weight } = lane ?? {};
    if (!/^\d{6}$/.test(String(origin ?? '')) || !/^\d{6}$/.test(String(destination ?? ''))) return refuse('The origin and destination must be 6 digit pincodes.');
    if (payment !== 'cod' && payment !== 'prepaid') return refuse('The payment type must be cod or prepaid.');
    if (!(Number(weight) > 0)) return refuse('The weight field is required.');
    if (!(Number(amount) >= 0)) return refuse('The order amount must be a number.');
    if (unserviceablePincode(origin) || unserviceablePincode(destination)) return refuse('No courier is serviceable for this pincode');
    const box = { length: Number(lane!.length), breadth: Number(lane!.breadth), height: Number(lane!.height) };
    const priced = simLanePricing({ origin: String(origin), destination: String(destination), deadGrams: Number(weight), box, codRupees: payment === 'cod' ? Number(amount) : null });
    return ok(
      this.panel.couriers.map((c) => {
        const freight = priced.freight(c.perSlab);
        return { id: c.id, name: c.name, freight_charges: freight, cod_charges: priced.codFee, total_charges: rupees2(freight + priced.codFee), min_weight: 500, chargeable_weight: priced.slabGrams };
      }),
    );
  }

  private cancel(awb: string): Answer {
    const outcome = this.parcels.cancel(awb);
    if (outcome === 'cancelled') return { status: 200, body: { status: true, message: 'Shipment cancelled successfully' } };
    const reasons = { already_cancelled: 'Shipment is already cancelled', too_late: 'Shipment cannot be cancelled after pickup', not_found: 'AWB not found' };
    return refuse(reasons[outcome]);
  }

  private manifest(awbs: unknown): Answer {
    if (!Array.isArray(awbs) || awbs.length === 0) return refuse('The awbs field is required.');
    const unknown = awbs.map(String).filter((awb) => !this.parcels.get(awb) || this.parcels.get(awb)!.cancelled);
    if (unknown.length) return refuse(`Invalid or cancelled AWB: ${unknown.join(', ')}`);
    const manifestId = this.parcels.schedulePickup(awbs.map(String));
    const tomorrow = istText(new Date(Date.now() + 86_400_000), 'YYYY-MM-DD HH:mm:ss').slice(0, 10);
    return ok({ manifest_id: manifestId, pickup_date: `${tomorrow} 11:00:00` });
  }

  private ndr(items: unknown): Answer {
    if (!Array.isArray(items) || items.length === 0) return refuse('Invalid request body');
    return ok(items.map((item: { awb?: unknown; action?: unknown; action_data?: Record<string, unknown> }) => {
      const awb = String(item.awb ?? '');
      const check = NDR_ACTIONS[String(item.action)];
      const refusal = !check ? 'Invalid action' : this.parcels.get(awb)?.scans.at(-1)?.step !== 'ndr' ? 'Shipment is not in NDR' : check(item.action_data ?? {});
      return { awb, status: refusal === null, message: refusal ?? 'NDR action submitted' };
    }));
  }
}

export function ok(data: unknown): Answer {
  return { status: 200, body: { status: true, data } };
}

export function refuse(message: string): Answer {
  return { status: 200, body: { status: false, message } };
}
