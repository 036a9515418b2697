import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, SimParcel, StepCodes, scenarioFromMarkers } from './parcel-book';
import { SimTokenIssuer, advanceAndPush, bearerTokenOf, istText, jsonBody, missingFields, unserviceablePincode } from './sim-auth-helpers';

export interface OmLogisticsSimulatorOptions {
  username: string;
  password: string;
  /** The consignor (billing party) code OM assigned to the account. */
  customerCode: string;
}

/** The docket booking as OM received it. */
export type OmDocket = Record<string, unknown>;

const API = '/api/v1';
/** Above this invoice value (rupees) goods move only with an e-way bill (GST rules). */
const EWAY_BILL_THRESHOLD = 50_000;

const CODES: StepCodes = {
  manifested: { code: 'MNF', text: 'Load manifested at origin branch' },
  pickup_scheduled: { code: 'PKS', text: 'Pickup scheduled' },
  picked_up: { code: 'PKD', text: 'Picked up from consignor' },
  in_transit: { code: 'DEP', text: 'Departed from branch' },
  out_for_delivery: { code: 'OFD', text: 'Out for delivery' },
  ndr: { code: 'UND', text: 'Undelivered' },
  delivered: { code: 'DLV', text: 'Delivered, POD taken' },
  rto_initiated: { code: 'RTI', text: 'Return to consignor initiated' },
  rto_in_transit: { code: 'RTT', text: 'Return in transit' },
  rto_delivered: { code: 'RTD', text: 'Returned to consignor' },
  lost: { code: 'SHT', text: 'Shortage: consignment not traceable' },
  cancelled: { code: 'CAN', text: 'Docket cancelled' },
};

const REQUIRED = ['orderid', 'customer_code', 'service_type', 'pickup_location', 'cnor_name', 'cnor_pincode', 'cee_name', 'cee_address1', 'cee_city', 'cee_pincode', 'cee_mobile'];
const REQUIRED_INVOICE = ['INV_NO', 'INV_DT', 'NET_VAL', 'PCKGS', 'CH_WT'];
const NDR_ACTIONS = ['REATTEMPT', 'RESCHEDULE', 'RTO'];

const done = (message: string, fields: Record<string, unknown> = {}): SimResponse => ({ status: 200, body: { message: { error_status: false, message }, ...fields } });
const refused = (message: string): SimResponse => ({ status: 200, body: { message: { error_status: true, message } } });

/**
 * OM Logistics' docket API as Shipcrowd models it (OM publishes none; field names follow OM's own booking portal:
 * cee_* consignee fields, INV_NO / INV_DT "DD/MMM/YYYY" / NET_VAL / PCKGS / ACT_WT / CH_WT invoice lines, the docket
 * number returned as `AutoNumber`, refusals as `{message: {error_status: true, message}}` in a 200). A token from
 * `POST /api/v1/auth/token`; `/api/v1/cn/{create,track,cancel,ndr-action,print-data}` and `/api/v1/pickup/request`.
 * History rows carry STATUS_DATE as DD/MM/YYYY HH:mm IST. Freight rules: one barcode per box, a 10 kg charged
 * minimum, an e-way bill above Rs 50,000, invoice numbers not reused. OM pushes nothing.
 */
export class OmLogisticsSimulator implements CourierApiSimulator {
  readonly prefix = 'om-logistics';
  readonly book = new ParcelBook<OmDocket>({ awbPrefix: '30', awbLength: 10, codes: CODES, hubs: ['Bengaluru Branch', 'Nagpur Transhipment', 'Bhiwandi Branch'] });
  readonly tokens = new SimTokenIssuer(12 * 3600);
  private readonly account: OmLogisticsSimulatorOptions;
  private ndrRequests = 0;

  constructor(options: Partial<OmLogisticsSimulatorOptions> = {}) {
    this.account = {
      username: options.username ?? 'SANDBOXSHIPCROWD',
      password: options.password ?? 'sandbox-om-password',
      customerCode: options.customerCode ?? 'SC0001',
    };
  }

  serverErrorBody(): unknown {
    return { message: { error_status: true, message: 'Internal server error' } };
  }

