import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, StepCodes } from './parcel-book';
import { advanceAndPush, istText } from './sim-auth-helpers';
import { SimBearerAuth } from './sim-bearer-auth';
import { simLabelPdf } from './sim-label-pdf';

export interface DtdcSimulatorOptions {
  /** Shipsy `api-key` header for booking and cancel. */
  apiKey: string;
  customerCode: string;
  /** DTDC tracking service login. */
  trackingUsername: string;
  trackingPassword: string;
}

export const DTDC_SIM_CODES: StepCodes = {
  manifested: { code: 'BKD', text: 'Booked' },
  pickup_scheduled: { code: 'PCSC', text: 'Pickup Scheduled' },
  picked_up: { code: 'PCUP', text: 'Picked Up' },
  in_transit: { code: 'CDOUT', text: 'Dispatched' },
  out_for_delivery: { code: 'OUTDLV', text: 'Out For Delivery' },
  ndr: { code: 'NONDLV', text: 'Not Delivered' },
  delivered: { code: 'DLV', text: 'Delivered' },
  rto_initiated: { code: 'SETRTO', text: 'Set RTO' },
  rto_in_transit: { code: 'RTO', text: 'RTO In Transit' },
  rto_delivered: { code: 'RTODLV', text: 'RTO Delivered' },
  lost: { code: 'LOST', text: 'Shipment Lost' },
  cancelled: { code: 'CAN', text: 'Cancelled' },
};

interface ShipsyAddress {
  name?: string;
  phone?: string;
  address_line_1?: string;
  pincode?: string;
  city?: string;
  state?: string;
}

/** One consignment of a softdata upload, as Shipsy receives it (kg and cm as strings, rupees). */
export interface DtdcConsignment {
  customer_code?: string;
  service_type_id?: string;
  consignment_type?: string;
  weight?: string;
  num_pieces?: string;
  declared_value?: number;
  origin_details?: ShipsyAddress;
  destination_details?: ShipsyAddress;
  customer_reference_number?: string;
  cod_collection_mode?: string;
  cod_amount?: string;
  pieces_detail?: unknown[];
}

const SERVICE_TYPES = new Set(['GROUND EXPRESS', 'B2C PRIORITY', 'B2C SMART EXPRESS', 'PRIORITY', 'STD EXP-A']);
const LABEL_CODES = new Set(['SHIP_LABEL_4X6', 'SHIP_LABEL_A4']);
const ADDRESS_FIELDS = ['name', 'phone', 'address_line_1', 'pincode', 'city', 'state'] as const;

/**
 * DTDC, whose booking runs on Shipsy and whose tracking is DTDC's own service; both live under `/dtdc` here:
 * `POST /api/customer/integration/consignment/softdata` and `.../consignment/cancel` with the `api-key` header
 * (answer `{status: 'OK', data: [{success, reference_number | reason, message}]}`, a bad key is 401
 * `{error: {message, reason, statusCode}}`), `GET .../consignment/shippinglabel/stream?reference_number&label_code&label_format`
 * streaming the consignment's label PDF, `GET /dtdc-api/api/dtdc/authenticate?username&password` answering the
 * token as text, `POST /dtdc-api/rest/JSONCnTrk/getTrackDetails` with `X-Access-Token` (dates DDMMYYYY, times HHMM,
 * scans oldest first). DTDC pushes no webhooks. AWBs look like D1000000001; piece AWBs follow the master.
 */
export class DtdcSimulator implements CourierApiSimulator {
  readonly prefix = 'dtdc';
  readonly parcels = new ParcelBook<DtdcConsignment>({ awbPrefix: 'D1', awbLength: 11, codes: DTDC_SIM_CODES, hubs: ['Bangalore Hub', 'Bhiwandi APEX', 'Mumbai Fort Branch'] });
  readonly trackingAuth: SimBearerAuth;

  constructor(private readonly options: DtdcSimulatorOptions) {
    this.trackingAuth = new SimBearerAuth({ user: options.trackingUsername, password: options.trackingPassword });
  }

  serverErrorBody(status: number): unknown {
    return { error: { message: 'Internal server error', reason: 'INTERNAL_SERVER_ERROR', statusCode: status } };
  }

