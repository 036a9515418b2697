import { randomBytes, randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { delhiveryScanPush, delhiveryTime } from './delhivery.simulator';
import { ParcelBook, SimParcel, SimScan, StepCodes, WebhookPusher } from './parcel-book';
import { jsonBody } from './sim-auth-helpers';
import { SimLabelLinks } from './sim-label-links';
import { simLabelPdf } from './sim-label-pdf';
import { rupees2, simChargeableGrams, simCodFeeRupees, simFreightRupees, simTransitDays, simZone } from './sim-pricing';

export interface DelhiveryB2bSimulatorOptions {
  username: string;
  password: string;
  /** Status polls a manifest job answers "In Progress" before it completes (Delhivery manifests asynchronously). */
  manifestPolls?: number;
  now?: () => Date;
}

/** The LR statuses of the B2B track API for the scripted steps (a pickup request raises no LR status). */
export const DELHIVERY_B2B_STEP_CODES: StepCodes = {
  manifested: { code: 'MANIFESTED', text: 'Shipment created in Delhivery system' },
  pickup_scheduled: { code: 'MANIFESTED', text: 'Pickup request raised' },
  picked_up: { code: 'PICKED_UP', text: 'Shipment has been picked from client location' },
  in_transit: { code: 'LEFT_ORIGIN', text: 'Left origin city for the destination' },
  out_for_delivery: { code: 'OFD', text: 'Out for Dispatch' },
  ndr: { code: 'UNDEL_REATTEMPT', text: 'Attempted for delivery' },
  delivered: { code: 'DELIVERED', text: 'Delivered to consignee' },
  rto_initiated: { code: 'RETURNED_INTRANSIT', text: 'Shipment is returned and is In transit to the return center' },
  rto_in_transit: { code: 'RECEIVED_AT_RETURN_CENTER', text: 'Shipment received at return center' },
  rto_delivered: { code: 'RETURN_DELIVERED', text: 'Return shipment is Delivered' },
  lost: { code: 'LOST', text: 'Shipment is lost' },
  cancelled: { code: 'CANCELLED', text: 'LR cancelled by client' },
};

const HUBS = ['Bengaluru_Nelamangala_H (Karnataka)', 'Bhiwandi_Mankoli_HB (Maharashtra)', 'Mumbai_Bhiwandi_PTL (Maharashtra)'];
const TOKEN_LIFETIME_MS = 24 * 3600_000;
const LABEL_SIZES = ['sm', 'md', 'a4', 'std'];
/** Freight: rupees per 500 g before the zone factor, billed on at least 20 kg; volumetric at 4500 cm³/kg. */
const FREIGHT_SLAB_RUPEES = 4.5;
const FREIGHT_MINIMUM_GRAMS = 20_000;
const FREIGHT_DIVISOR = 4500;

interface DimensionRow {
  length_cm?: unknown;
  width_cm?: unknown;
  height_cm?: unknown;
  box_count?: unknown;
}

/** One manifested LR as the simulator keeps it. */
interface B2bLr {
  form: Record<string, string>;
  warehouse: string;
  masterWaybill: string;
  /** Box waybills, master first. */
  boxWaybills: string[];
  docWaybill: string;
  sortCode: string;
}

interface ManifestJob {
  polls: number;
  outcome: { status: 'Complete'; lrnum: string; lr: B2bLr; orderId: string } | { status: 'Failed'; error: string };
}

type Route = { method: string; pattern: RegExp; handle: (request: SimRequest, match: RegExpMatchArray) => SimResponse | Promise<SimResponse> };

const refuse = (status: number, message: string): SimResponse => ({ status, body: { success: false, message } });
const parse = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
};

