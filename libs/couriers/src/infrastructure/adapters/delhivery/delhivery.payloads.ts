import type { BookingRequest, CourierRate, CourierServiceability, ServiceabilityQuery, TrackingEvent } from '../../../../contracts';
import { CourierRejected, WebhookMalformed } from '../../../application/ports/courier-provider';
import { addressText } from '../shared/booking-fields';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { paiseFromRupees, parseIndiaTime, rupees } from '../shared/wire';
import { delhiveryRawCode, delhiveryScanStatus } from './delhivery.status-map';

/**
 * The `data` JSON of `POST /api/cmu/create.json`: one shipment per box. A multi-box booking is a Delhivery MPS:
 * every piece carries its pre-fetched waybill, the master's waybill as `master_id`, and the COD total on the master.
 * Weight in grams (Delhivery's current field doc), dimensions in cm, money in rupees.
 */
export function delhiveryCreatePayload(request: BookingRequest, waybills: readonly string[]): Record<string, unknown> {
  const mps = request.packages.length > 1;
  const cod = request.paymentMode === 'cod';
  const paymentMode = request.reverse ? 'Pickup' : cod ? 'COD' : 'Prepaid';
  const shipments = request.packages.map((box, i) => ({
    name: request.consignee.name,
    add: addressText(request.consignee),
    pin: request.consignee.pincode,
    city: request.consignee.city,
    state: request.consignee.state,
    country: 'India',
    phone: request.consignee.phone,
    order: request.reference,
    payment_mode: paymentMode,
    cod_amount: cod && i === 0 ? rupees(request.codAmountPaise) : 0,
    total_amount: rupees(request.declaredValuePaise),
    products_desc: request.productDescription,
    hsn_code: request.items.map((item) => item.hsnCode).filter(Boolean).join(','),
    quantity: String(request.items.reduce((sum, item) => sum + item.quantity, 0)),
    weight: Math.round(box.weightGrams),
    shipment_length: box.lengthCm,
    shipment_width: box.breadthCm,
    shipment_height: box.heightCm,
    shipping_mode: request.service === 'express' ? 'Express' : 'Surface',
    waybill: waybills[i] ?? '',
    consignee_gst_tin: request.consignee.gstin ?? '',
    seller_name: request.pickup.companyName ?? request.pickup.name,
    seller_add: addressText(request.pickup),
    seller_gst_tin: request.pickup.gstin ?? '',
    return_name: request.returnAddress.name,
    return_add: addressText(request.returnAddress),
    return_pin: request.returnAddress.pincode,
    return_city: request.returnAddress.city,
    return_state: request.returnAddress.state,
    return_phone: request.returnAddress.phone,
    return_country: 'India',
    fragile_shipment: request.handling.includes('fragile'),
    dangerous_good: request.handling.includes('dangerous_goods'),
    ...(mps ? { shipment_type: 'MPS', master_id: waybills[0], mps_children: request.packages.length, mps_amount: cod ? rupees(request.codAmountPaise) : 0 } : {}),
  }));
  return { shipments, pickup_location: { name: request.pickup.warehouseCode } };
}

/** One Delhivery scan, from a tracking ScanDetail or a pushed Shipment.Status. */
export interface DelhiveryScanFields {
  type: unknown;
  status: unknown;
  nsl: unknown;
  location: unknown;
  at: unknown;
  instructions: unknown;
}


const text = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));

/** The scan in the unified taxonomy, raw code (StatusType/NSL) and wording kept; null when it has no readable time. */
export function delhiveryEvent(awb: string, scan: DelhiveryScanFields): TrackingEvent | null {
  const occurredAt = parseIndiaTime(scan.at);
  if (!occurredAt) return null;
  const [type, status, nsl, instructions] = [text(scan.type), text(scan.status), text(scan.nsl) || null, text(scan.instructions)];
  const unified = delhiveryScanStatus(type, status, nsl);
  return {
    awb,
    status: unified,
    rawCode: delhiveryRawCode(type, status, nsl),
    rawStatus: status,
    location: text(scan.location) || null,
    occurredAt,
    remarks: instructions || null,
    ndrReason: unified === 'ndr' ? instructions || nsl : null,
    chargedWeightGrams: null,
  };
}

