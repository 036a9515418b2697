import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, SimScan, StepCodes, scenarioFromMarkers } from './parcel-book';
import { advanceAndPush, headerOf, istText, jsonBody, missingFields, unserviceablePincode } from './sim-auth-helpers';

export interface IntargosSimulatorOptions {
  /** The `signature` key Intargos issued to the account. */
  signature: string;
}

/** The CreateOrder body as Intargos received it. */
export type IntargosOrder = Record<string, unknown>;

const STATUSES: StepCodes = {
  manifested: { code: 'Manifested', text: 'Shipment manifested with carrier' },
  pickup_scheduled: { code: 'Pickup Scheduled', text: 'Pickup scheduled from warehouse' },
  picked_up: { code: 'Picked Up', text: 'Shipment picked up from warehouse' },
  in_transit: { code: 'In Transit', text: 'Shipment in transit' },
  out_for_delivery: { code: 'Out For Delivery', text: 'Shipment out for delivery' },
  ndr: { code: 'Undelivered', text: 'Delivery attempt failed' },
  delivered: { code: 'Delivered', text: 'Shipment delivered' },
  rto_initiated: { code: 'RTO Initiated', text: 'Return to origin initiated' },
  rto_in_transit: { code: 'RTO In Transit', text: 'Return shipment in transit' },
  rto_delivered: { code: 'RTO Delivered', text: 'Return delivered to warehouse' },
  lost: { code: 'Lost', text: 'Shipment lost in transit' },
  cancelled: { code: 'Cancelled', text: 'Order cancelled by client' },
};

const REQUIRED = ['consignee_name', 'consignee_mobile', 'consignee_address1', 'consignee_pincode', 'invoice_number', 'payment_mode', 'shipment_weight', 'pick_address_id'];

const refusal = (response: string): SimResponse => ({ status: 200, body: { status: 'false', response } });

/**
 * Intargos' shipping API as public clients call it: `POST /api/<Operation>` with a JSON body and the account's key
 * in a `signature` header; answers carry `status` ("true"/"false") and, on refusal, the reason in `response`.
 * CreateOrder returns the carrier waybill, ShipmentSummary the scans (`DateandTime` as DD-MM-YYYY HH:mm:ss IST),
 * CancelOrder refuses after pickup. Intargos pushes nothing: configureWebhook has nothing to point.
 */
export class IntargosSimulator implements CourierApiSimulator {
  readonly prefix = 'intargos';
  readonly book = new ParcelBook<IntargosOrder>({ awbPrefix: '1420', awbLength: 14, codes: STATUSES, hubs: ['Bengaluru Hub', 'Nagpur Gateway', 'Mumbai Hub'] });
  private readonly signature: string;

  constructor(options: Partial<IntargosSimulatorOptions> = {}) {
    this.signature = options.signature ?? 'SANDBOXINTARGOSSIGNATUREKEY01';
  }

  serverErrorBody(): unknown {
    return { status: 'false', response: 'Something went wrong, please try again' };
  }

  handle(request: SimRequest): SimResponse {
    if (headerOf(request, 'signature') !== this.signature) return { status: 401, body: { status: 'false', response: 'Invalid signature' } };
    if (request.method !== 'POST') return { status: 405, body: { status: 'false', response: 'Method not allowed' } };
    const body = jsonBody(request);
    switch (request.path) {
      case '/api/CreateOrder':
        return this.createOrder(body);
      case '/api/ShipmentSummary':
        return this.summary(String(body.waybill ?? ''));
      case '/api/CancelOrder':
        return this.cancel(String(body.waybill ?? ''));
      default:
        return { status: 404, body: { status: 'false', response: 'Unknown API' } };
    }
  }

  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.book, awb, steps);
  }

  configureWebhook(): void {
    // Intargos has no webhook setting: integrators poll ShipmentSummary.
  }

  private createOrder(order: IntargosOrder): SimResponse {
    const missing = missingFields(order, REQUIRED);
    if (missing.length) return refusal(`${missing[0]} is required`);
    if (unserviceablePincode(order.consignee_pincode)) return refusal(`Pincode ${String(order.consignee_pincode)} is not serviceable`);
    if (String(order.payment_mode).toUpperCase() === 'COD' && !(Number(order.cod_amount) > 0)) return refusal('cod_amount is required for COD orders');
    if (!(Number(order.shipment_weight) > 0)) return refusal('shipment_weight must be greater than 0');
    const reference = String(order.invoice_number);
    const { parcel, duplicate } = this.book.book(reference, order, { scenario: scenarioFromMarkers(reference, String(order.consignee_name)) });
    if (duplicate) return refusal(`Order with invoice number ${reference} already exists (waybill ${parcel.awb})`);
    return { status: 200, body: { status: 'true', response: 'Order created successfully', waybill: parcel.awb, carrier: 'Xpressbees Surface', intargos_orderid: orderIdOf(parcel) } };
  }

  private summary(waybill: string): SimResponse {
    const parcel = this.book.get(waybill);
    if (!parcel) return refusal('Waybill not found');
    const scans = [{ Status: 'Booked', Location: 'Bengaluru Hub', DateandTime: istText(parcel.bookedAt, 'DD-MM-YYYY HH:mm:ss'), Remark: 'Order booked' }, ...parcel.scans.map(row)];
    const latest = scans[scans.length - 1];
    return {
      status: 200,
      body: {
        status: 'true',
        waybill: parcel.awb,
        intargos_orderid: orderIdOf(parcel),
        summary: { status: latest.Status, location: latest.Location, lastscanned: latest.DateandTime, remark: latest.Remark },
        scans,
      },
    };
  }

  private cancel(waybill: string): SimResponse {
    switch (this.book.cancel(waybill)) {
      case 'cancelled':
        return { status: 200, body: { status: 'true', response: 'Order cancelled successfully' } };
      case 'already_cancelled':
        return refusal('Order is already cancelled');
      case 'too_late':
        return refusal('Order cannot be cancelled after pickup');
      case 'not_found':
        return refusal('Waybill not found');
    }
  }
}

function row(scan: SimScan) {
  return { Status: scan.code, Location: scan.location, DateandTime: istText(scan.at, 'DD-MM-YYYY HH:mm:ss'), Remark: scan.reason ?? scan.text };
}

function orderIdOf(parcel: SimParcel): string {
  return `ITG${parcel.awb.slice(-8)}`;
}
