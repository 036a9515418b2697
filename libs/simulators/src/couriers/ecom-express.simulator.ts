import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, scenarioFromMarkers, SimParcel, SimScan, StepCodes, WebhookPusher } from './parcel-book';
import { advanceAndPush, istText, signBody, unserviceablePincode } from './sim-auth-helpers';
import { rupees2, simCodFeeRupees, simFreightRupees, simZone } from './sim-pricing';

export interface EcomExpressSimulatorOptions {
  username: string;
  password: string;
}

/** Ecom's `reason_code_number`s. */
export const ECOM_EXPRESS_SIM_CODES: StepCodes = {
  manifested: { code: '77', text: 'Soft data uploaded' },
  pickup_scheduled: { code: '1230', text: 'Pickup scheduled' },
  picked_up: { code: '0011', text: 'Field pickup done' },
  in_transit: { code: '002', text: 'Shipment in transit' },
  out_for_delivery: { code: '006', text: 'Out for delivery' },
  ndr: { code: '219', text: 'Undelivered' },
  delivered: { code: '999', text: 'Delivered' },
  rto_initiated: { code: '777', text: 'RTO initiated' },
  rto_in_transit: { code: '778', text: 'RTO in transit' },
  rto_delivered: { code: '779', text: 'RTO delivered to shipper' },
  lost: { code: '333', text: 'Shipment lost' },
  cancelled: { code: '1320', text: 'Shipment cancelled' },
};

/** One manifest_awb entry, upper-case keys as Ecom takes them (kg, cm, rupees). */
export type EcomShipment = Record<string, unknown> & { AWB_NUMBER?: unknown; ORDER_NUMBER?: unknown; PRODUCT?: unknown };

const REQUIRED = ['ORDER_NUMBER', 'CONSIGNEE', 'CONSIGNEE_ADDRESS1', 'DESTINATION_CITY', 'PINCODE', 'STATE', 'MOBILE', 'ITEM_DESCRIPTION', 'PICKUP_NAME', 'PICKUP_ADDRESS_LINE1', 'PICKUP_PINCODE', 'PICKUP_MOBILE', 'RETURN_PINCODE'];
/** Standard service: rupees per 500 g slab before the zone factor. */
const SLAB_RUPEES = 30;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Ecom Express: username and password as form fields on every call (a wrong pair is 401). AWBs are allotted first
 * (`POST /apiv2/fetch_awb/` count + type PPD|COD) and used once by `POST /apiv2/manifest_awb/` whose `json_input`
 * holds the shipments; `POST /track_me/api/mawbd/` (awb=a,b) answers XML with scans newest first;
 * `POST /apiv2/cancel_awb/` (awbs=a,b), `POST /apiv2/ndr_resolutions/` (json_input, instruction RAD|RTO) and the
 * rate calculator `POST /services/rateCalculatorAPI/` (json_input of {orginPincode, destinationPincode, productType,
 * chargeableWeight kg, codAmount}, priced by the simulated rate card).
 * Scans are pushed as JSON signed `HMAC(secret, "<timestamp>.<body>")`.
 */
export class EcomExpressSimulator implements CourierApiSimulator {
  readonly prefix = 'ecom-express';
  readonly parcels = new ParcelBook<EcomShipment | null>({ awbPrefix: '106', awbLength: 10, codes: ECOM_EXPRESS_SIM_CODES, hubs: ['Bangalore Hoskote DC', 'Bhiwandi Hub', 'Mumbai Colaba DC'] });
  readonly webhooks = new WebhookPusher();
  /** Allotted AWBs not manifested yet, with the product they were allotted for. */
  private readonly allotted = new Map<string, string>();
  private readonly orders = new Map<string, string>();
  private batches = 0;

  constructor(private readonly options: EcomExpressSimulatorOptions) {}

  serverErrorBody(): unknown {
    return { success: 'no', error: ['Internal server error'] };
  }