interface TrackedShipment {
  AWB?: unknown;
  ChargedWeight?: unknown;
  Scans?: { ScanDetail?: Record<string, unknown> }[];
}

/** `GET /api/v1/packages/json/` answer -> scans per waybill (waybills Delhivery does not know are absent). */
export function delhiveryTrackedEvents(body: unknown): Map<string, TrackingEvent[]> {
  const result = new Map<string, TrackingEvent[]>();
  const shipments = (body as { ShipmentData?: { Shipment?: TrackedShipment }[] } | null)?.ShipmentData ?? [];
  for (const { Shipment: shipment } of shipments) {
    const awb = text(shipment?.AWB);
    if (!awb) continue;
    const events = (shipment?.Scans ?? [])
      .map(({ ScanDetail: d = {} }) => delhiveryEvent(awb, { type: d.ScanType, status: d.Scan, nsl: d.StatusCode, location: d.ScannedLocation, at: d.StatusDateTime ?? d.ScanDateTime, instructions: d.Instructions }))
      .filter((e): e is TrackingEvent => e !== null);
    const weighed = Number(shipment?.ChargedWeight);
    if (events.length && weighed > 0) events[events.length - 1].chargedWeightGrams = Math.round(weighed);
    result.set(awb, events);
  }
  return result;
}

/** A Delhivery scan push (`{Shipment: {Status, NSLCode, AWB, ...}}`, one or a list) -> events. */
export function delhiveryPushedEvents(body: unknown): TrackingEvent[] {
  const pushes = Array.isArray(body) ? body : [body];
  return pushes.map((push) => {
    const shipment = (push as { Shipment?: { AWB?: unknown; NSLCode?: unknown; Status?: Record<string, unknown> } } | null)?.Shipment;
    const status = shipment?.Status;
    const awb = text(shipment?.AWB);
    const event = status && awb ? delhiveryEvent(awb, { type: status.StatusType, status: status.Status, nsl: shipment.NSLCode, location: status.StatusLocation, at: status.StatusDateTime, instructions: status.Instructions }) : null;
    if (!event) throw new WebhookMalformed('Delhivery scan push without Shipment.AWB, Status or a readable StatusDateTime');
    return event;
  });
}

/** One `delivery_codes[].postal_code` of the pincode API: Y/N flags, limits in kg and rupees (0 = none published). */
export interface DelhiveryPincode {
  pin?: unknown;
  pre_paid?: unknown;
  cod?: unknown;
  pickup?: unknown;
  is_oda?: unknown;
  max_weight?: unknown;
  max_amount?: unknown;
}

/** `GET /c/api/pin-codes/json/` answer -> its postal codes (a pincode Delhivery does not know is absent). */
export function delhiveryPincodes(body: unknown): DelhiveryPincode[] {
  return listOf(fieldsOf(body).delivery_codes).flatMap((entry) => {
    const code = fieldsOf(entry).postal_code;
    return code && typeof code === 'object' ? [code as DelhiveryPincode] : [];
  });
}

const flag = (value: unknown): boolean => value === 'Y';
/** A published limit (kg or rupees) in grams or paise; null when Delhivery publishes none (0). */
const limit = (value: unknown, scale: number): number | null => (Number(value) > 0 ? Math.round(Number(value) * scale) : null);

/**
 * A lane from the two pincodes' flags: delivery at the destination (`pre_paid`, `cod`, `is_oda`, `max_weight`,
 * `max_amount` for COD), pickup at the origin (`pickup`), and a reverse pickup where the buyer is (the origin of a
 * reverse query, else the destination). Delhivery runs both of its modes wherever it delivers; the pincode API gives
 * no transit time.
 */
