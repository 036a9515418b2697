/**
 * What other contexts may use of the couriers context. For now: the catalogue of couriers Shipcrowd
 * integrates and the services each sells, which serviceability, pricing and orders key their data on.
 * The adapters themselves (booking, tracking, ...) arrive with the ship-it work.
 */

export type CourierCode =
  | 'delhivery'
  | 'delhivery_b2b'
  | 'xpressbees'
  | 'dtdc'
  | 'shiprocket'
  | 'ecom_express'
  | 'nimbuspost'
  | 'intargos'
  | 'smartship'
  | 'maruti'
  | 'om_logistics';

export type ServiceMode = 'surface' | 'air';

export interface CourierService {
  /** Stable key within the courier, e.g. 'surface', 'express'. */
  code: string;
  name: string;
  mode: ServiceMode;
  /** Business-to-business freight (invoice, GSTIN, boxes) rather than parcels. */
  b2b: boolean;
  /** cm³ per kg for volumetric weight (L x B x H / divisor); 5000 unless the courier says otherwise. */
  volumetricDivisor: number;
}

export interface CourierProfile {
  code: CourierCode;
  name: string;
  services: readonly CourierService[];
}

const parcel = (code: string, name: string, mode: ServiceMode, volumetricDivisor = 5000): CourierService => ({ code, name, mode, b2b: false, volumetricDivisor });
const freight = (code: string, name: string, volumetricDivisor = 4500): CourierService => ({ code, name, mode: 'surface', b2b: true, volumetricDivisor });

/** Every courier Shipcrowd integrates, in display order. */
export const COURIERS: readonly CourierProfile[] = [
  { code: 'delhivery', name: 'Delhivery', services: [parcel('surface', 'Delhivery Surface', 'surface'), parcel('express', 'Delhivery Express', 'air')] },
  { code: 'delhivery_b2b', name: 'Delhivery B2B', services: [freight('ptl', 'Delhivery B2B PTL')] },
  { code: 'xpressbees', name: 'Xpressbees', services: [parcel('surface', 'Xpressbees Surface', 'surface'), parcel('express', 'Xpressbees Air', 'air')] },
  { code: 'dtdc', name: 'DTDC', services: [parcel('surface', 'DTDC Ground Express', 'surface'), parcel('express', 'DTDC Priority', 'air')] },
  { code: 'shiprocket', name: 'Shiprocket', services: [parcel('surface', 'Shiprocket Surface', 'surface'), parcel('express', 'Shiprocket Air', 'air')] },
  { code: 'ecom_express', name: 'Ecom Express', services: [parcel('surface', 'Ecom Express Standard', 'surface'), parcel('express', 'Ecom Express Express', 'air')] },
  { code: 'nimbuspost', name: 'NimbusPost', services: [parcel('surface', 'NimbusPost Surface', 'surface'), parcel('express', 'NimbusPost Air', 'air')] },
  { code: 'intargos', name: 'Intargos', services: [parcel('surface', 'Intargos Surface', 'surface')] },
  { code: 'smartship', name: 'SmartShip', services: [parcel('surface', 'SmartShip Surface', 'surface'), parcel('express', 'SmartShip Express', 'air')] },
  { code: 'maruti', name: 'Shree Maruti Courier', services: [parcel('surface', 'Maruti Surface', 'surface'), parcel('express', 'Maruti Air', 'air')] },
  { code: 'om_logistics', name: 'OM Logistics', services: [freight('ptl', 'OM Logistics PTL'), freight('ftl', 'OM Logistics FTL')] },
];

export function courierProfile(code: string): CourierProfile | undefined {
  return COURIERS.find((c) => c.code === code);
}

export function courierService(courier: string, service: string): CourierService | undefined {
  return courierProfile(courier)?.services.find((s) => s.code === service);
}

