import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';
import { ParcelBook, ParcelStep, SimParcel, SimScan, StepCodes, WebhookPusher } from './parcel-book';
import { SimLabelLinks } from './sim-label-links';
import { simLabelPdf } from './sim-label-pdf';
import { rupees2, simCodFeeRupees, simFreightRupees, simZone } from './sim-pricing';

/** One `delivery_codes[].postal_code` entry, as Delhivery's B2C pincode API returns it (Y/N strings, pin as a number). */
export interface DelhiveryPostalCode {
  pin: number;
  district: string;
  state_code: string;
  pre_paid: 'Y' | 'N';
  cash: 'Y' | 'N';
  pickup: 'Y' | 'N';
  repl: 'Y' | 'N';
  cod: 'Y' | 'N';
  is_oda: 'Y' | 'N';
  sort_code: string;
  /** kg; 0.0 = no limit published. */
  max_weight: number;
  /** rupees; 0.0 = no limit published. */
  max_amount: number;
}

export interface DelhiverySimulatorOptions {
  /** The API token the simulator accepts (`Authorization: Token <token>`). */
  token: string;
  now?: () => Date;
}

/** How Delhivery words a scan: StatusType, Status, NSL code and the instruction text. */
export interface DelhiveryScanWords {
  type: string;
  status: string;
  nsl: string | null;
  instructions: string;
}

/** Each scripted step as Delhivery's tracking answers and scan pushes word it (codes seen in recorded Delhivery answers). */
export const DELHIVERY_SCAN_WORDS: Readonly<Record<ParcelStep, DelhiveryScanWords>> = {
  manifested: { type: 'UD', status: 'Manifested', nsl: 'X-UCI', instructions: 'Manifest uploaded' },
  pickup_scheduled: { type: 'UD', status: 'Manifested', nsl: 'FMPUR-101', instructions: 'Pickup scheduled' },
  picked_up: { type: 'UD', status: 'In Transit', nsl: 'X-PPOM', instructions: 'Shipment picked up' },
  in_transit: { type: 'UD', status: 'In Transit', nsl: 'X-DLL2F', instructions: 'Bag Added To Trip' },
  out_for_delivery: { type: 'UD', status: 'Dispatched', nsl: 'X-DDD3FD', instructions: 'Out for delivery' },
  ndr: { type: 'UD', status: 'Pending', nsl: 'EOD-11', instructions: 'Consignee Unavailable' },
  delivered: { type: 'DL', status: 'Delivered', nsl: 'EOD-38', instructions: 'Delivered to consignee' },
  rto_initiated: { type: 'RT', status: 'In Transit', nsl: 'RT-101', instructions: 'Returned as per Client Instructions' },
  rto_in_transit: { type: 'RT', status: 'In Transit', nsl: 'X-ILL1F', instructions: 'Bag Received at Facility' },
  rto_delivered: { type: 'DL', status: 'RTO', nsl: 'RD-AC', instructions: 'Shipment delivered back to origin' },
  lost: { type: 'LT', status: 'Lost', nsl: null, instructions: 'Shipment lost in transit' },
  cancelled: { type: 'CN', status: 'Canceled', nsl: null, instructions: 'Shipment cancelled by client' },
};

/** NDR reasons (ParcelBook's) to Delhivery EOD codes; only EOD-11 is confirmed by a recorded answer. */
const EOD_FOR_REASON: Readonly<Record<string, string>> = {
  'Consignee unavailable': 'EOD-11',
  'Customer refused delivery': 'EOD-6',
  'Address incomplete': 'EOD-74',
  'COD amount not ready': 'EOD-69',
};

export function delhiveryScanWords(scan: SimScan): DelhiveryScanWords {
  const words = DELHIVERY_SCAN_WORDS[scan.step];
  if (scan.step !== 'ndr' || !scan.reason) return words;
  return { ...words, nsl: EOD_FOR_REASON[scan.reason] ?? words.nsl, instructions: scan.reason };
}

export const DELHIVERY_STEP_CODES: StepCodes = Object.fromEntries(
  Object.entries(DELHIVERY_SCAN_WORDS).map(([step, w]) => [step, { code: `${w.type}/${w.nsl ?? w.status}`, text: w.instructions }]),
) as unknown as StepCodes;