/**
 * Delhivery's B2B (LTL) API as its B2B API documentation describes it: `POST /ums/login` {username, password} -> a
 * JWT (`jwt`) valid 24 hours, sent as `Authorization: Bearer`; shipment creation `POST /manifest` as multipart form
 * fields (JSON-encoded objects for dropoff_location, shipment_details, dimensions, invoices, billing_address) answering
 * a `job_id`, the LR number (lrnum) and box waybills (n boxes -> n waybills + 1 document waybill) from
 * `GET /manifest?job_id=`; `GET /lrn/track?lrnum=`; `DELETE /lrn/cancel/{lrn}`; `PUT /lrn/update/{lrn}` (boxes, until
 * pickup); `POST /pickup_requests` per warehouse and date; `GET /pincode-service/{pin}`; `POST /freight/estimate`
 * (priced by the simulated rate card, sim-pricing); `GET /label/get_urls/{size}/{lrn}` answering one token-free PDF
 * link per box. Response bodies are not published and are modelled ({success, message, ...}); so is the scan
 * history on the track answer (`scans`, see the adapter's README). Scans are pushed in Delhivery's scan-push format at
 * LR level with the Authorization header the client configured.
 */
export class DelhiveryB2bSimulator implements CourierApiSimulator {
  readonly prefix = 'delhivery-b2b';
  readonly parcels: ParcelBook<B2bLr>;
  readonly webhooks = new WebhookPusher();
  private readonly tokens = new Map<string, number>();
  private readonly jobs = new Map<string, ManifestJob>();
  private readonly pickups = new Map<string, string>();
  private readonly labels = new SimLabelLinks(this.prefix);
  /** The network (tests change it): pincodes delivered to only as out-of-delivery-area, and pincodes not served. */
  readonly odaPincodes = new Set<string>();
  readonly unservedPincodes = new Set<string>();
  private readonly routes: Route[];
  private readonly now: () => Date;
  private waybillSequence = Math.floor(Date.now() / 1000) % 100_000_000;

  constructor(private readonly options: DelhiveryB2bSimulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.parcels = new ParcelBook<B2bLr>({ awbPrefix: '22', awbLength: 9, codes: DELHIVERY_B2B_STEP_CODES, hubs: HUBS, now: this.now });
    this.routes = [
      { method: 'POST', pattern: /^\/manifest$/, handle: (r) => this.manifest(r) },
      { method: 'GET', pattern: /^\/manifest$/, handle: (r) => this.manifestStatus(r) },
      { method: 'GET', pattern: /^\/lrn\/track$/, handle: (r) => this.track(r) },
      { method: 'DELETE', pattern: /^\/lrn\/cancel\/([^/]+)$/, handle: (_r, m) => this.cancel(m[1]) },
      { method: 'POST', pattern: /^\/pickup_requests$/, handle: (r) => this.pickupRequest(r) },
      { method: 'GET', pattern: /^\/pincode-service\/([^/]+)$/, handle: (_r, m) => this.pincodeService(m[1]) },
      { method: 'POST', pattern: /^\/freight\/estimate$/, handle: (r) => this.estimate(r) },
      { method: 'PUT', pattern: /^\/lrn\/update\/([^/]+)$/, handle: (r, m) => this.updateLr(m[1], r) },
      { method: 'GET', pattern: /^\/label\/get_urls\/([^/]+)\/([^/]+)$/, handle: (r, m) => this.labelUrls(r, m[1], m[2]) },
    ];
  }

  /** Every issued token stops working (as after 24 hours). */
  expireTokens(): void {
    this.tokens.clear();
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhooks.configure(url, (): Record<string, string> => (secret ? { authorization: `Bearer ${secret}` } : {}));
  }