  handle(request: SimRequest): SimResponse {
    if (request.method !== 'POST') return { status: 405, body: { success: 'no', error: ['Method not allowed'] } };
    const { username, password } = request.fields;
    if (username !== this.options.username || password !== this.options.password) return { status: 401, body: { success: 'no', error: ['Unauthorised access: invalid username or password'] } };
    switch (request.path) {
      case '/apiv2/fetch_awb/':
        return this.fetchAwb(request.fields);
      case '/apiv2/manifest_awb/':
        return this.withJsonInput(request.fields.json_input, (items) => ({ status: 200, body: { shipments: items.map((item) => this.manifest(item)) } }));
      case '/track_me/api/mawbd/':
        return { status: 200, body: null, text: this.trackingXml((request.fields.awb ?? '').split(',')), headers: { 'content-type': 'application/xml; charset=utf-8' } };
      case '/apiv2/cancel_awb/':
        return { status: 200, body: (request.fields.awbs ?? '').split(',').filter(Boolean).map((awb) => this.cancel(awb.trim())) };
      case '/apiv2/ndr_resolutions/':
        return this.withJsonInput(request.fields.json_input, (items) => ({ status: 200, body: items.map((item) => this.ndr(item)) }));
      case '/services/rateCalculatorAPI/':
        return this.withJsonInput(request.fields.json_input, (items) => ({ status: 200, body: items.map((item) => this.rate(item)) }));
      default:
        return { status: 404, body: { success: 'no', error: ['Not found'] } };
    }
  }

  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.parcels, awb, steps, (scan, parcel) => this.webhooks.push(this.pushBody(parcel, scan)));
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhooks.configure(url, (body): Record<string, string> => {
      if (!secret) return {};
      const timestamp = String(Math.floor(Date.now() / 1000));
      return { 'x-ecom-timestamp': timestamp, 'x-ecom-signature': signBody(secret, `${timestamp}.${body}`) };
    });
  }

  private fetchAwb(fields: Record<string, string>): SimResponse {
    const count = Number(fields.count);
    if (fields.type !== 'PPD' && fields.type !== 'COD') return { status: 200, body: { success_type: 'N', error: ['type must be PPD or COD'] } };
    if (!Number.isInteger(count) || count < 1 || count > 1000) return { status: 200, body: { success_type: 'N', error: ['count must be between 1 and 1000'] } };
    const awbs = Array.from({ length: count }, () => this.parcels.book(`allotted-${this.batches}-${Math.random()}`, null).parcel.awb);
    for (const awb of awbs) this.allotted.set(awb, fields.type);
    return { status: 200, body: { reference_id: ++this.batches, success_type: 'Y', awb: awbs.map(Number) } };
  }

  private withJsonInput(jsonInput: string | undefined, answer: (items: Record<string, unknown>[]) => SimResponse): SimResponse {
    try {
      const items: unknown = JSON.parse(jsonInput ?? '');
      if (Array.isArray(items) && items.length) return answer(items as Record<string, unknown>[]);
    } catch {
      // answered below
    }
    return { status: 400, body: { success: 'no', error: ['json_input must be a JSON list'] } };
  }

  private manifest(item: EcomShipment): Record<string, unknown> {
    const awb = String(item.AWB_NUMBER ?? '');
    const orderNumber = String(item.ORDER_NUMBER ?? '');
    const refused = (reason: string) => ({ awb, order_number: orderNumber, success: false, reason });
    if (!this.allotted.has(awb)) return refused(this.parcels.get(awb) ? 'AIRWAYBILL_IN_USE' : 'AIRWAYBILL_NOT_ALLOTTED');
    if (this.allotted.get(awb) !== item.PRODUCT) return refused(`AWB allotted for ${this.allotted.get(awb)} used for ${String(item.PRODUCT)}`);
    const missing = REQUIRED.find((key) => !String(item[key] ?? '').trim());
    if (missing) return refused(`${missing} is mandatory`);
    if (!/^\d{6}$/.test(String(item.PINCODE)) || !/^\d{6}$/.test(String(item.PICKUP_PINCODE))) return refused('INCORRECT_PINCODE');
    if (item.PINCODE === '000000') return refused('PINCODE_NOT_SERVICEABLE');
    if (!(Number(item.ACTUAL_WEIGHT) > 0) || !(Number(item.DECLARED_VALUE) > 0)) return refused('ACTUAL_WEIGHT and DECLARED_VALUE must be positive');
    if (item.PRODUCT === 'COD' && !(Number(item.COLLECTABLE_VALUE) > 0)) return refused('COLLECTABLE_VALUE is mandatory for COD');
    const previous = this.parcels.get(this.orders.get(orderNumber) ?? '');
    if (previous && !previous.cancelled) return refused(`ORDER_NUMBER ${orderNumber} already manifested`);
    const parcel = this.parcels.get(awb)!;
    parcel.booking = item;
    parcel.reference = orderNumber;
    this.parcels.setScenario(awb, scenarioFromMarkers(orderNumber));
    this.allotted.delete(awb);
    this.orders.set(orderNumber, awb);
    return { awb, order_number: orderNumber, success: true, reason: '' };
  }

  private manifested(awb: string): SimParcel<EcomShipment> | undefined {
    const parcel = this.parcels.get(awb);
    return parcel?.booking ? (parcel as SimParcel<EcomShipment>) : undefined;
  }

  private cancel(awb: string): Record<string, unknown> {
    const parcel = this.manifested(awb);
    const outcome = parcel ? this.parcels.cancel(awb) : 'not_found';
    const reasons = { cancelled: '', already_cancelled: 'Shipment already cancelled', too_late: 'Shipment already picked up, cannot be cancelled', not_found: 'Invalid AWB' };
    return { awb: Number(awb) || awb, order_number: parcel?.reference ?? '', success: outcome === 'cancelled', reason: reasons[outcome] };
  }

  private ndr(item: Record<string, unknown>): Record<string, unknown> {
    const awb = String(item.awb ?? '');
    const errors: string[] = [];
    if (this.manifested(awb)?.scans.at(-1)?.step !== 'ndr') errors.push('Shipment is not in an undelivered state');
    if (item.instruction !== 'RAD' && item.instruction !== 'RTO') errors.push('instruction must be RAD or RTO');
    if (item.instruction === 'RAD' && !/^\d{2}-\d{2}-\d{4}$/.test(String(item.scheduled_delivery_date ?? ''))) errors.push('scheduled_delivery_date must be DD-MM-YYYY');
    if (item.mobile !== undefined && !/^\d{10}$/.test(String(item.mobile))) errors.push('mobile must be 10 digits');
    return { awb, status: errors.length === 0, error: errors };
  }

  /** One rate-calculator entry: charges in rupees, or `success: false` with the errors. */
  private rate(item: Record<string, unknown>): Record<string, unknown> {
    const [origin, destination] = [String(item.orginPincode ?? ''), String(item.destinationPincode ?? '')];
    const kg = Number(item.chargeableWeight);
    const errors = [
      ...(unserviceablePincode(origin) ? [`Origin pincode ${origin} is not serviceable`] : []),
      ...(unserviceablePincode(destination) ? [`Destination pincode ${destination} is not serviceable`] : []),
      ...(item.productType === 'ppd' || item.productType === 'cod' ? [] : ['productType must be ppd or cod']),
      ...(kg > 0 ? [] : ['chargeableWeight (kg) must be greater than 0']),
    ];
    if (errors.length) return { success: false, errors, chargesBreakup: null };
    const freight = simFreightRupees(SLAB_RUPEES, simZone(origin, destination), Math.round(kg * 1000));
    const fuel = rupees2(freight * 0.12);
    const cod = item.productType === 'cod' ? simCodFeeRupees(Number(item.codAmount) || 0, 35, 1.5) : 0;
    const gst = rupees2((freight + fuel + cod) * 0.18);
    return { success: true, errors: [], chargesBreakup: { FRT: freight, FUEL: fuel, COD: cod, GST: gst, total_charge: rupees2(freight + fuel + cod + gst) } };
  }

  private trackingXml(awbs: string[]): string {
    const objects = awbs.flatMap((awb, index) => {
      const parcel = this.manifested(awb.trim());
      return parcel ? [this.awbXml(parcel, index + 1)] : [];
    });
    return `<?xml version="1.0" encoding="utf-8"?>\n<ecomexpress-objects version="1.0">\n${objects.join('')}</ecomexpress-objects>\n`;
  }

  private awbXml(parcel: SimParcel<EcomShipment>, pk: number): string {
    const last = parcel.scans.at(-1);
    const scans = [...parcel.scans].reverse().map((scan, i) =>
      [
        `   <object pk="${i + 1}" model="scan_stages">\n`,
        field('DateTimeField', 'updated_on', ecomTime(scan.at)),
        field('CharField', 'status', scan.text),
        field('CharField', 'reason_code', `${scan.code} - ${scan.reason ?? scan.text}`),
        field('CharField', 'reason_code_number', scan.code),
        field('CharField', 'location_city', scan.location),
        '   </object>\n',
      ].join(''),
    );
    return [
      `  <object pk="${pk}" model="awb">\n`,
      field('BigIntegerField', 'awb_number', parcel.awb),
      field('CharField', 'orderid', parcel.reference),
      field('CharField', 'status', last?.text ?? 'Soft data uploaded'),
      field('CharField', 'reason_code_number', last?.code ?? '77'),
      field('CharField', 'current_location_name', last?.location ?? ''),
      `   <field type="CharField" name="scans">\n${scans.join('')}   </field>\n`,
      '  </object>\n',
    ].join('');
  }

  private pushBody(parcel: SimParcel<EcomShipment | null>, scan: SimScan): Record<string, string> {
    return {
      awb: parcel.awb,
      orderid: parcel.reference,
      status: scan.text,
      reason_code_number: scan.code,
      reason_code: `${scan.code} - ${scan.reason ?? scan.text}`,
      location: scan.location,
      datetime: istText(scan.at, 'YYYY-MM-DD HH:mm:ss'),
    };
  }
}

function field(type: string, name: string, value: string): string {
  return `    <field type="${type}" name="${name}">${escapeXml(value)}</field>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Ecom's scan time: "21 Nov, 2026, 14:05" (India). */
function ecomTime(at: Date): string {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(istText(at, 'YYYY-MM-DD HH:mm:ss'))!;
  return `${d} ${MONTHS[Number(mo) - 1]}, ${y}, ${h}:${mi}`;
}
