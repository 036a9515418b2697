import type { BookingRequest, PartyAddress } from '../../../../contracts';
import { totalWeightGrams } from '../shared/booking-fields';
import { textOf } from '../shared/json-http';
import type { CourierScan } from '../shared/tracking-events';
import { kilograms, rupees } from '../shared/wire';

/** Shipcrowd service -> Shipsy `service_type_id` for DTDC. */
const SERVICE_TYPES: Readonly<Record<string, string>> = { surface: 'GROUND EXPRESS', express: 'B2C PRIORITY' };

/** One softdata consignment: kg and cm as strings (as Shipsy's examples send them), rupees as numbers. */
export function softdataConsignment(request: BookingRequest, customerCode: string) {
  const cod = request.paymentMode === 'cod';
  const box = request.packages[0];
  const valuePerPiece = rupees(request.declaredValuePaise / request.packages.length);
  // A reverse pickup starts at the buyer and ends at the warehouse.
  const [origin, destination] = request.reverse ? [request.consignee, request.pickup] : [request.pickup, request.consignee];
  return {
    customer_code: customerCode,
    service_type_id: SERVICE_TYPES[request.service] ?? request.service,
    load_type: 'NON-DOCUMENT',
    consignment_type: request.reverse ? 'reverse' : 'forward',
    description: request.productDescription,
    dimension_unit: 'cm',
    length: String(box.lengthCm),
    width: String(box.breadthCm),
    height: String(box.heightCm),
    weight_unit: 'kg',
    weight: String(kilograms(totalWeightGrams(request.packages))),
    declared_value: rupees(request.declaredValuePaise),
    num_pieces: String(request.packages.length),
    origin_details: shipsyAddress(origin),
    destination_details: shipsyAddress(destination),
    return_details: shipsyAddress(request.returnAddress),
    customer_reference_number: request.reference,
    cod_collection_mode: cod ? 'cash' : '',
    cod_amount: cod ? String(rupees(request.codAmountPaise)) : '',
    is_risk_surcharge_applicable: request.insured,
    invoice_number: request.b2b?.invoiceNumber ?? request.orderNumber,
    pieces_detail: request.packages.map((p) => ({
      description: request.productDescription,
      declared_value: valuePerPiece,
      weight: String(kilograms(p.weightGrams)),
      length: String(p.lengthCm),
      width: String(p.breadthCm),
      height: String(p.heightCm),
    })),
  };
}

function shipsyAddress(party: PartyAddress) {
  return {
    name: party.companyName ? `${party.name}, ${party.companyName}` : party.name,
    phone: party.phone,
    alternate_phone: '',
    address_line_1: party.line1,
    address_line_2: [party.line2, party.landmark].filter(Boolean).join(', '),
    pincode: party.pincode,
    city: party.city,
    state: party.state,
  };
}

export interface DtdcTrackDetail {
  strCode?: unknown;
  strAction?: unknown;
  strOrigin?: unknown;
  strActionDate?: unknown;
  strActionTime?: unknown;
  sTrRemarks?: unknown;
}

/** DTDC lists scans oldest first, dated DDMMYYYY at HHMM (India time). */
export function dtdcScans(details: readonly DtdcTrackDetail[]): CourierScan[] {
  return details.flatMap((detail) => {
    const rawCode = textOf(detail.strCode);
    return rawCode ? [{ rawCode, rawStatus: textOf(detail.strAction) ?? rawCode, location: textOf(detail.strOrigin), at: isoLocalTime(detail.strActionDate, detail.strActionTime), remarks: textOf(detail.sTrRemarks) }] : [];
  });
}

/** "21112026" + "1405" -> "2026-11-21 14:05" (still India time, as parseIndiaTime reads it). */
function isoLocalTime(date: unknown, time: unknown): string | null {
  const d = /^(\d{2})(\d{2})(\d{4})$/.exec(textOf(date) ?? '');
  const t = /^(\d{2}):?(\d{2})$/.exec(textOf(time) ?? '');
  return d ? `${d[3]}-${d[2]}-${d[1]} ${t ? `${t[1]}:${t[2]}` : '00:00'}` : null;
}
