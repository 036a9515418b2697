import type { BookingPackage, BookingRequest, CourierRate, PackageUpdate, RateQuery, TrackingEvent } from '../../../../contracts';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import type { DelhiveryPincode } from '../delhivery/delhivery.payloads';
import { addressText } from '../shared/booking-fields';
import { fieldsOf } from '../shared/json-http';
import { gramsFromKg, paiseFromRupees, parseIndiaTime, rupees } from '../shared/wire';
import { DELHIVERY_B2B_STATUS } from './delhivery_b2b.status-map';

const b2bStatus = statusMapper(DELHIVERY_B2B_STATUS);

/** The physical boxes: one per package, or `b2b.boxCount` identical boxes when a single package describes them all. */
export function delhiveryB2bBoxes(request: BookingRequest): BookingPackage[] {
  const count = request.b2b?.boxCount ?? 0;
  return request.packages.length === 1 && count > 1 ? Array.from({ length: count }, () => request.packages[0]) : request.packages;
}

/**
 * `POST /manifest` as multipart form fields (objects JSON-encoded, as Delhivery's B2B documentation sends them): the
 * reference as the order id, weight in grams, dimensions in cm, money in rupees, one invoice (the booking's, or the
 * order itself when no B2B invoice is given) with its e-way bill, freight on pickup (fop), Delhivery picking up (fm_pickup).
 */