  async advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    const scans = this.parcels.advance(awb, steps);
    for (const scan of scans) await this.push(this.parcels.get(awb)!, scan);
    return scans.map(({ code, text }) => ({ code, text }));
  }

  serverErrorBody(): unknown {
    return { success: false, message: 'Internal Server Error' };
  }

  handle(request: SimRequest): SimResponse | Promise<SimResponse> {
    const path = request.path.replace(/\/+$/, '');
    if (path === '/ums/login' && request.method === 'POST') return this.login(request);
    if (this.labels.isDownload(request)) return this.labels.serve(request, (key) => this.boxLabel(key));
    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === request.method);
    if (!route) return refuse(candidates.length ? 405 : 404, candidates.length ? 'Method not allowed' : 'No Such Resource');
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return refuse(401, 'Invalid authorization header provided');
    const token = header.slice(7);
    if (token.split('.').length !== 3) return refuse(401, 'Token Decode Error: Not enough segments');
    if ((this.tokens.get(token) ?? 0) < this.now().getTime()) return refuse(401, 'The user is not authorized to perform this action.');
    return route.handle(request, path.match(route.pattern)!);
  }

  private login(request: SimRequest): SimResponse {
    const { username, password } = (request.json ?? {}) as { username?: string; password?: string };
    if (!username) return refuse(400, "Validation Error: ['username: field required']");
    if (username !== this.options.username || password !== this.options.password) return refuse(401, 'User not authenticated');
    const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(jwt, this.now().getTime() + TOKEN_LIFETIME_MS);
    return { status: 200, body: { jwt } };
  }

  private manifest(request: SimRequest): SimResponse {
    const form = multipartFields(request.rawBody, request.headers['content-type']);
    const problem = manifestProblem(form);
    if (problem) return refuse(400, `Validation Error: ['${problem}']`);
    const jobId = randomUUID();
    this.jobs.set(jobId, { polls: this.options.manifestPolls ?? 0, outcome: this.book(form) });
    return { status: 200, body: { success: true, job_id: jobId } };
  }

  /** What the manifest job decides, asynchronously for the client: serviceability, e-way bill, duplicate order id. */
  private book(form: Record<string, string>): ManifestJob['outcome'] {
    const drop = parse(form.dropoff_location) as { zip?: string };
    const details = parse(form.shipment_details) as { order_id?: string; box_count?: unknown }[];
    const invoices = parse(form.invoices) as { inv_amt?: unknown; ewaybill?: string }[];
    const dimensions = parse(form.dimensions) as { box_count?: number }[] | undefined;
    const zip = String(drop.zip ?? '');
    if (!this.serves(zip)) return { status: 'Failed', error: `pin: ${zip} is not serviceable.` };
    const invoiceTotal = invoices.reduce((sum, i) => sum + (Number(i.inv_amt) || 0), 0);
    if (invoiceTotal >= 50_000 && invoices.some((i) => !i.ewaybill)) return { status: 'Failed', error: 'E-waybill is mandatory for invoice value of 50000 or more' };
    const orderId = String(details[0].order_id);
    const count = (rows: { box_count?: unknown }[] | undefined) => (rows ?? []).reduce((sum, row) => sum + (Number(row.box_count) || 0), 0);
    const boxes = count(dimensions) || count(details) || 1;
    const waybills = Array.from({ length: boxes + 1 }, () => `5${String(++this.waybillSequence).padStart(12, '0')}`);
    const lr: B2bLr = { form, warehouse: form.pickup_location_name, masterWaybill: waybills[0], boxWaybills: waybills.slice(0, boxes), docWaybill: waybills[boxes], sortCode: `IND${zip}AAA` };
    const { parcel, duplicate } = this.parcels.book(orderId, lr);
    if (duplicate) return { status: 'Failed', error: `Duplicate order id: ${orderId} is already manifested as LR ${parcel.awb}` };
    return { status: 'Complete', lrnum: parcel.awb, lr, orderId };
  }

  private manifestStatus(request: SimRequest): SimResponse {
    const jobId = request.query.job_id ?? '';
    const job = this.jobs.get(jobId);
    if (!job) return refuse(400, 'Invalid job id');
    if (job.polls > 0) {
      job.polls--;
      return { status: 200, body: { success: true, job_id: jobId, status: 'In Progress' } };
    }
    if (job.outcome.status === 'Failed') return { status: 200, body: { success: true, job_id: jobId, status: 'Failed', error: job.outcome.error } };
    const { lrnum, lr, orderId } = job.outcome;
    return { status: 200, body: { success: true, job_id: jobId, status: 'Complete', data: { lrnum, order_id: orderId, master_waybill: lr.masterWaybill, waybills: lr.boxWaybills, doc_waybill: lr.docWaybill } } };
  }

  private track(request: SimRequest): SimResponse {
    const parcel = this.parcels.get(request.query.lrnum ?? '');
    if (!request.query.lrnum) return refuse(400, 'Invalid Parameters, Please pass LR number or TrackId');
    if (!parcel) return refuse(404, 'Data not found.');
    const last = parcel.scans.at(-1);
    const view = (scan: SimScan) => ({ status: scan.code, status_date_time: delhiveryTime(scan.at), location: scan.location, remarks: scan.reason ?? scan.text });
    const boxes = request.query.all_wbns === 'true' ? parcel.booking.boxWaybills : [parcel.booking.masterWaybill];
    return {
      status: 200,
      body: {
        success: true,
        data: {
          lrnum: parcel.awb,
          status: last?.code ?? 'MANIFESTED',
          status_date_time: delhiveryTime(last?.at ?? parcel.bookedAt),
          location: last?.location ?? HUBS[0],
          remarks: last ? (last.reason ?? last.text) : null,
          waybills: boxes.map((wbn) => ({ wbn, status: last?.code ?? 'MANIFESTED' })),
          scans: parcel.scans.filter((s) => s.step !== 'pickup_scheduled').map(view),
        },
      },
    };
  }

  private cancel(lrn: string): SimResponse {
    const parcel = this.parcels.get(lrn);
    const outcome = parcel ? this.parcels.cancel(lrn) : 'not_found';
    if (outcome === 'not_found') return refuse(400, `For LR ${lrn}, No WayBill found`);
    if (outcome === 'too_late') return refuse(400, `LR ${lrn} cannot be cancelled in status ${this.parcels.lastScan(lrn)?.code}`);
    return { status: 200, body: { success: true, message: `LR ${lrn} cancelled successfully` } };
  }

  private pickupRequest(request: SimRequest): SimResponse {
    const body = (request.json ?? {}) as { client_warehouse?: string; pickup_date?: string; start_time?: string; expected_package_count?: number };
    if (!body.client_warehouse || !this.parcels.all().some((p) => p.booking.warehouse === body.client_warehouse)) return refuse(400, 'Invalid client warehouse passed');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.pickup_date ?? '') || !/^\d{2}:\d{2}:\d{2}$/.test(body.start_time ?? '') || !(Number(body.expected_package_count) > 0)) {
      return refuse(400, "Validation Error: ['pickup_date (YYYY-MM-DD), start_time (HH:MM:SS) and expected_package_count are required']");
    }
    const key = `${body.client_warehouse}|${body.pickup_date}`;
    const existing = this.pickups.get(key);
    if (existing) return refuse(400, `A Pickup Request ${existing} for this Pickup Location Already Exist for ${body.pickup_date}`);
    const pickupId = this.parcels.schedulePickup([]);
    this.pickups.set(key, pickupId);
    return { status: 200, body: { success: true, pickup_id: Number(pickupId), pickup_date: body.pickup_date, start_time: body.start_time, client_warehouse: body.client_warehouse } };
  }

  private serves(pin: string): boolean {
    return /^[1-9]\d{5}$/.test(pin) && !this.unservedPincodes.has(pin);
  }

  /** `GET /pincode-service/{pin}`: whether the network delivers there, takes COD, picks up, and whether it is ODA. */
  private pincodeService(pin: string): SimResponse {
    if (!/^\d{6}$/.test(pin)) return refuse(400, "Validation Error: ['pincode: ensure this value has 6 digits']");
    const served = this.serves(pin);
    return { status: 200, body: { success: true, data: { pincode: pin, serviceable: served, cod: served, pickup: served, oda: served && this.odaPincodes.has(pin), remarks: served ? '' : `pin: ${pin} is not serviceable.` } } };
  }

  /** `POST /freight/estimate`: the freight for boxes between two pincodes, priced by the simulated rate card (rupees, charged weight in kg). */
  private estimate(request: SimRequest): SimResponse {
    const body = jsonBody(request);
    const grams = Number(body.weight_g);
    const rows = (Array.isArray(body.dimensions) ? body.dimensions : []) as DimensionRow[];
    if (!(grams >= 1)) return refuse(400, "Validation Error: ['weight_g: ensure this value is greater than or equal to 1']");
    if (!['cod', 'prepaid'].includes(String(body.payment_mode))) return refuse(400, "Validation Error: ['payment_mode: Permitted values: ['prepaid', 'cod']']");
    const [source, consignee] = [String(body.source_pin ?? ''), String(body.consignee_pin ?? '')];
    const unserved = [source, consignee].find((pin) => !this.serves(pin));
    if (unserved !== undefined) return refuse(400, `pin: ${unserved} is not serviceable.`);
    const volumetric = rows.reduce((sum, row) => sum + simChargeableGrams(0, { length: Number(row.length_cm), breadth: Number(row.width_cm), height: Number(row.height_cm) }, FREIGHT_DIVISOR) * (Number(row.box_count) || 1), 0);
    const charged = Math.max(FREIGHT_MINIMUM_GRAMS, Math.round(grams), volumetric);
    const zone = simZone(source, consignee);
    const base = simFreightRupees(FREIGHT_SLAB_RUPEES, zone, charged);
    const fuel = rupees2(base * 0.1);
    const cod = body.payment_mode === 'cod' ? simCodFeeRupees(Number(body.cod_amount) || 0, 150, 1) : 0;
    const gst = rupees2((base + fuel + cod) * 0.18);
    return {
      status: 200,
      body: { success: true, data: { total: rupees2(base + fuel + cod + gst), charged_wt: Math.ceil(charged / 500) / 2, tat: simTransitDays(zone, false) + 1, zone, price_breakup: { base_freight_charge: base, fuel_surcharge: fuel, cod, gst, fov: 0, green_tax: 0 } } },
    };
  }

  /** `PUT /lrn/update/{lrn}`: new weight (g) and box dimensions until pickup; the number of boxes (waybills) is fixed. */
  private updateLr(lrn: string, request: SimRequest): SimResponse {
    const outcome = this.parcels.boxChange(lrn);
    if (outcome === 'not_found') return refuse(400, `For LR ${lrn}, No WayBill found`);
    if (outcome === 'cancelled') return refuse(400, `LR ${lrn} is cancelled`);
    if (outcome === 'too_late') return refuse(400, `LR ${lrn} cannot be updated in status ${this.parcels.lastScan(lrn)?.code}`);
    const lr = this.parcels.get(lrn)!.booking;
    const body = jsonBody(request);
    const rows = (Array.isArray(body.dimensions) ? body.dimensions : []) as DimensionRow[];
    if (!(Number(body.weight) >= 1)) return refuse(400, "Validation Error: ['weight: ensure this value is greater than or equal to 1']");
    const boxes = rows.reduce((sum, row) => sum + (Number(row.box_count) || 0), 0);
    if (boxes !== lr.boxWaybills.length) return refuse(400, `Validation Error: ['dimensions: LR ${lrn} has ${lr.boxWaybills.length} boxes; the box count cannot change']`);
    lr.form = { ...lr.form, weight: String(Number(body.weight)), dimensions: JSON.stringify(rows) };
    if (typeof body.description === 'string') {
      const details = parse(lr.form.shipment_details) as Record<string, unknown>[];
      lr.form.shipment_details = JSON.stringify(details.map((row) => ({ ...row, description: body.description })));
    }
    return { status: 200, body: { success: true, message: `LR ${lrn} updated successfully` } };
  }

  /** `GET /label/get_urls/{size}/{lrn}`: one label link per box waybill. */
  private labelUrls(request: SimRequest, size: string, lrn: string): SimResponse {
    if (!LABEL_SIZES.includes(size)) return refuse(400, `Validation Error: ['size: Permitted values: ${LABEL_SIZES.join(', ')}']`);
    const parcel = this.parcels.get(lrn);
    if (!parcel) return refuse(404, 'Data not found.');
    if (parcel.cancelled) return refuse(400, `LR ${lrn} is cancelled`);
    return { status: 200, body: { success: true, data: parcel.booking.boxWaybills.map((wbn) => this.labels.link(request, `${lrn}/${wbn}`)) } };
  }

  private boxLabel(key: string): Buffer | undefined {
    const [lrn, wbn] = key.split('/');
    const lr = this.parcels.get(lrn)?.booking;
    const box = lr ? lr.boxWaybills.indexOf(wbn) : -1;
    if (!lr || box < 0) return undefined;
    const drop = (parse(lr.form.dropoff_location) ?? {}) as Record<string, string>;
    const invoice = ((parse(lr.form.invoices) as Record<string, string>[] | undefined) ?? [])[0] ?? {};
    return simLabelPdf([
      'DELHIVERY B2B',
      `LR ${lrn}  Box ${box + 1} of ${lr.boxWaybills.length}`,
      `Waybill ${wbn}`,
      `To: ${drop.consignee_name ?? ''}`,
      String(drop.address ?? ''),
      `${drop.city ?? ''} ${drop.zip ?? ''}`,
      `Invoice ${invoice.inv_num ?? ''}`,
      `LR weight ${lr.form.weight} g`,
    ]);
  }

  private async push(parcel: SimParcel<B2bLr>, scan: SimScan): Promise<void> {
    const pickedUp = parcel.scans.find((s) => s.step === 'picked_up')?.at ?? null;
    await this.webhooks.push(delhiveryScanPush(parcel.awb, parcel.reference, parcel.booking.sortCode, scan, pickedUp));
  }
}