  handle(request: SimRequest): SimResponse {
    switch (`${request.method} ${request.path}`) {
      case 'POST /api/customer/integration/consignment/softdata':
        return this.withApiKey(request, () => this.softdata(request.json));
      case 'POST /api/customer/integration/consignment/cancel':
        return this.withApiKey(request, () => this.cancel(request.json as { AWBNo?: unknown; customerCode?: unknown } | undefined));
      case 'GET /api/customer/integration/consignment/shippinglabel/stream':
        return this.withApiKey(request, () => this.shippingLabel(request.query));
      case 'GET /dtdc-api/api/dtdc/authenticate': {
        const token = this.trackingAuth.login(request.query.username, request.query.password);
        return token ? { status: 200, body: null, text: token } : { status: 401, body: null, text: 'Invalid Username or Password' };
      }
      case 'POST /dtdc-api/rest/JSONCnTrk/getTrackDetails':
        return this.track(request);
      default:
        return { status: 404, body: { error: { message: 'Not Found', reason: 'NOT_FOUND', statusCode: 404 } } };
    }
  }

  /** DTDC moves parcels along; it pushes nothing (Shipcrowd polls its tracking service). */
  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.parcels, awb, steps);
  }

  configureWebhook(): void {
    // No push API at DTDC.
  }

  private withApiKey(request: SimRequest, answer: () => SimResponse): SimResponse {
    if (request.headers['api-key'] === this.options.apiKey) return answer();
    return { status: 401, body: { error: { message: 'Invalid API key', reason: 'UNAUTHORIZED', statusCode: 401 } } };
  }

  private softdata(body: unknown): SimResponse {
    const consignments = (body as { consignments?: unknown } | undefined)?.consignments;
    if (!Array.isArray(consignments) || consignments.length === 0) {
      return { status: 400, body: { error: { message: 'consignments is required', reason: 'INVALID_REQUEST', statusCode: 400 } } };
    }
    return { status: 200, body: { status: 'OK', data: consignments.map((c: DtdcConsignment) => this.upload(c)) } };
  }

  private upload(c: DtdcConsignment): Record<string, unknown> {
    const reference = c.customer_reference_number;
    const refused = (reason: string, message: string) => ({ success: false, reason, message, customer_reference_number: reference ?? null });
    if (c.customer_code !== this.options.customerCode) return refused('INVALID_CUSTOMER_CODE', 'Customer code is not valid for this API key');
    if (!SERVICE_TYPES.has(c.service_type_id ?? '')) return refused('INVALID_SERVICE_TYPE', `Service type ${c.service_type_id ?? ''} is not enabled`);
    if (!reference) return refused('MISSING_FIELD', 'customer_reference_number is required');
    for (const side of ['origin_details', 'destination_details'] as const) {
      const missing = ADDRESS_FIELDS.find((field) => !c[side]?.[field]);
      if (missing) return refused('MISSING_FIELD', `${side}.${missing} is required`);
      if (!/^\d{6}$/.test(c[side]!.pincode!)) return refused('INVALID_PINCODE', `${side}.pincode must be a 6 digit pincode`);
    }
    if (c.destination_details!.pincode === '000000') return refused('PINCODE_NOT_SERVICEABLE', 'Destination pincode is not serviceable');
    const pieces = Number(c.num_pieces);
    if (!(Number(c.weight) > 0) || !(pieces >= 1) || (c.pieces_detail && c.pieces_detail.length !== pieces)) return refused('INVALID_WEIGHT_OR_PIECES', 'weight and num_pieces must match pieces_detail');
    if (c.cod_collection_mode && !(Number(c.cod_amount) > 0)) return refused('INVALID_COD_AMOUNT', 'cod_amount is required for a COD consignment');
    const { parcel, duplicate } = this.parcels.book(reference, c, { pieces });
    if (duplicate) return refused('DUPLICATE_REFERENCE_NUMBER', `Consignment with customer reference number ${reference} already exists`);
    return {
      success: true,
      reference_number: parcel.awb,
      customer_reference_number: reference,
      courier_partner: 'DTDC',
      chargeable_weight: Number(c.weight),
      pieces: [parcel.awb, ...parcel.childAwbs].map((piece) => ({ reference_number: piece })),
    };
  }

  private cancel(body: { AWBNo?: unknown; customerCode?: unknown } | undefined): SimResponse {
    const awbs = Array.isArray(body?.AWBNo) ? body!.AWBNo.map(String) : [];
    if (awbs.length === 0 || body?.customerCode !== this.options.customerCode) {
      return { status: 400, body: { error: { message: 'AWBNo and a valid customerCode are required', reason: 'INVALID_REQUEST', statusCode: 400 } } };
    }
    const messages = { already_cancelled: 'Consignment is already cancelled', too_late: 'Consignment cannot be cancelled after pickup', not_found: 'Consignment not found' };
    const outcomes = awbs.map((awb) => ({ awb, outcome: this.parcels.cancel(awb) }));
    return {
      status: 200,
      body: {
        status: 'OK',
        success: outcomes.every((o) => o.outcome === 'cancelled'),
        successConsignments: outcomes.filter((o) => o.outcome === 'cancelled').map((o) => ({ reference_number: o.awb, message: 'Cancelled' })),
        failures: outcomes.flatMap((o) => (o.outcome === 'cancelled' ? [] : [{ reference_number: o.awb, message: messages[o.outcome] }])),
      },
    };
  }

  /** Shipsy streams the label PDF itself (no link); an unknown or cancelled consignment is a 400 in Shipsy's error shape. */
  private shippingLabel(query: Record<string, string>): SimResponse {
    const refused = (reason: string, message: string): SimResponse => ({ status: 400, body: { error: { message, reason, statusCode: 400 } } });
    if (!LABEL_CODES.has(query.label_code ?? '') || query.label_format !== 'pdf') return refused('INVALID_REQUEST', `label_code must be one of ${[...LABEL_CODES].join(', ')} and label_format pdf`);
    const parcel = this.parcels.get(query.reference_number ?? '');
    if (!parcel) return refused('CONSIGNMENT_NOT_FOUND', `Consignment ${query.reference_number ?? ''} not found`);
    if (parcel.cancelled) return refused('CONSIGNMENT_CANCELLED', `Consignment ${parcel.awb} is cancelled`);
    const c = parcel.booking;
    const to = c.destination_details ?? {};
    const pdf = simLabelPdf([
      'DTDC',
      `CN ${parcel.awb}  ${c.service_type_id ?? ''}`,
      `Ref ${parcel.reference}`,
      `To: ${to.name ?? ''}`,
      to.address_line_1 ?? '',
      `${to.city ?? ''} ${to.pincode ?? ''}`,
      `Pieces ${1 + parcel.childAwbs.length}  Weight ${c.weight ?? ''} kg`,
      c.cod_collection_mode ? `COD Rs ${c.cod_amount ?? ''}` : 'PREPAID',
    ]);
    return { status: 200, body: pdf, headers: { 'content-type': 'application/pdf' } };
  }

  private track(request: SimRequest): SimResponse {
    if (!this.trackingAuth.valid(request.headers['x-access-token'])) {
      return { status: 401, body: { statusCode: 401, statusFlag: false, status: 'FAILED', errorDetails: [{ name: 'X-Access-Token', value: 'Invalid or expired token' }] } };
    }
    const { trkType, strcnno = '', addtnlDtl } = request.fields;
    const parcel = trkType === 'cnno' ? this.parcels.get(strcnno) : undefined;
    if (!parcel) return { status: 200, body: { statusCode: 200, statusFlag: false, status: 'FAILED', errorDetails: [{ name: 'strShipmentNo', value: 'No data found' }], trackHeader: null, trackDetails: null } };
    return { status: 200, body: { statusCode: 200, statusFlag: true, status: 'SUCCESS', errorDetails: null, trackHeader: header(parcel), trackDetails: addtnlDtl === 'Y' ? details(parcel) : [] } };
  }
}