export function isCourierCode(code: string): code is CourierCode {
  return courierProfile(code) !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Courier integration: the unified shape every adapter speaks, whatever the courier's wire protocol.
// ---------------------------------------------------------------------------------------------------------------

/** The unified shipment status taxonomy; `exception` holds raw codes no mapping table knows (stored and alerted). */
export type ShipmentStatus =
  | 'booked'
  | 'manifested'
  | 'pickup_scheduled'
  | 'picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'ndr'
  | 'delivered'
  | 'rto_initiated'
  | 'rto_in_transit'
  | 'rto_delivered'
  | 'lost'
  | 'damaged'
  | 'cancelled'
  | 'exception';

export const SHIPMENT_STATUSES: readonly ShipmentStatus[] = [
  'booked', 'manifested', 'pickup_scheduled', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'delivered',
  'rto_initiated', 'rto_in_transit', 'rto_delivered', 'lost', 'damaged', 'cancelled', 'exception',
];

/** No scan moves a shipment out of these. */
export const TERMINAL_SHIPMENT_STATUSES: ReadonlySet<ShipmentStatus> = new Set(['delivered', 'rto_delivered', 'lost', 'damaged', 'cancelled']);

export type NdrActionKind = 're_attempt' | 'defer' | 'edit_details' | 'rto';

export type SpecialHandling = 'fragile' | 'liquid' | 'dangerous_goods';

/** What a courier's integration can do; checked before every call (a refusal names the capability). */
export interface CourierCapabilities {
  cod: boolean;
  reverse: boolean;
  /** One AWB per box under a master AWB. */
  multiPiece: boolean;
  b2b: boolean;
  /** Pickups are requested through the API (else the courier's daily pickup / the seller calls the hub). */
  pickupApi: boolean;
  /** Cancel through the API before pickup. */
  cancel: boolean;
  /** The courier pushes scans to a webhook (else Shipcrowd polls). */
  webhookPush: boolean;
  /** Tracking can be pulled. */
  trackingPull: boolean;
  /** The courier quotes its own price through the API (`rates`). */
  rateApi: boolean;
  /** The courier answers pincode-pair serviceability through the API (`serviceability`). */
  serviceabilityApi: boolean;
  /** Box weight/dimensions can be changed at the courier after booking, before pickup (`updatePackages`). */
  packageUpdateApi: boolean;
  /** The courier renders its own label PDF (or a link to one) for a booked AWB (`courierLabel`). */
  courierLabel: boolean;
  ndrActions: readonly NdrActionKind[];
  /** Booking limits the courier publishes. */
  limits: {
    maxWeightGrams: number;
    /** Longest side. */
    maxLengthCm: number;
    /** Sum of length + 2 x (breadth + height), when the courier caps girth. */
    maxGirthCm?: number;
    maxCodPaise: number;
    /** Max boxes on one multi-piece booking. */
    maxPieces: number;
  };
  /** Goods the courier does not carry. */
  refusedHandling: readonly SpecialHandling[];
  /** Accepts an insured (declared value) booking. */
  insurance: boolean;
  /** Label sizes the courier's hubs accept. */
  labelSizes: readonly ('4x6' | 'a4')[];
}

export interface PartyAddress {
  name: string;
  phone: string;
  email?: string | null;
  companyName?: string | null;
  gstin?: string | null;
  line1: string;
  line2?: string | null;
  landmark?: string | null;
  city: string;
  state: string;
  pincode: string;
}

export interface BookingPackage {
  weightGrams: number;
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
}

export interface BookingItem {
  name: string;
  sku?: string | null;
  quantity: number;
  unitPricePaise: number;
  hsnCode?: string | null;
  /** GST rate of the goods, percent; absent on bookings made before rates were carried (the B2B invoice says so). */
  taxRatePercent?: number | null;
  /** Discount on the whole line (excl. GST), paise. */
  discountPaise?: number | null;
}

/** One shipment to book, in Shipcrowd's units (grams, cm, paise). */
export interface BookingRequest {
  /** Shipcrowd's shipment reference sent as the courier's order/reference number: the dedupe key at the courier. */
  reference: string;
  orderNumber: string;
  service: string;
  paymentMode: 'prepaid' | 'cod';
  codAmountPaise: number;
  /** Invoice / declared value of the goods. */
  declaredValuePaise: number;
  consignee: PartyAddress;
  /** The pickup warehouse; `warehouseCode` is the pickup location name registered with the courier. */
  pickup: PartyAddress & { warehouseCode: string };
  returnAddress: PartyAddress;
  packages: BookingPackage[];
  items: BookingItem[];
  productDescription: string;
  handling: SpecialHandling[];
  insured: boolean;
  /** A reverse pickup (buyer to warehouse). */
  reverse?: boolean;
  b2b?: {
    invoiceNumber: string;
    invoiceValuePaise: number;
    invoiceDate?: string | null;
    ewaybillNumber?: string | null;
    freightMode?: 'parcel' | 'ptl' | 'ftl';
    boxCount?: number | null;
    appointmentDelivery?: boolean;
  } | null;
}

export interface BookingResult {
  awb: string;
  /** One per extra box of a multi-piece booking (the master AWB covers the first). */
  childAwbs: string[];
  /** Destination sort / routing code printed on the label, when the courier returns one. */
  sortCode: string | null;
  /** The courier's own id for the shipment, when distinct from the AWB. */
  courierShipmentId: string | null;
}

export interface LabelData {
  awb: string;
  sortCode: string | null;
  /** e.g. destination hub or route printed large on the label. */
  routingCode: string | null;
}

/** A pincode pair asked of the courier itself (live, not Shipcrowd's coverage table). */
export interface ServiceabilityQuery {
  originPincode: string;
  destinationPincode: string;
  paymentMode: 'prepaid' | 'cod';
  weightGrams: number;
  codAmountPaise: number;
  /** A reverse pickup (buyer to warehouse). */
  reverse?: boolean;
}

/** The courier's answer for one pincode pair. */
export interface CourierServiceability {
  serviceable: boolean;
  prepaid: boolean;
  cod: boolean;
  /** Pickup from the origin pincode. */
  pickup: boolean;
  reverse: boolean;
  /** Out-of-delivery-area at the destination (surcharge / slower). */
  oda: boolean;
  /** Services the courier offers on the lane (e.g. surface, express), in the courier's order. */
  services: string[];
  /** The courier's own estimate, when it gives one. */
  expectedTransitDays: number | null;
  /** Why not, in the courier's words, when it says. */
  reason: string | null;
}

export interface RateQuery extends ServiceabilityQuery {
  /** Ask for one service only; all the courier offers when absent. */
  service?: string;
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
  declaredValuePaise: number;
}

/** One price the courier quoted, converted to paise (null: the courier did not break it out). */
export interface CourierRate {
  service: string;
  /** What the courier will bill, as it states it (GST included where the courier includes it). */
  totalPaise: number;
  freightPaise: number | null;
  codChargePaise: number | null;
  gstPaise: number | null;
  chargeableWeightGrams: number | null;
  expectedTransitDays: number | null;
}

/** New box details for a booked, not yet picked-up shipment. */
export interface PackageUpdate {
  packages: BookingPackage[];
  productDescription?: string | null;
}

export interface PickupRequest {
  warehouse: PartyAddress & { warehouseCode: string };
  /** YYYY-MM-DD (IST). */
  pickupDate: string;
  /** HH:mm (IST). */
  pickupTime: string;
  expectedPackageCount: number;
  awbs: string[];
}

export interface PickupResult {
  /** The courier's pickup request id. */
  pickupId: string;
  /** ISO date-time the courier confirmed. */
  scheduledFor: string;
}

export interface NdrActionRequest {
  awb: string;
  action: NdrActionKind;
  /** YYYY-MM-DD, for re_attempt on a date and defer. */
  date?: string | null;
  details?: { name?: string; phone?: string; address?: string; landmark?: string } | null;
  remarks?: string | null;
}

export interface NdrActionResult {
  accepted: boolean;
  /** Asynchronous couriers (Delhivery) answer with a request id to poll. */
  requestId: string | null;
  message: string | null;
}

/** One scan, mapped to the unified taxonomy with the courier's raw code and text kept. */
export interface TrackingEvent {
  awb: string;
  status: ShipmentStatus;
  rawCode: string;
  rawStatus: string;
  location: string | null;
  occurredAt: Date;
  remarks: string | null;
  /** Failed-delivery reason as the courier words it (status ndr). */
  ndrReason: string | null;
  /** Weight the courier measured, when the scan carries it (weight discrepancy). */
  chargedWeightGrams: number | null;
}

export interface CourierHealth {
  courier: CourierCode;
  name: string;
  /** closed = healthy, open = failing fast, half_open = probing. */
  circuit: 'closed' | 'open' | 'half_open';
  calls: number;
  failures: number;
  /** Over the calls this process made since start (null before the first). */
  latencyMs: { p50: number | null; p95: number | null };
  lastFailureAt: string | null;
  lastFailure: string | null;
  credentials: 'company' | 'platform' | 'sandbox' | 'missing';
  mode: 'live' | 'sandbox';
}

/**
 * How other contexts (shipping, NDR) reach couriers: resolves the adapter and the company's (or the platform's)
 * credentials, checks capabilities first, and maps every answer to the unified shapes above.
 * Errors thrown are DomainErrors with stable codes: courier.unknown, courier.capability_unsupported,
 * courier.rejected (the courier said no; `details.courierMessage`), courier.not_configured (no credentials),
 * courier.auth_failed, courier.unavailable (timeout / 5xx / breaker open: safe to retry later).
 */
export interface CouriersFacade {
  capabilities(courier: CourierCode): CourierCapabilities;
  book(companyId: string, courier: CourierCode, request: BookingRequest): Promise<BookingResult>;
  /** The checks book() makes before calling the courier (capabilities and limits), without calling it: throws the same errors. */
  checkBooking(courier: CourierCode, request: BookingRequest): void;
  cancel(companyId: string, courier: CourierCode, awb: string): Promise<{ cancelled: boolean; message: string | null }>;
  labelData(companyId: string, courier: CourierCode, awb: string): Promise<LabelData>;
  requestPickup(companyId: string, courier: CourierCode, request: PickupRequest): Promise<PickupResult>;
  /** Latest scans per AWB (missing AWBs are absent from the map). */
  track(companyId: string, courier: CourierCode, awbs: string[]): Promise<Map<string, TrackingEvent[]>>;
  ndrAction(companyId: string, courier: CourierCode, request: NdrActionRequest): Promise<NdrActionResult>;
  /** Authenticates (throws courier.webhook_unauthenticated) then parses a pushed webhook body. Never touches the database. */
  parseWebhook(courier: CourierCode, request: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }): TrackingEvent[];
  /**
   * A webhook the courier pushes for a company's own account (`accountId`: the id of the company's stored courier
   * credentials): authenticated with that account's credentials (cached briefly in memory), then parsed. Throws
   * courier.webhook_unauthenticated for an unknown account, another courier's account or a bad signature.
   */
  parseAccountWebhook(courier: CourierCode, accountId: string, request: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }): Promise<{ companyId: string; events: TrackingEvent[] }>;
  /** Asks the courier (capability serviceabilityApi) whether it carries this pincode pair, with the company's credentials. */
  serviceability(companyId: string, courier: CourierCode, query: ServiceabilityQuery): Promise<CourierServiceability>;
  /** The courier's own prices (capability rateApi), one per service it offers on the lane. */
  rates(companyId: string, courier: CourierCode, query: RateQuery): Promise<CourierRate[]>;
  /** Sends changed boxes to the courier (capability packageUpdateApi); the courier's rules are checked first. */
  updatePackages(companyId: string, courier: CourierCode, awb: string, update: PackageUpdate): Promise<void>;
  /** The courier's own label PDF for a booked AWB (capability courierLabel). */
  courierLabel(companyId: string, courier: CourierCode, awb: string): Promise<Buffer>;
  health(): Promise<CourierHealth[]>;
}

export const COURIERS_FACADE = Symbol('CouriersFacade');