export function delhiveryServiceability(query: ServiceabilityQuery, codes: readonly DelhiveryPincode[], services: readonly string[]): CourierServiceability {
  const find = (pin: string) => codes.find((code) => textOf(code.pin) === pin);
  const [origin, destination] = [find(query.originPincode), find(query.destinationPincode)];
  const buyer = query.reverse ? origin : destination;
  const maxCod = limit(destination?.max_amount, 100);
  const maxWeight = limit(destination?.max_weight, 1000);
  const lane = {
    prepaid: flag(destination?.pre_paid),
    cod: flag(destination?.cod) && (maxCod === null || query.codAmountPaise <= maxCod),
    pickup: flag(origin?.pickup),
    reverse: flag(buyer?.pickup),
    oda: flag(destination?.is_oda),
  };
  const reason = laneRefusal(query, destination, lane, { maxCod, maxWeight });
  return { serviceable: reason === null, ...lane, services: reason === null ? [...services] : [], expectedTransitDays: null, reason };
}

/** Why Delhivery cannot take the query on this lane, in the order a seller would look: delivery, pickup, payment, weight. */
function laneRefusal(
  query: ServiceabilityQuery,
  destination: DelhiveryPincode | undefined,
  lane: { prepaid: boolean; cod: boolean; pickup: boolean; reverse: boolean },
  limits: { maxCod: number | null; maxWeight: number | null },
): string | null {
  const to = query.destinationPincode;
  if (!destination || (!flag(destination.pre_paid) && !flag(destination.cod))) return `Delhivery does not deliver to pincode ${to}`;
  if (query.reverse && !lane.reverse) return `Delhivery takes no reverse pickups at pincode ${query.originPincode}`;
  if (!query.reverse && !lane.pickup) return `Delhivery does not pick up from pincode ${query.originPincode}`;
  if (query.paymentMode === 'cod' && !lane.cod) return flag(destination.cod) ? `COD above Rs ${limits.maxCod! / 100} not available at pincode ${to}` : `COD not available at pincode ${to}`;
  if (query.paymentMode === 'prepaid' && !lane.prepaid) return `Prepaid not available at pincode ${to}`;
  if (limits.maxWeight !== null && query.weightGrams > limits.maxWeight) return `Pincode ${to} takes parcels up to ${limits.maxWeight / 1000} kg`;
  return null;
}

/**
 * The invoice-charges answer (a one-entry list, rupees) as a rate: `total_amount` with GST, `gross_amount` before it,
 * `charge_COD`, and `tax_data` IGST or CGST + SGST. Freight is everything before tax that is not the COD charge
 * (delivery charge, fuel surcharge, ...). `charged_weight` is in grams.
 */
export function delhiveryRate(service: string, body: unknown): CourierRate {
  const charges = fieldsOf(listOf(body)[0]);
  const total = paiseFromRupees(charges.total_amount);
  if (total === null || total <= 0) throw new CourierRejected(textOf(charges.error) ?? `Delhivery quoted no price for ${service}`, 'delhivery', body);
  const gross = paiseFromRupees(charges.gross_amount);
  const cod = paiseFromRupees(charges.charge_COD);
  const tax = fieldsOf(charges.tax_data);
  const taxes = ['IGST', 'CGST', 'SGST'].map((name) => paiseFromRupees(tax[name]));
  const weighed = Number(charges.charged_weight);
  return {
    service,
    totalPaise: total,
    freightPaise: gross === null ? null : gross - (cod ?? 0),
    codChargePaise: cod,
    gstPaise: taxes.some((t) => t !== null) ? taxes.reduce<number>((sum, t) => sum + (t ?? 0), 0) : null,
    chargeableWeightGrams: weighed > 0 ? Math.round(weighed) : null,
    expectedTransitDays: null,
  };
}