/** DTDC writes dates DDMMYYYY and times HHMM. */
function dtdcDateTime(at: Date): { date: string; time: string } {
  const [, d, mo, y, h, mi] = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})/.exec(istText(at, 'DD-MM-YYYY HH:mm:ss'))!;
  return { date: `${d}${mo}${y}`, time: `${h}${mi}` };
}

function header(parcel: SimParcel<DtdcConsignment>): Record<string, string> {
  const booked = dtdcDateTime(parcel.bookedAt);
  const last = parcel.scans.at(-1);
  const lastAt = last ? dtdcDateTime(last.at) : booked;
  return {
    strShipmentNo: parcel.awb,
    strRefNo: parcel.reference,
    strCNProduct: parcel.booking.service_type_id ?? '',
    strOrigin: parcel.booking.origin_details?.city ?? '',
    strDestination: parcel.booking.destination_details?.city ?? '',
    strBookedDate: booked.date,
    strBookedTime: booked.time,
    strPieces: String(1 + parcel.childAwbs.length),
    strWeightUnit: 'Kg',
    strWeight: String(parcel.measuredWeightGrams !== null ? parcel.measuredWeightGrams / 1000 : parcel.booking.weight),
    strStatus: last?.text ?? 'Softdata Upload',
    strStatusTransOn: lastAt.date,
    strStatusTransTime: lastAt.time,
    strRemarks: last?.reason ?? '',
  };
}

function details(parcel: SimParcel<DtdcConsignment>): Record<string, string>[] {
  return parcel.scans.map((scan) => {
    const at = dtdcDateTime(scan.at);
    return {
      strCode: scan.code,
      strAction: scan.text,
      strManifestNo: '',
      strOrigin: scan.location,
      strDestination: parcel.booking.destination_details?.city ?? '',
      strActionDate: at.date,
      strActionTime: at.time,
      sTrRemarks: scan.reason ?? '',
    };
  });
}