/** Delhivery's timestamps: India time, no zone, milliseconds ("2024-09-21T14:31:48.752"). */
export function delhiveryTime(at: Date): string {
  return new Date(at.getTime() + 5.5 * 3600_000).toISOString().slice(0, 23);
}

/** The scan push body Delhivery posts to a client's webhook (one scan per push). */
export function delhiveryScanPush(awb: string, reference: string, sortCode: string, scan: SimScan, pickedUpAt: Date | null): unknown {
  const words = delhiveryScanWords(scan);
  return {
    Shipment: {
      Status: { Status: words.status, StatusDateTime: delhiveryTime(scan.at), StatusType: words.type, StatusLocation: scan.location, Instructions: words.instructions },
      PickUpDate: pickedUpAt ? delhiveryTime(pickedUpAt) : null,
      NSLCode: words.nsl,
      Sortcode: sortCode,
      ReferenceNo: reference,
      AWB: awb,
    },
  };
}

/** What the simulator keeps of one `create.json` booking. */
interface DelhiveryBooking {
  waybills: string[];
  shipment: Record<string, unknown>;
  pickupLocation: string;
  sortCode: string;
}

type Shipment = Record<string, unknown>;
type Route = { method: string; handle: (request: SimRequest) => SimResponse | Promise<SimResponse> };

const HUBS = ['Bengaluru_Bomsndra_PC (Karnataka)', 'Bhiwandi_Mankoli_HB (Maharashtra)', 'Mumbai_Andheri_DC (Maharashtra)'];
const PAYMENT_MODES = new Set(['prepaid', 'pre-paid', 'cod', 'pickup', 'repl']);
const NDR_ACTS = new Set(['RE-ATTEMPT', 'DEFER_DLV', 'EDIT_DETAILS', 'PICKUP_RESCHEDULE']);
/** Rupees per 500 g slab before the zone factor, by `md` (S surface, E express). */
const SLAB_RUPEES: Readonly<Record<string, number>> = { S: 32, E: 51 };

/**
 * Delhivery's B2C API as its public clients record it, `Authorization: Token <token>` (or `?token=`) on every call;
 * a missing or wrong token gets 401 with a `detail`:
 * - pincodes `GET /c/api/pin-codes/json/` (`filter_codes`, `st`, `dt`) answering `{ delivery_codes: [{ postal_code }] }`;
 * - waybills `GET /waybill/api/bulk/json/?count=N` answering a JSON string of comma-separated waybills;
 * - booking `POST /api/cmu/create.json`, form body `format=json&data=<JSON>` ({ shipments[], pickup_location{name} },
 *   weight in grams, MPS shipments sharing `master_id`), answering `{ success, upload_wbn, packages[] }`;
 * - edits `POST /api/p/edit`: {waybill, cancellation: true} cancels; {waybill, weight (g), shipment_length / _width /
 *   _height (cm), products_desc} changes a piece's box; both -> {status, remark}, refused once picked up;
 * - tracking `GET /api/v1/packages/json/?waybill=a,b` -> `ShipmentData[].Shipment` with `Scans[].ScanDetail`;
 * - pickup `POST /fm/request/new/` (per pickup location: its manifested parcels get a "Pickup scheduled" scan);
 * - packing slip `GET /api/p/packing_slip?wbns=` (label data); with `pdf=true` each package links its label PDF
 *   (`pdf_download_link`), served token-free under /label-files/ as a pre-signed storage URL would be;
 * - charges `GET /api/kinko/v1/invoice/charges/.json` (md, ss, o_pin, d_pin, cgm, pt) -> [{charge_*, gross_amount,
 *   total_amount, tax_data, charged_weight, zone}] in rupees, priced by the simulated rate card (sim-pricing);
 * - NDR `POST /api/p/update` {data: [{waybill, act, action_data}]} answering a request id (UPL...) at once and
 *   validating later: `GET /api/cmu/get_bulk_upl/<id>` gives the per-waybill outcome;
 * - scan pushes to the configured webhook, `Authorization: Bearer <secret>` (the header the client asks for).
 * The pincode dataset is mutable so tests (and demos) can change the network; when it is empty every well-formed
 * pincode is served (and listed, every flag Y, when asked for by filter_codes).
 */
