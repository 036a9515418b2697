import { courierService } from '../../../../contracts';
import type { BookingRequest, BookingResult, PartyAddress } from '../../../../contracts';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { chargeableWeightGrams, indiaDate, totalWeightGrams } from '../shared/booking-fields';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { kilograms, rupees } from '../shared/wire';

/** OM bills a docket for at least 10 kg (its booking portal floors the charged weight there). */
const MIN_CHARGED_KG = 10;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** OM answers `{message: {error_status, message}, ...}`; a refusal comes as a 200 with error_status true. */
export function omRefused(body: Record<string, unknown>): boolean {
  return fieldsOf(body.message).error_status !== false;
}

export const omMessageOf = (body: unknown): string | undefined => textOf(fieldsOf(fieldsOf(body).message).message) ?? undefined;

/** YYYY-MM-DD as OM's DD/MM/YYYY. */
export function omDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** YYYY-MM-DD as the DD/MMM/YYYY ("21/Nov/2026") OM's invoice lines carry. */
export function omInvoiceDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${MONTHS[Number(month) - 1]}/${year}`;
}

/** The invoice the docket travels on; a booking without B2B details travels on its order number and declared value. */
function invoiceOf(request: BookingRequest) {
  const b2b = request.b2b;
  return {
    number: b2b?.invoiceNumber ?? request.orderNumber,
    valuePaise: b2b?.invoiceValuePaise ?? request.declaredValuePaise,
    date: b2b?.invoiceDate ?? indiaDate(),
    ewaybill: b2b?.ewaybillNumber ?? '',
  };
}

/** A party as OM's consignor (cnor_) or consignee (cee_) fields: the firm's name first, the contact beside it. */
function partyFields(prefix: 'cnor' | 'cee', party: PartyAddress): Record<string, string> {
  return {
    [`${prefix}_name`]: party.companyName ?? party.name,
    [`${prefix}_contact`]: party.name,
    [`${prefix}_address1`]: party.line1,
    [`${prefix}_address2`]: party.line2 ?? '',
    [`${prefix}_landmark`]: party.landmark ?? '',
    [`${prefix}_city`]: party.city,
    [`${prefix}_state`]: party.state,
    [`${prefix}_pincode`]: party.pincode,
    [`${prefix}_mobile`]: party.phone,
    [`${prefix}_gstin`]: party.gstin ?? '',
  };
}

/**
 * A docket (CN) booking: consignor and consignee, the invoice line OM's portal sends (INV_NO, INV_DT, NET_VAL,
 * PCKGS, ACT_WT, CH_WT), the e-way bill, one entry per box, the PTL/FTL service and an appointment flag.
 */
export function docketPayload(request: BookingRequest, customerCode: string): Record<string, unknown> {
  const divisor = courierService('om_logistics', request.service)?.volumetricDivisor ?? 4500;
  const invoice = invoiceOf(request);
  const value = rupees(invoice.valuePaise).toFixed(2);
  const units = request.items.reduce((sum, item) => sum + item.quantity, 0);
  return {
    orderid: request.reference,
    customer_code: customerCode,
    service_type: request.service.toUpperCase(),
    pickup_location: request.pickup.warehouseCode,
    ...partyFields('cnor', request.pickup),
    ...partyFields('cee', request.consignee),
    cee_email: request.consignee.email ?? '',
    ebill: invoice.ewaybill,
    appointment_delivery: request.b2b?.appointmentDelivery ? 'Y' : 'N',
    risk_type: request.insured ? 'CARRIER' : 'OWNER',
    description: request.productDescription,
    invoices: [
      {
        INV_NO: invoice.number,
        INV_DT: omInvoiceDate(invoice.date),
        NET_VAL: value,
        GROSS_VAL: value,
        PCKGS: String(request.packages.length),
        PCK_TYPE: 'CRTN_BOX',
        QTY: String(units || request.packages.length),
        ACT_WT: kilograms(totalWeightGrams(request.packages)).toFixed(2),
        CH_WT: String(Math.max(MIN_CHARGED_KG, Math.ceil(kilograms(chargeableWeightGrams(request.packages, divisor))))),
      },
    ],
    boxes: request.packages.map((box, index) => ({
      box_no: index + 1,
      length_cm: box.lengthCm,
      breadth_cm: box.breadthCm,
      height_cm: box.heightCm,
      weight_kg: kilograms(box.weightGrams),
    })),
  };
}

/** The docket number is the AWB; boxes after the first carry their own barcodes (the child AWBs). */
export function docketOf(body: Record<string, unknown>): BookingResult {
  const docket = textOf(body.AutoNumber);
  if (omRefused(body) || !docket) throw new CourierRejected(omMessageOf(body) ?? 'OM Logistics generated no docket', 'om_logistics', body);
  const childAwbs = listOf(body.boxes)
    .map(fieldsOf)
    .filter((box) => Number(box.box_no) > 1)
    .sort((a, b) => Number(a.box_no) - Number(b.box_no))
    .flatMap((box) => textOf(box.barcode) ?? []);
  return { awb: docket, childAwbs, sortCode: textOf(body.DEST_BRANCH), courierShipmentId: null };
}
