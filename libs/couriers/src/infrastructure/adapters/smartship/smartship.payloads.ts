import type { BookingRequest, BookingResult, CourierRate } from '../../../../contracts';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { addressText, collectablePaise, indiaDate, singleBox } from '../shared/booking-fields';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { positiveWhole } from '../shared/live-quotes';
import type { CourierScan } from '../shared/tracking-events';
import { paiseFromRupees, rupees } from '../shared/wire';

/** SmartShip carrier ids public clients pass in `order_meta.preferred_carriers` for surface and air. */
const PREFERRED_CARRIER = { surface: 279, express: 282 } as const;
const SERVICE_OF_CARRIER = new Map<string, string>(Object.entries(PREFERRED_CARRIER).map(([service, id]) => [String(id), service]));

/** SmartShip's OAuth host sits beside its API host (api.smartship.in → oauth.smartship.in); a simulator serves both. */
export function oauthBaseOf(apiBase: string): string {
  const url = new URL(apiBase);
  if (url.hostname.startsWith('api.')) url.hostname = `oauth.${url.hostname.slice('api.'.length)}`;
  return url.toString().replace(/\/$/, '');
}

/** One `orders[]` entry of orderRegistrationOneStep: grams as text, rupees, the hub id SmartShip registered. */
export function smartshipOrder(request: BookingRequest): Record<string, unknown> {
  const box = singleBox(request);
  const consignee = request.consignee;
  return {
    client_order_reference_id: request.reference,
    shipment_type: request.reverse ? 2 : 1,
    order_collectable_amount: rupees(collectablePaise(request)),
    total_order_value: rupees(request.declaredValuePaise),
    payment_type: request.paymentMode === 'cod' ? 'cod' : 'prepaid',
    package_order_weight: String(box.weightGrams),
    package_order_length: String(box.lengthCm),
    package_order_height: String(box.heightCm),
    package_order_width: String(box.breadthCm),
    shipper_hub_id: request.pickup.warehouseCode,
    order_invoice_number: request.orderNumber,
    order_invoice_date: indiaDate(),
    order_meta: { preferred_carriers: [request.service === 'express' ? PREFERRED_CARRIER.express : PREFERRED_CARRIER.surface] },
    product_details: request.items.map((item, index) => ({
      client_product_reference_id: item.sku ?? `${request.reference}-${index + 1}`,
      product_name: item.name,
      product_category: 'General',
      product_hsn_code: item.hsnCode ?? '',
      product_quantity: item.quantity,
      product_invoice_value: rupees(item.unitPricePaise),
    })),
    consignee_details: {
      consignee_name: consignee.name,
      consignee_phone: consignee.phone,
      consignee_email: consignee.email ?? '',
      consignee_complete_address: `${addressText(consignee)}, ${consignee.city}, ${consignee.state}`,
      consignee_pincode: consignee.pincode,
    },
  };
}

/**
 * Reads orderRegistrationOneStep's answer for one reference: `errors.data_discrepancy` (refused fields), a placed
 * order (an AWB, or `awb_number: false` / carrier "NSS" when nobody serves the pincode) or `duplicate_orders`,
 * whose existing AWB is returned so one reference never gets two.
 */
export function bookingResultOf(body: Record<string, unknown>, reference: string): BookingResult {
  const data = fieldsOf(body.data);
  const discrepancy = listOf(fieldsOf(data.errors).data_discrepancy).map(fieldsOf)[0];
  if (discrepancy) throw new CourierRejected(listOf(discrepancy.error).map(String).join('; ') || 'SmartShip refused the order data', 'smartship', body);
  const placed = listOf(fieldsOf(data.success_order_details).orders)
    .map(fieldsOf)
    .find((order) => textOf(order.client_order_reference_id) === reference);
  if (placed) {
    const awb = textOf(placed.awb_number);
    if (!awb || placed.carrier_name === 'NSS') throw new CourierRejected(textOf(placed.message) ?? 'SmartShip: pincode not serviceable', 'smartship', body);
    return { awb, childAwbs: [], sortCode: textOf(placed.route_code), courierShipmentId: textOf(placed.request_order_id) };
  }
  const duplicate = fieldsOf(fieldsOf(data.duplicate_orders)[reference]);
  const existing = textOf(duplicate.awb_number);
  if (existing) return { awb: existing, childAwbs: [], sortCode: textOf(duplicate.route_code), courierShipmentId: textOf(duplicate.request_order_id) };
  throw new CourierRejected(textOf(duplicate.message) ?? textOf(body.message) ?? 'SmartShip returned no AWB', 'smartship', body);
}