export class DelhiverySimulator implements CourierApiSimulator {
  readonly prefix = 'delhivery';
  readonly parcels: ParcelBook<DelhiveryBooking>;
  readonly webhooks = new WebhookPusher();
  private readonly codes = new Map<string, { code: DelhiveryPostalCode; changedOn: string }>();
  /** Waybills handed out by the bulk waybill API, not yet used in a booking. */
  private readonly issued = new Set<string>();
  /** Client-supplied (pre-fetched) waybill -> the parcel's key in the book. */
  private readonly aliases = new Map<string, string>();
  private readonly ndrRequests = new Map<string, { waybill: string; status: 'Success' | 'Failure'; remark: string }[]>();
  /** Label links handed out by the packing slip (`pdf=true`), keyed by waybill. */
  private readonly labels = new SimLabelLinks(this.prefix);
  /** Boxes changed after booking through /api/p/edit, per waybill (piece). */
  private readonly editedBoxes = new Map<string, Record<string, number>>();
  private waybillSequence = Math.floor(Date.now() / 1000) % 1_000_000_000;
  private readonly routes: Record<string, Route>;
  private token: string;

  constructor(options: DelhiverySimulatorOptions) {
    this.token = options.token;
    this.parcels = new ParcelBook<DelhiveryBooking>({ awbPrefix: '2680', awbLength: 14, codes: DELHIVERY_STEP_CODES, hubs: HUBS, now: options.now });
    this.routes = {
      '/c/api/pin-codes/json': { method: 'GET', handle: (r) => this.pincodeList(r) },
      '/waybill/api/bulk/json': { method: 'GET', handle: (r) => this.bulkWaybills(r) },
      '/api/cmu/create.json': { method: 'POST', handle: (r) => this.create(r) },
      '/api/p/edit': { method: 'POST', handle: (r) => this.edit(r) },
      '/api/v1/packages/json': { method: 'GET', handle: (r) => this.track(r) },
      '/fm/request/new': { method: 'POST', handle: (r) => this.pickup(r) },
      '/api/p/packing_slip': { method: 'GET', handle: (r) => this.packingSlip(r) },
      '/api/p/update': { method: 'POST', handle: (r) => this.ndrUpdate(r) },
      '/api/cmu/get_bulk_upl': { method: 'GET', handle: (r) => this.ndrStatus(r) },
      '/api/kinko/v1/invoice/charges/.json': { method: 'GET', handle: (r) => this.charges(r) },
    };
  }

  /** Delhivery re-issued the token: the old one gets 401 from now on. */
  rotateToken(token: string): void {
    this.token = token;
  }

  get size(): number {
    return this.codes.size;
  }

  /** Replaces the whole dataset. */
  setPincodes(codes: readonly DelhiveryPostalCode[], changedOn = today()): void {
    this.codes.clear();
    for (const code of codes) this.codes.set(String(code.pin), { code: { ...code }, changedOn });
  }

  /** Adds or changes one pincode (marked changed today, or on `changedOn`). */
  upsertPincode(code: DelhiveryPostalCode, changedOn = today()): void {
    this.codes.set(String(code.pin), { code: { ...code }, changedOn });
  }

  /** Drops a pincode from the published list altogether. */
  removePincode(pin: string | number): boolean {
    return this.codes.delete(String(pin));
  }

  pincode(pin: string | number): DelhiveryPostalCode | undefined {
    const entry = this.codes.get(String(pin));
    return entry ? { ...entry.code } : undefined;
  }

  pincodes(): DelhiveryPostalCode[] {
    return [...this.codes.values()].map((e) => ({ ...e.code }));
  }

  /** The parcel a waybill (Delhivery's or a pre-fetched one) belongs to. */
  parcel(waybill: string): SimParcel<DelhiveryBooking> | undefined {
    return this.parcels.get(this.aliases.get(waybill) ?? waybill);
  }

  configureWebhook(url: string | null, secret: string | null): void {
    this.webhooks.configure(url, (): Record<string, string> => (secret ? { authorization: `Bearer ${secret}` } : {}));
  }

  async advance(awb: string, steps: number): Promise<{ code: string; text: string }[]> {
    const parcel = this.parcel(awb);
    if (!parcel) throw new Error(`no simulated parcel with AWB ${awb}`);
    const scans = this.parcels.advance(parcel.awb, steps);
    for (const scan of scans) await this.push(parcel, scan);
    return scans.map(({ code, text }) => ({ code, text }));
  }

  serverErrorBody(): unknown {
    return { detail: 'A server error occurred.' };
  }