  handle(request: SimRequest): SimResponse {
    const body = jsonBody(request);
    if (request.method === 'POST' && request.path === `${API}/auth/token`) return this.login(body);
    if (!this.tokens.accepts(bearerTokenOf(request))) return { status: 401, body: { message: { error_status: true, message: 'Invalid or expired token' } } };
    const docket = request.query.cnno ?? '';
    switch (`${request.method} ${request.path}`) {
      case `POST ${API}/cn/create`:
        return this.create(body);
      case `GET ${API}/cn/track`:
        return this.track(docket);
      case `POST ${API}/cn/cancel`:
        return this.cancel(String(body.cnno ?? ''));
      case `POST ${API}/pickup/request`:
        return this.pickup(body);
      case `POST ${API}/cn/ndr-action`:
        return this.ndrAction(body);
      case `GET ${API}/cn/print-data`:
        return this.printData(docket);
      default:
        return { status: 404, body: { message: { error_status: true, message: 'Resource not found' } } };
    }
  }

  advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    return advanceAndPush(this.book, awb, steps);
  }

  configureWebhook(): void {
    // OM offers no scan push: dockets are tracked by pulling.
  }

  private login(body: Record<string, unknown>): SimResponse {
    if (body.username !== this.account.username || body.password !== this.account.password) {
      return { status: 401, body: { message: { error_status: true, message: 'Invalid username or password' } } };
    }
    return done('Token generated', { token: this.tokens.issue(), expires_in: this.tokens.ttlSeconds });
  }

  private create(docket: OmDocket): SimResponse {
    const problem = this.problemWith(docket);
    if (problem) return refused(problem);
    const invoices = docket.invoices as Record<string, unknown>[];
    const boxes = docket.boxes as unknown[];
    const reference = String(docket.orderid);
    const { parcel, duplicate } = this.book.book(reference, docket, { pieces: boxes.length, scenario: scenarioFromMarkers(reference, String(docket.cee_name)) });
    if (duplicate) return refused('Order Number is Already Exist');
    return done('CN Generated Successfully', {
      AutoNumber: parcel.awb,
      boxes: [parcel.awb, ...parcel.childAwbs].map((barcode, index) => ({ box_no: index + 1, barcode })),
      DEST_BRANCH: branchOf(docket.cee_pincode),
      INV_NO: invoices.map((invoice) => invoice.INV_NO),
    });
  }

  /** What OM would refuse in a docket, in the order its portal checks. */
  private problemWith(docket: OmDocket): string | null {
    const missing = missingFields(docket, REQUIRED);
    if (missing.length) return `${missing[0]} is mandatory`;
    if (docket.customer_code !== this.account.customerCode) return 'Invalid customer code';
    if (!['PTL', 'FTL'].includes(String(docket.service_type))) return 'Invalid service type';
    const invoices = Array.isArray(docket.invoices) ? (docket.invoices as Record<string, unknown>[]) : [];
    const boxes = Array.isArray(docket.boxes) ? docket.boxes : [];
    if (!invoices.length || !boxes.length) return 'Invoice and box details are mandatory';
    for (const invoice of invoices) {
      const blank = missingFields(invoice, REQUIRED_INVOICE);
      if (blank.length) return `${blank[0]} is mandatory`;
      if (!/^\d{2}\/[A-Z][a-z]{2}\/\d{4}$/.test(String(invoice.INV_DT))) return 'INV_DT must be DD/MMM/YYYY';
      if (Number(invoice.CH_WT) < 10) return 'Charged weight cannot be less than 10 kg';
      if (this.invoiceInUse(String(invoice.INV_NO), String(docket.orderid))) return 'Invoice Number is Already Exist';
    }
    if (invoices.reduce((sum, invoice) => sum + Number(invoice.PCKGS), 0) !== boxes.length) return 'No. of packages does not match box details';
    if (unserviceablePincode(docket.cee_pincode)) return `Destination pincode ${String(docket.cee_pincode)} is not serviceable`;
    const value = invoices.reduce((sum, invoice) => sum + Number(invoice.NET_VAL), 0);
    if (value > EWAY_BILL_THRESHOLD && !String(docket.ebill ?? '').trim()) return 'E-Way Bill number is mandatory for invoice value above Rs. 50,000';
    return null;
  }

  private invoiceInUse(invoiceNumber: string, orderId: string): boolean {
    return this.book
      .all()
      .filter((parcel) => !parcel.cancelled && parcel.reference !== orderId)
      .some((parcel) => ((parcel.booking.invoices ?? []) as Record<string, unknown>[]).some((invoice) => invoice.INV_NO === invoiceNumber));
  }

  private track(cnno: string): SimResponse {
    const parcel = this.book.get(cnno);
    if (!parcel) return refused('CN not found');
    const history = [
      { STATUS_CODE: 'BKD', STATUS: 'Docket booked', LOCATION: 'Bengaluru Branch', STATUS_DATE: istText(parcel.bookedAt, 'DD/MM/YYYY HH:mm'), REMARKS: '' },
      ...parcel.scans.map((scan) => ({ STATUS_CODE: scan.code, STATUS: scan.text, LOCATION: scan.location, STATUS_DATE: istText(scan.at, 'DD/MM/YYYY HH:mm'), REMARKS: scan.reason ?? '' })),
    ];
    const latest = history[history.length - 1];
    return done('Success', { Data: { CN: parcel.awb, ORDER_NO: parcel.reference, STATUS_CODE: latest.STATUS_CODE, STATUS: latest.STATUS, PCKGS: 1 + parcel.childAwbs.length, history } });
  }

  private cancel(cnno: string): SimResponse {
    switch (this.book.cancel(cnno)) {
      case 'cancelled':
        return done('CN Cancelled Successfully');
      case 'already_cancelled':
        return refused('CN is already cancelled');
      case 'too_late':
        return refused('CN cannot be cancelled after pickup');
      case 'not_found':
        return refused('CN not found');
    }
  }

  private pickup(body: Record<string, unknown>): SimResponse {
    const dockets = Array.isArray(body.cnno) ? body.cnno.map(String) : [];
    const invalid = dockets.filter((cnno) => !this.book.get(cnno) || this.book.get(cnno)!.cancelled);
    if (!dockets.length || invalid.length) return refused(`Invalid CN: ${invalid.join(', ') || 'none given'}`);
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(String(body.pickup_date)) || !/^\d{2}:\d{2}$/.test(String(body.pickup_time))) return refused('pickup_date (DD/MM/YYYY) and pickup_time (HH:mm) are mandatory');
    return done('Pickup request registered', { PickupNo: `PR${this.book.schedulePickup(dockets)}`, PickupDate: `${String(body.pickup_date)} ${String(body.pickup_time)}` });
  }

  private ndrAction(body: Record<string, unknown>): SimResponse {
    const parcel = this.book.get(String(body.cnno ?? ''));
    const action = String(body.action ?? '');
    if (!parcel) return refused('CN not found');
    if (!NDR_ACTIONS.includes(action)) return refused(`Invalid action ${action}`);
    if (parcel.scans.at(-1)?.step !== 'ndr') return refused('CN is not in undelivered status');
    if (action === 'RESCHEDULE' && !String(body.date ?? '').trim()) return refused('date is mandatory for RESCHEDULE');
    if (action === 'RTO') this.book.setScenario(parcel.awb, 'ndr_then_rto');
    return done('NDR action recorded', { RequestNo: `NDR${++this.ndrRequests}` });
  }

  private printData(cnno: string): SimResponse {
    const parcel = this.book.get(cnno);
    if (!parcel) return refused('CN not found');
    return done('Success', { Data: this.printDataOf(parcel) });
  }

  private printDataOf(parcel: SimParcel<OmDocket>) {
    const origin = branchOf(parcel.booking.cnor_pincode);
    const destination = branchOf(parcel.booking.cee_pincode);
    return { CN: parcel.awb, ORIGIN_BRANCH: origin, DEST_BRANCH: destination, ROUTE_CODE: `${origin}-${destination}`, PCKGS: 1 + parcel.childAwbs.length, BOXES: [parcel.awb, ...parcel.childAwbs] };
  }
}

/** OM routes by branch; the sandbox names a branch after the pincode's first three digits. */
function branchOf(pincode: unknown): string {
  return `BR${String(pincode).slice(0, 3)}`;
}