export function delhiveryB2bManifestForm(request: BookingRequest): FormData {
  const boxes = delhiveryB2bBoxes(request);
  const grams = boxes.reduce((sum, box) => sum + Math.round(box.weightGrams), 0);
  const invoice = request.b2b;
  const fields: Record<string, unknown> = {
    lrn: '',
    pickup_location_name: request.pickup.warehouseCode,
    payment_mode: request.paymentMode === 'cod' ? 'cod' : 'prepaid',
    ...(request.paymentMode === 'cod' ? { cod_amount: rupees(request.codAmountPaise) } : {}),
    weight: grams,
    dropoff_location: { consignee_name: request.consignee.companyName ?? request.consignee.name, address: addressText(request.consignee), city: request.consignee.city, state: request.consignee.state, zip: request.consignee.pincode, phone: request.consignee.phone, email: request.consignee.email ?? '' },
    return_address: { name: request.returnAddress.name, address: addressText(request.returnAddress), city: request.returnAddress.city, state: request.returnAddress.state, pin: request.returnAddress.pincode, phone: request.returnAddress.phone },
    shipment_details: [{ order_id: request.reference, box_count: boxes.length, description: request.productDescription, weight: grams, waybills: [], master: false }],
    dimensions: dimensionRows(boxes),
    invoices: [{ ewaybill: invoice?.ewaybillNumber ?? '', inv_num: invoice?.invoiceNumber ?? request.orderNumber, inv_amt: rupees(invoice?.invoiceValuePaise ?? request.declaredValuePaise), inv_qr_code: '' }],
    rov_insurance: request.insured ? 'True' : 'False',
    freight_mode: 'fop',
    fm_pickup: 'True',
    enable_paperless_movement: 'False',
    billing_address: {
      name: request.pickup.name,
      company: request.pickup.companyName ?? request.pickup.name,
      consignor: request.pickup.companyName ?? request.pickup.name,
      address: addressText(request.pickup),
      city: request.pickup.city,
      state: request.pickup.state,
      pin: request.pickup.pincode,
      phone: request.pickup.phone,
      gst_number: request.pickup.gstin ?? '',
    },
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return form;
}

/** Boxes as the manifest and the LR update describe them: one dimensions row per box, in cm. */
function dimensionRows(boxes: readonly BookingPackage[]) {
  return boxes.map((box) => ({ length_cm: box.lengthCm, width_cm: box.breadthCm, height_cm: box.heightCm, box_count: 1 }));
}

/** `PUT /lrn/update/{lrn}`: the LR's new total weight in grams and its boxes (modelled on the manifest's fields). */
export function delhiveryB2bBoxUpdate(update: PackageUpdate): Record<string, unknown> {
  return {
    weight: update.packages.reduce((sum, box) => sum + Math.round(box.weightGrams), 0),
    dimensions: dimensionRows(update.packages),
    ...(update.productDescription ? { description: update.productDescription } : {}),
  };
}

/** `POST /freight/estimate` for one box: grams, cm, rupees, freight on pickup, no carrier-risk insurance. */
export function delhiveryB2bEstimateRequest(query: RateQuery): Record<string, unknown> {
  const cod = query.paymentMode === 'cod';
  return {
    dimensions: dimensionRows([query]),
    weight_g: Math.round(query.weightGrams),
    cheque_payment: false,
    source_pin: query.originPincode,
    consignee_pin: query.destinationPincode,
    payment_mode: cod ? 'cod' : 'prepaid',
    cod_amount: cod ? rupees(query.codAmountPaise) : 0,
    inv_amount: rupees(query.declaredValuePaise),
    freight_mode: 'fop',
    rov_insurance: false,
  };
}

/** The estimate (`data {total, charged_wt (kg), tat, price_breakup {base_freight_charge, fuel_surcharge, cod, gst}}`, rupees) as a rate. */
export function delhiveryB2bRate(answer: unknown): CourierRate {
  const data = fieldsOf(fieldsOf(answer).data);
  const breakup = fieldsOf(data.price_breakup);
  const total = paiseFromRupees(data.total);
  if (total === null || total <= 0) throw new CourierRejected('Delhivery B2B estimated no freight', 'delhivery_b2b', answer);
  const [base, fuel] = [paiseFromRupees(breakup.base_freight_charge), paiseFromRupees(breakup.fuel_surcharge)];
  const tat = Number(data.tat);
  return {
    service: 'ptl',
    totalPaise: total,
    freightPaise: base === null ? null : base + (fuel ?? 0),
    codChargePaise: paiseFromRupees(breakup.cod),
    gstPaise: paiseFromRupees(breakup.gst),
    chargeableWeightGrams: gramsFromKg(data.charged_wt),
    expectedTransitDays: Number.isInteger(tat) && tat > 0 ? tat : null,
  };
}

/**
 * The pincode service's answer (`data {serviceable, cod, pickup, oda}`, booleans) in the Y/N flags of Delhivery's B2C
 * pincode API, so one reading of a lane serves both (`delhiveryServiceability`).
 */
export function delhiveryB2bPincode(pin: string, answer: unknown): DelhiveryPincode {
  const data = fieldsOf(fieldsOf(answer).data);
  const yn = (value: boolean) => (value ? 'Y' : 'N');
  const serviceable = data.serviceable === true;
  return { pin, pre_paid: yn(serviceable), cod: yn(serviceable && data.cod === true), pickup: yn(data.pickup === true), is_oda: yn(data.oda === true) };
}

export interface LrStatus {
  status?: unknown;
  status_date_time?: unknown;
  location?: unknown;
  remarks?: unknown;
}

const text = (value: unknown): string => (value == null ? '' : String(value));

/**
 * The LR track answer's statuses as events. Delhivery documents the answer as the LR's latest status only; when a
 * `scans` history is present (the simulator sends one, see README) every scan is reported.
 */
export function delhiveryB2bTrackedEvents(lrnum: string, data: LrStatus & { scans?: LrStatus[] }): TrackingEvent[] {
  return (data.scans ?? [data]).flatMap((scan) => {
    const at = parseIndiaTime(scan.status_date_time);
    const code = text(scan.status);
    if (!at || !code) return [];
    const status = b2bStatus(code);
    const remarks = text(scan.remarks) || null;
    return [{ awb: lrnum, status, rawCode: code, rawStatus: code, location: text(scan.location) || null, occurredAt: at, remarks, ndrReason: status === 'ndr' ? remarks ?? code : null, chargedWeightGrams: null }];
  });
}