/** A Trackorder row or a webhook as a scan: numeric status code, short action, longer description. */
export function smartshipScan(row: Record<string, unknown>, at: unknown): CourierScan | null {
  const rawCode = textOf(row.status_code ?? row.status);
  if (!rawCode) return null;
  const description = textOf(row.status_description);
  return { rawCode, rawStatus: textOf(row.action) ?? description ?? rawCode, location: textOf(row.location), at, remarks: description };
}

/** A lane as ServiceabilityHubWise takes it: grams and cm as for a booking, the order value in rupees. */
export interface SmartShipLane {
  origin: string;
  destination: string;
  paymentMode: 'prepaid' | 'cod';
  weightGrams: number;
  orderValuePaise: number;
  box: { lengthCm: number; breadthCm: number; heightCm: number };
  reverse: boolean;
  /** Only this Shipcrowd service's carrier; both when absent. */
  service?: string;
  /** Ask for the charges too (`cost_info`). */
  withCost: boolean;
}

/** `POST …/ServiceabilityHubWise`: `{request_info: {extra_info, cost_info}, order_info}` as public clients send it. */
export function hubWiseRequest(lane: SmartShipLane): Record<string, unknown> {
  const carriers = lane.service ? [PREFERRED_CARRIER[lane.service as keyof typeof PREFERRED_CARRIER]].filter(Boolean) : Object.values(PREFERRED_CARRIER);
  return {
    request_info: { extra_info: true, cost_info: lane.withCost },
    order_info: {
      source_pincode: lane.origin,
      destination_pincode: lane.destination,
      order_weight: String(lane.weightGrams),
      order_value: rupees(lane.orderValuePaise),
      payment_type: lane.paymentMode,
      length: String(lane.box.lengthCm),
      width: String(lane.box.breadthCm),
      height: String(lane.box.heightCm),
      shipment_type: lane.reverse ? 'return' : 'forward',
      preferred_carriers: carriers,
    },
  };
}

/** A carrier the lane answer lists, with the Shipcrowd service it sells (carriers Shipcrowd does not book are left out). */
export interface SmartShipCarrier {
  service: string;
  row: Record<string, unknown>;
}

/** `data.serviceability_status` and `data.carrier_info[]` of a ServiceabilityHubWise answer. */
export function hubWiseCarriers(body: Record<string, unknown>): { serviceable: boolean; carriers: SmartShipCarrier[] } {
  const data = fieldsOf(body.data);
  const carriers = listOf(data.carrier_info)
    .map(fieldsOf)
    .flatMap((row) => {
      const service = SERVICE_OF_CARRIER.get(textOf(row.carrier_id) ?? '');
      return service ? [{ service, row }] : [];
    });
  return { serviceable: data.serviceability_status === true && carriers.length > 0, carriers };
}

export function carrierTransitDays(row: Record<string, unknown>): number | null {
  return positiveWhole(row.delivery_tat);
}

/** A carrier's charges (asked with `cost_info`) as a Shipcrowd rate; null when SmartShip gave no total. */
export function smartshipRate({ service, row }: SmartShipCarrier): CourierRate | null {
  const totalPaise = paiseFromRupees(row.total_charge);
  if (totalPaise === null) return null;
  return {
    service,
    totalPaise,
    freightPaise: paiseFromRupees(row.freight_charge),
    codChargePaise: paiseFromRupees(row.cod_charge),
    gstPaise: paiseFromRupees(row.gst_charge),
    chargeableWeightGrams: positiveWhole(row.chargeable_weight),
    expectedTransitDays: carrierTransitDays(row),
  };
}