/** The documented manifest validation, worded as Delhivery's `Validation Error` remarks. */
function manifestProblem(form: Record<string, string>): string | undefined {
  if (!form.pickup_location_name && !form.pickup_location_id) return 'pickup_location_name: field required';
  if (!['cod', 'prepaid'].includes(form.payment_mode)) return form.payment_mode ? "payment_mode: Permitted values: ['prepaid', 'cod']" : 'payment_mode: field required';
  if (form.payment_mode === 'cod' && !(Number(form.cod_amount) > 1)) return "payment_mode: cod_amount required for: 'cod'";
  if (!(Number(form.weight) >= 1)) return 'weight: ensure this value is greater than or equal to 1';
  const drop = parse(form.dropoff_location) as Record<string, unknown> | undefined;
  if (!drop) return ': One of dropoff_location or dropoff_store_code is required';
  if (!String(drop.consignee_name ?? '')) return 'dropoff_location.consignee_name: field required';
  const details = parse(form.shipment_details);
  if (!Array.isArray(details) || details.length === 0 || !(details[0] as { order_id?: string }).order_id) return 'shipment_details: field required';
  const invoices = parse(form.invoices);
  if (!Array.isArray(invoices) || invoices.length === 0 || invoices.some((i: { inv_num?: string; inv_amt?: unknown; inv_qr_code?: string }) => !i.inv_qr_code && !(i.inv_num && Number(i.inv_amt) > 0))) {
    return 'invoices: either inv_qr_code, or inv_num and inv_amt are required';
  }
  return undefined;
}

/** Text fields of a multipart/form-data body (file parts are not simulated). */
function multipartFields(raw: string, contentType: string | undefined): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return {};
  const fields: Record<string, string> = {};
  for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
    const match = /^\r\nContent-Disposition: form-data; name="([^"]+)"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/i.exec(part);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}