  handle(request: SimRequest): SimResponse | Promise<SimResponse> {
    const path = request.path.replace(/\/+$/, '');
    if (this.labels.isDownload(request)) return this.labels.serve(request, (waybill) => this.labelPdf(waybill));
    const route = this.routes[path] ?? (path.startsWith('/api/cmu/get_bulk_upl/') ? this.routes['/api/cmu/get_bulk_upl'] : undefined);
    if (!route) return { status: 404, body: { detail: 'Not found.' } };
    if (request.method !== route.method) return { status: 405, body: { detail: `Method "${request.method}" not allowed.` } };
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Token ') ? header.slice(6).trim() : request.query.token;
    if (!token) return unauthorized('Authentication credentials were not provided.');
    if (token !== this.token) return unauthorized('Invalid token.');
    return route.handle(request);
  }

  private pincodeList(request: SimRequest): SimResponse {
    const filter = request.query.filter_codes ? new Set(request.query.filter_codes.split(',').map((p) => p.trim())) : null;
    const state = request.query.st?.toUpperCase();
    const since = request.query.dt;
    if (this.codes.size === 0 && filter) {
      const open = [...filter].map((pin) => this.served(pin)).filter((code): code is DelhiveryPostalCode => !!code);
      return { status: 200, body: { delivery_codes: open.sort((a, b) => a.pin - b.pin).map((code) => ({ postal_code: code })) } };
    }
    const rows = [...this.codes.entries()]
      .filter(([pin, e]) => (!filter || filter.has(pin)) && (!state || e.code.state_code === state) && (!since || e.changedOn >= since))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, e]) => ({ postal_code: { ...e.code } }));
    return { status: 200, body: { delivery_codes: rows } };
  }

  private bulkWaybills(request: SimRequest): SimResponse {
    const count = Number(request.query.count);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) return { status: 400, body: { error: 'count must be between 1 and 10000' } };
    const waybills = Array.from({ length: count }, () => `2681${String(++this.waybillSequence).padStart(10, '0')}`);
    for (const waybill of waybills) this.issued.add(waybill);
    return { status: 200, body: waybills.join(',') };
  }

  private create(request: SimRequest): SimResponse {
    let data: { shipments?: Shipment[]; pickup_location?: { name?: string } };
    try {
      if (request.fields.format !== 'json') throw new Error('format');
      data = JSON.parse(request.fields.data ?? '');
    } catch {
      return { status: 200, body: { success: false, rmk: 'Format key missing or data is not valid JSON: expected format=json&data=<JSON>' } };
    }
    const shipments = Array.isArray(data.shipments) ? data.shipments : [];
    const pickupLocation = String(data.pickup_location?.name ?? '').trim();
    if (!pickupLocation) return { status: 200, body: { success: false, rmk: 'ClientWarehouse matching query does not exist.', packages: [] } };
    if (shipments.length === 0) return { status: 200, body: { success: false, rmk: 'No shipments in data', packages: [] } };

    const groups = new Map<string, Shipment[]>();
    for (const shipment of shipments) {
      const key = String(shipment.master_id || shipment.waybill || shipment.order || Math.random());
      groups.set(key, [...(groups.get(key) ?? []), shipment]);
    }
    const packages = [...groups.values()].flatMap((group) => this.bookGroup(group, pickupLocation));
    const counts = (mode: string) => packages.filter((p) => p.status === 'Success' && String(p.payment).toLowerCase() === mode).length;
    return {
      status: 200,
      body: {
        cash_pickups_count: 0,
        package_count: packages.length,
        upload_wbn: `UPL${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        replacement_count: counts('repl'),
        pickups_count: counts('pickup'),
        packages,
        cash_pickups: 0,
        cod_count: counts('cod'),
        success: packages.every((p) => p.status === 'Success'),
        prepaid_count: counts('pre-paid') + counts('prepaid'),
        cod_amount: packages.reduce((sum, p) => sum + (p.status === 'Success' ? Number(p.cod_amount) || 0 : 0), 0),
      },
    };
  }

  /** One shipment, or the pieces of one MPS shipment (same `master_id`), as `packages[]` entries. */
  private bookGroup(group: Shipment[], pickupLocation: string): Record<string, unknown>[] {
    const master = group[0];
    const fail = (remark: string, waybill = '', serviceable = true) =>
      group.map((s) => ({ status: 'Fail', client: 'SHIPCROWD-SANDBOX', sort_code: null, remarks: [remark], waybill, cod_amount: Number(s.cod_amount) || 0, payment: s.payment_mode, serviceable, refnum: s.order }));
    const problem = this.validate(master) ?? group.map((s) => this.waybillProblem(s)).find(Boolean);
    if (problem) return fail(problem, '', !problem.startsWith('Non serviceable'));
    const pin = String(master.pin).trim();
    const sortCode = this.served(pin)?.sort_code ?? `IND${pin}AAA`;
    const given = group.map((s) => String(s.waybill ?? '').trim()).filter(Boolean);
    if (given.length > 0 && given.length !== group.length) return fail('Every piece of an MPS shipment needs its waybill');
    const booking: DelhiveryBooking = { waybills: [], shipment: master, pickupLocation, sortCode };
    const { parcel, duplicate } = this.parcels.book(String(master.order), booking, { pieces: group.length });
    if (duplicate) return fail('Duplicate order id', parcel.booking.waybills[0]);
    booking.waybills = given.length === group.length ? given : [parcel.awb, ...parcel.childAwbs];
    for (const waybill of given) {
      this.issued.delete(waybill);
      this.aliases.set(waybill, parcel.awb);
    }
    return group.map((s, i) => ({
      status: 'Success',
      client: 'SHIPCROWD-SANDBOX',
      sort_code: sortCode,
      remarks: [''],
      waybill: booking.waybills[i],
      cod_amount: Number(s.cod_amount) || 0,
      payment: s.payment_mode,
      serviceable: true,
      refnum: s.order,
    }));
  }

  /** Delhivery's refusals for one shipment, worded as its `packages[].remarks`. */
  private validate(shipment: Shipment): string | undefined {
    for (const field of ['name', 'add', 'pin', 'phone', 'order', 'payment_mode']) {
      if (String(shipment[field] ?? '').trim() === '') return `Missing mandatory field: ${field}`;
    }
    const pin = String(shipment.pin).trim();
    const mode = String(shipment.payment_mode).trim().toLowerCase();
    if (!PAYMENT_MODES.has(mode)) return `Invalid payment_mode: ${String(shipment.payment_mode)}`;
    if (!/^[1-9]\d{5}$/.test(pin)) return `Non serviceable pincode: ${pin}`;
    const listed = this.codes.get(pin)?.code;
    if (this.codes.size > 0 && (!listed || (listed.pre_paid !== 'Y' && listed.cod !== 'Y'))) return `Non serviceable pincode: ${pin}`;
    if (mode === 'cod' && !(Number(shipment.cod_amount) > 0)) return 'cod_amount is required for COD shipments';
    if (mode === 'cod' && listed && listed.cod !== 'Y') return `COD not available at pincode ${pin}`;
    if (shipment.weight !== undefined && !(Number(shipment.weight) > 0)) return 'weight must be a positive number of grams';
    return undefined;
  }

  private waybillProblem(shipment: Shipment): string | undefined {
    const waybill = String(shipment.waybill ?? '').trim();
    return waybill && !this.issued.has(waybill) ? `Waybill ${waybill} is not issued to this client or already used` : undefined;
  }

  /** `/api/p/edit`: a cancellation, or (simulated edits) a piece's new weight, dimensions and description. */
  private edit(request: SimRequest): SimResponse {
    const body = (request.json ?? {}) as Record<string, unknown>;
    return String(body.cancellation) === 'true' ? this.cancel(String(body.waybill ?? '').trim()) : this.editBox(body);
  }

  private editBox(body: Record<string, unknown>): SimResponse {
    const waybill = String(body.waybill ?? '').trim();
    const parcel = this.parcel(waybill);
    const refused = (remark: string) => ({ status: 200, body: { waybill, status: false, order_id: parcel?.reference ?? null, remark } });
    const box = Object.fromEntries(['weight', 'shipment_length', 'shipment_width', 'shipment_height'].filter((f) => body[f] !== undefined).map((f) => [f, Number(body[f])]));
    if (Object.keys(box).length === 0) return { status: 400, body: { status: false, remark: 'Nothing to edit: send cancellation, or weight / shipment_length / shipment_width / shipment_height' } };
    if (Object.values(box).some((v) => !(v > 0))) return refused('weight (grams) and dimensions (cm) must be positive numbers');
    const outcome = parcel ? this.parcels.boxChange(parcel.awb) : 'not_found';
    if (outcome === 'not_found') return refused(`No shipment found for waybill ${waybill}`);
    if (outcome === 'cancelled') return refused('Shipment is cancelled and cannot be edited.');
    if (outcome === 'too_late') return refused(`Shipment cannot be edited in current status: ${delhiveryScanWords(this.parcels.lastScan(parcel!.awb)!).status}`);
    this.editedBoxes.set(waybill, { ...this.editedBoxes.get(waybill), ...box });
    if (typeof body.products_desc === 'string' && waybill === parcel!.booking.waybills[0]) parcel!.booking.shipment.products_desc = body.products_desc;
    return { status: 200, body: { waybill, status: true, order_id: parcel!.reference, remark: 'Shipment details updated.' } };
  }

  private cancel(waybill: string): SimResponse {
    const parcel = this.parcel(waybill);
    const outcome = parcel ? this.parcels.cancel(parcel.awb) : 'not_found';
    const remark = {
      cancelled: 'Shipment has been cancelled.',
      already_cancelled: 'Shipment is already cancelled.',
      too_late: `Shipment cannot be cancelled in current status: ${parcel ? delhiveryScanWords(this.parcels.lastScan(parcel.awb)!).status : ''}`,
      not_found: `No shipment found for waybill ${waybill}`,
    }[outcome];
    return { status: 200, body: { waybill, status: outcome === 'cancelled' || outcome === 'already_cancelled', order_id: parcel?.reference ?? null, remark } };
  }

  private track(request: SimRequest): SimResponse {
    const waybills = (request.query.waybill ?? '').split(',').map((w) => w.trim()).filter(Boolean);
    const refs = (request.query.ref_ids ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const found = [...waybills.map((w) => this.parcel(w)), ...refs.map((r) => this.parcels.byReference(r))].filter((p): p is SimParcel<DelhiveryBooking> => !!p);
    if (found.length === 0) return { status: 200, body: { Error: 'No such waybill or Order Id found' } };
    return { status: 200, body: { ShipmentData: [...new Set(found)].map((p) => ({ Shipment: this.shipmentView(p) })) } };
  }

  private shipmentView(parcel: SimParcel<DelhiveryBooking>): Record<string, unknown> {
    const detail = (scan: SimScan) => {
      const words = delhiveryScanWords(scan);
      const at = delhiveryTime(scan.at);
      return { ScanDateTime: at, ScanType: words.type, Scan: words.status, StatusDateTime: at, ScannedLocation: scan.location, StatusCode: words.nsl, Instructions: words.instructions };
    };
    const last = parcel.scans.at(-1);
    const latest = last ? detail(last) : null;
    const pickedUpAt = this.pickedUpAt(parcel);
    const s = parcel.booking.shipment;
    return {
      AWB: parcel.booking.waybills[0],
      ReferenceNo: parcel.reference,
      Origin: HUBS[0],
      Destination: String(s.city ?? ''),
      PickUpDate: pickedUpAt ? delhiveryTime(pickedUpAt) : null,
      OrderType: s.payment_mode,
      CODAmount: Number(s.cod_amount) || 0,
      InvoiceAmount: Number(s.total_amount) || 0,
      ChargedWeight: parcel.measuredWeightGrams,
      Status: latest
        ? { Status: latest.Scan, StatusType: latest.ScanType, StatusDateTime: latest.StatusDateTime, StatusLocation: latest.ScannedLocation, StatusCode: latest.StatusCode, Instructions: latest.Instructions, RecievedBy: '' }
        : null,
      Scans: parcel.scans.map((scan) => ({ ScanDetail: detail(scan) })),
    };
  }

  private async pickup(request: SimRequest): Promise<SimResponse> {
    const body = (request.json ?? {}) as { pickup_time?: string; pickup_date?: string; pickup_location?: string; expected_package_count?: number };
    const date = String(body.pickup_date ?? '').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    if (!body.pickup_location || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(String(body.pickup_time ?? '')) || !(Number(body.expected_package_count) > 0)) {
      return { status: 400, body: { error: { message: 'pickup_location, pickup_date (YYYY-MM-DD), pickup_time (HH:MM:SS) and expected_package_count are required' } } };
    }
    const waiting = this.parcels.all().filter((p) => p.booking.pickupLocation === body.pickup_location && !p.cancelled && !p.pickupId && !p.scans.some((s) => s.step !== 'manifested'));
    const pickupId = this.parcels.schedulePickup(waiting.map((p) => p.awb));
    for (const parcel of waiting) await this.push(parcel, parcel.scans.at(-1)!);
    return {
      status: 201,
      body: {
        pickup_id: Number(pickupId),
        client_name: 'SHIPCROWD-SANDBOX',
        pickup_location_name: body.pickup_location,
        incoming_center_name: HUBS[0],
        pickup_time: String(body.pickup_time).length === 5 ? `${body.pickup_time}:00` : body.pickup_time,
        pickup_date: date,
        expected_package_count: Number(body.expected_package_count),
      },
    };
  }

  /** Label data, and with `pdf=true` a link to the rendered label (`pdf_download_link`), per waybill. */
  private packingSlip(request: SimRequest): SimResponse {
    const parcels = (request.query.wbns ?? '').split(',').map((w) => this.parcel(w.trim())).filter((p): p is SimParcel<DelhiveryBooking> => !!p);
    const packages = parcels.map((p) => {
      const slip = this.slipOf(p);
      return request.query.pdf === 'true' ? { ...slip, pdf_download_link: this.labels.link(request, slip.wbn), pdf_encoding: '' } : slip;
    });
    return { status: 200, body: { packages, packages_found: packages.length } };
  }

  private slipOf(p: SimParcel<DelhiveryBooking>) {
    const s = p.booking.shipment;
    const wbn = p.booking.waybills[0];
    return {
      wbn,
      oid: p.reference,
      sort_code: p.booking.sortCode,
      origin: HUBS[0],
      destination: HUBS[HUBS.length - 1],
      pin: Number(s.pin),
      name: s.name,
      address: s.add,
      contact: s.phone,
      pt: s.payment_mode,
      cod: Number(s.cod_amount) || 0,
      rs: Number(s.total_amount) || 0,
      weight: this.editedBoxes.get(wbn)?.weight ?? (Number(s.weight) || 0),
      prd: s.products_desc ?? '',
      cd: delhiveryTime(p.bookedAt),
      barcode: '',
      oid_barcode: '',
    };
  }

  private labelPdf(waybill: string): Buffer | undefined {
    const parcel = this.parcel(waybill);
    if (!parcel) return undefined;
    const slip = this.slipOf(parcel);
    const lines = ['DELHIVERY', `AWB ${slip.wbn}`, `Sort code ${slip.sort_code}`, `Order ${slip.oid}`, `${String(slip.pt)} ${slip.cod > 0 ? `Collect Rs ${slip.cod}` : ''}`.trim(), `To: ${String(slip.name)}`, String(slip.address), `PIN ${slip.pin}`, `Weight ${slip.weight} g`, `Return: ${slip.origin}`];
    return simLabelPdf(lines);
  }

  /**
   * `GET /api/kinko/v1/invoice/charges/.json`: what Delhivery would bill for a shipment ending in status `ss`
   * (Delivered, RTO, DTO) by mode `md` on chargeable grams `cgm`, answered as a one-entry list of charges in rupees.
   * No COD amount is sent, so the COD charge is the flat fee.
   */
  private charges(request: SimRequest): SimResponse {
    const { md = '', ss = '', pt = '', o_pin: origin = '', d_pin: destination = '' } = request.query;
    const grams = Number(request.query.cgm);
    const bad = (error: string): SimResponse => ({ status: 400, body: { error } });
    if (!SLAB_RUPEES[md]) return bad('md must be E (Express) or S (Surface)');
    if (!['Delivered', 'RTO', 'DTO'].includes(ss)) return bad('ss must be one of Delivered, RTO, DTO');
    if (!['Pre-paid', 'COD'].includes(pt)) return bad('pt must be Pre-paid or COD');
    if (!(grams > 0)) return bad('cgm (chargeable weight in grams) must be a positive number');
    for (const pin of [origin, destination]) if (!deliverable(this.served(pin))) return bad(`Pincode ${pin} is not serviceable`);
    const zone = simZone(origin, destination);
    const freight = simFreightRupees(SLAB_RUPEES[md], zone, grams);
    const cod = pt === 'COD' && ss === 'Delivered' ? simCodFeeRupees(0) : 0;
    const gross = rupees2(freight + cod);
    const gst = rupees2(gross * 0.18);
    const cgst = rupees2(gst / 2);
    // Same state (first two pincode digits here): CGST + SGST; otherwise IGST.
    const tax = origin.slice(0, 2) === destination.slice(0, 2) ? { IGST: 0, CGST: cgst, SGST: rupees2(gst - cgst) } : { IGST: gst, CGST: 0, SGST: 0 };
    const zero = Object.fromEntries(['ROV', 'REATTEMPT', 'RTO', 'MPS', 'pickup', 'CWH', 'DEMUR', 'AWB', 'AIR', 'FSC', 'LABEL', 'POD', 'CCOD', 'DTO', 'COVID', 'DPH', 'FOD', 'DOCUMENT', 'WOD', 'INS', 'FS', 'CNC', 'FOV', 'QC'].map((c) => [`charge_${c}`, 0]));
    return {
      status: 200,
      body: [{ ...zero, charge_DL: freight, charge_COD: cod, gross_amount: gross, total_amount: rupees2(gross + gst), tax_data: { swacch_bharat_tax: 0, krishi_kalyan_cess: 0, service_tax: 0, ...tax }, zone, charged_weight: Math.ceil(grams / 500) * 500, wt_rule_id: null, zonal_cl: null, adhoc_data: {}, status: 'Success' }],
    };
  }

  /** A pincode as the pincode API lists it; with no dataset loaded the network is open: every well-formed pincode, every flag Y. */
  private served(pin: string): DelhiveryPostalCode | undefined {
    if (this.codes.size > 0) return this.pincode(pin);
    if (!/^[1-9]\d{5}$/.test(pin)) return undefined;
    return { pin: Number(pin), district: '', state_code: '', pre_paid: 'Y', cash: 'Y', pickup: 'Y', repl: 'Y', cod: 'Y', is_oda: 'N', sort_code: `IND${pin}AAA`, max_weight: 0, max_amount: 0 };
  }

  private ndrUpdate(request: SimRequest): SimResponse {
    const entries = (request.json as { data?: { waybill?: string; act?: string; action_data?: Record<string, unknown> }[] } | undefined)?.data;
    if (!Array.isArray(entries) || entries.length === 0 || entries.some((e) => !e.waybill || !NDR_ACTS.has(String(e.act)))) {
      return { status: 400, body: { error: `data must list {waybill, act} with act one of ${[...NDR_ACTS].join(', ')}` } };
    }
    const requestId = `UPL${Date.now()}${Math.floor(Math.random() * 1e9)}`;
    this.ndrRequests.set(
      requestId,
      entries.map((e) => {
        const parcel = this.parcel(String(e.waybill));
        const inNdr = parcel && parcel.scans.at(-1)?.step === 'ndr';
        const missingDate = e.act === 'DEFER_DLV' && !e.action_data?.deferred_date;
        const remark = !parcel ? 'Waybill not found' : !inNdr ? 'Shipment is not in a pending (NDR) state' : missingDate ? 'deferred_date is required for DEFER_DLV' : 'Action applied';
        return { waybill: String(e.waybill), status: remark === 'Action applied' ? 'Success' : 'Failure', remark };
      }),
    );
    return { status: 200, body: { request_id: requestId, message: 'Request accepted; check the status with the request id' } };
  }

  private ndrStatus(request: SimRequest): SimResponse {
    const requestId = request.path.replace(/\/+$/, '').split('/').at(-1) ?? '';
    const results = this.ndrRequests.get(requestId);
    if (!results) return { status: 404, body: { detail: `No request found for ${requestId}` } };
    return { status: 200, body: { request_id: requestId, status: 'Completed', results } };
  }

  private pickedUpAt(parcel: SimParcel<DelhiveryBooking>): Date | null {
    return parcel.scans.find((s) => s.step === 'picked_up')?.at ?? null;
  }

  private async push(parcel: SimParcel<DelhiveryBooking>, scan: SimScan): Promise<void> {
    await this.webhooks.push(delhiveryScanPush(parcel.booking.waybills[0], parcel.reference, parcel.booking.sortCode, scan, this.pickedUpAt(parcel)));
  }
}

function deliverable(code: DelhiveryPostalCode | undefined): boolean {
  return !!code && (code.pre_paid === 'Y' || code.cod === 'Y');
}

function unauthorized(detail: string): SimResponse {
  return { status: 401, body: { detail }, headers: { 'www-authenticate': 'Token' } };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
