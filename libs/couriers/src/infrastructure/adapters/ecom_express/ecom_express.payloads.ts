import type { BookingRequest, CourierRate, PartyAddress, RateQuery } from '../../../../contracts';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { collectablePaise, singleBox, totalWeightGrams, volumetricWeightGrams } from '../shared/booking-fields';
import { fieldsOf as objectFields, listOf, textOf } from '../shared/json-http';
import type { CourierScan } from '../shared/tracking-events';
import { kilograms, paiseFromRupees, rupees } from '../shared/wire';

/** One `manifest_awb` entry on an allotted AWB: upper-case keys, kg, cm, rupees. */
export function manifestEntry(request: BookingRequest, awb: string, product: 'PPD' | 'COD') {
  const box = singleBox(request);
  const { consignee, pickup, returnAddress } = request;
  return {
    AWB_NUMBER: awb,
    ORDER_NUMBER: request.reference,
    PRODUCT: product,
    CONSIGNEE: consignee.name,
    CONSIGNEE_ADDRESS1: consignee.line1,
    CONSIGNEE_ADDRESS2: consignee.line2 ?? '',
    CONSIGNEE_ADDRESS3: consignee.landmark ?? '',
    DESTINATION_CITY: consignee.city,
    PINCODE: consignee.pincode,
    STATE: consignee.state,
    MOBILE: consignee.phone,
    TELEPHONE: '',
    ITEM_DESCRIPTION: request.productDescription,
    PIECES: request.packages.length,
    COLLECTABLE_VALUE: rupees(collectablePaise(request)),
    DECLARED_VALUE: rupees(request.declaredValuePaise),
    ACTUAL_WEIGHT: kilograms(totalWeightGrams(request.packages)),
    VOLUMETRIC_WEIGHT: kilograms(volumetricWeightGrams(box, 5000)),
    LENGTH: box.lengthCm,
    BREADTH: box.breadthCm,
    HEIGHT: box.heightCm,
    ...ecomParty('PICKUP', pickup),
    ...ecomParty('RETURN', returnAddress),
    SELLER_GSTIN: pickup.gstin ?? '',
    GST_HSN: request.items[0]?.hsnCode ?? '',
    DG_SHIPMENT: 'false',
    // Ecom books its express (next-day) lane as an add-on service on the same AWB series.
    ADDONSERVICE: request.service === 'express' ? ['NDD'] : [''],
  };
}

/** PICKUP_* or RETURN_* fields: the business name, two address lines, pincode, and its number as phone and mobile. */
function ecomParty(prefix: 'PICKUP' | 'RETURN', party: PartyAddress): Record<string, string> {
  const fields = { NAME: party.companyName ?? party.name, ADDRESS_LINE1: party.line1, ADDRESS_LINE2: party.line2 ?? '', PINCODE: party.pincode, PHONE: party.phone, MOBILE: party.phone };
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${prefix}_${key}`, value]));
}

/** One rate-calculator entry: Ecom's own spelling `orginPincode`, product ppd | cod, kg, the COD amount in rupees. */
export function ecomRateInput(query: RateQuery, chargeableGrams: number) {
  const cod = query.paymentMode === 'cod';
  return {
    orginPincode: query.originPincode,
    destinationPincode: query.destinationPincode,
    productType: cod ? 'cod' : 'ppd',
    chargeableWeight: kilograms(chargeableGrams),
    codAmount: cod ? rupees(query.codAmountPaise) : 0,
  };
}

/** A rate-calculator answer entry `{success, errors, chargesBreakup {FRT, FUEL, COD, GST, total_charge}}` (rupees) as a rate. */
export function ecomRate(service: string, entry: unknown): CourierRate {
  const answer = objectFields(entry);
  const charges = objectFields(answer.chargesBreakup);
  const total = paiseFromRupees(charges.total_charge);
  if (answer.success !== true || total === null) {
    const errors = listOf(answer.errors).map(String).join('; ');
    throw new CourierRejected(errors || 'Ecom Express quoted no price', 'ecom_express', entry);
  }
  const [freight, fuel] = [paiseFromRupees(charges.FRT), paiseFromRupees(charges.FUEL)];
  return {
    service,
    totalPaise: total,
    freightPaise: freight === null ? null : freight + (fuel ?? 0),
    codChargePaise: paiseFromRupees(charges.COD),
    gstPaise: paiseFromRupees(charges.GST),
    chargeableWeightGrams: null,
    expectedTransitDays: null,
  };
}

interface XmlAwb {
  fields: Record<string, string>;
  scans: Record<string, string>[];
}

/**
 * Reads the `track_me` XML: `<object model="awb">` entries of `<field name="...">` values, whose `scans` field holds
 * `<object model="scan_stages">` entries. Only this fixed, attribute-free layout is read, so a small scanner does.
 */
export function readTrackingXml(xml: string): XmlAwb[] {
  return xml
    .split(/<object\b[^>]*\bmodel="awb"[^>]*>/)
    .slice(1)
    .map((chunk) => {
      const [head, scans = ''] = chunk.split(/<field\b[^>]*\bname="scans"[^>]*>/);
      return { fields: fieldsOf(head), scans: scans.split(/<object\b[^>]*\bmodel="scan_stages"[^>]*>/).slice(1).map((scan) => fieldsOf(scan.split('</object>')[0])) };
    });
}

function fieldsOf(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of xml.matchAll(/<field\b[^>]*\bname="([^"]+)"[^>]*>([^<]*)<\/field>/g)) fields[name] ??= decodeXml(value).trim();
  return fields;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** One scan from the XML (updated_on, location_city) or a webhook (datetime, location). */
export function ecomScan(scan: Record<string, unknown>): CourierScan | null {
  const rawCode = textOf(scan.reason_code_number);
  if (!rawCode) return null;
  const reasonCode = textOf(scan.reason_code);
  return {
    rawCode,
    rawStatus: textOf(scan.status) ?? rawCode,
    location: textOf(scan.location_city) ?? textOf(scan.location),
    at: isoLocalTime(textOf(scan.updated_on)) ?? scan.datetime,
    remarks: reasonCode,
    // reason_code reads "<code> - <reason>".
    ndrReason: reasonCode?.replace(/^\d+\s*-\s*/, '') || null,
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "21 Nov, 2026, 14:05" -> "2026-11-21 14:05" (still India time, as parseIndiaTime reads it). */
function isoLocalTime(value: string | null): string | null {
  const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*,? (\d{4}),? (\d{1,2}):(\d{2})/.exec(value ?? '');
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
  if (!m || month === 0) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')} ${m[4].padStart(2, '0')}:${m[5]}`;
}
