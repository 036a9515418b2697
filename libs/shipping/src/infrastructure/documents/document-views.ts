/**
 * What the document templates print: plain data assembled by the application layer.
 * Money is integer paise, weights are grams, lengths are centimetres, instants are Dates (printed in India time).
 */

export interface Branding {
  companyName: string;
  /** data:image/(png|jpeg|gif|webp|svg+xml);base64,… only: documents never fetch anything from the network. */
  logoDataUrl?: string;
  /** #rgb or #rrggbb; anything else falls back to black. */
  brandColour?: string;
}

export interface PostalAddress {
  lines: string[];
  city: string;
  state: string;
  pincode: string;
}

export interface Party {
  name: string;
  phone?: string;
  gstin?: string;
  address: PostalAddress;
}

export type PaymentMode = 'prepaid' | 'cod';

/** 'return': a buyer's return picked up from the buyer; 'rto': an undelivered shipment going back. Both go to the seller. */
export type LabelDirection = 'forward' | 'return' | 'rto';

export interface LabelItem {
  name: string;
  sku?: string;
  quantity: number;
}

export interface ShippingLabelView {
  direction: LabelDirection;
  branding: Branding;
  courier: { name: string; service: string };
  /** The waybill; on a multi-piece shipment the master AWB. */
  awb: string;
  /** Courier sort/routing code (e.g. Delhivery sort_code), printed big for the hub. */
  routingCode?: string;
  orderNumber: string;
  labelDate: Date;
  paymentMode: PaymentMode;
  /** Amount to collect; printed only when paymentMode is 'cod'. */
  codAmountPaise?: number;
  /** Who receives the parcel: the buyer going forward, the seller's warehouse on a return. */
  consignee: Party;
  /** Who hands it over: the seller's warehouse going forward, the buyer on a return. */
  shipper: Party;
  /** Where an undelivered forward parcel goes back to. */
  returnAddress?: Party;
  package: { weightGrams: number; lengthCm: number; breadthCm: number; heightCm: number };
  /** Multi-piece shipments: this label's piece and its own (child) AWB. */
  piece?: { number: number; count: number; childAwb: string };
  invoice?: { number: string; valuePaise: number };
  items: LabelItem[];
}

export interface ManifestShipment {
  awb: string;
  orderNumber: string;
  paymentMode: PaymentMode;
  codAmountPaise?: number;
  weightGrams: number;
  pieces?: number;
}

/** One courier pickup from one warehouse. */
export interface ManifestView {
  manifestNumber: string;
  branding: Branding;
  courier: { name: string; service?: string };
  warehouse: Party & { code?: string };
  pickup: { id?: string; scheduledAt: Date };
  generatedAt: Date;
  shipments: ManifestShipment[];
}

export interface GstState {
  /** Two-digit GST state code, e.g. '29' for Karnataka. */
  code: string;
  name: string;
}

export interface InvoiceParty extends Party {
  state: GstState;
}

export interface InvoiceLine {
  description: string;
  /** Absent when the order gave none. */
  hsn?: string;
  quantity: number;
  unit?: string;
  unitPricePaise: number;
  discountPaise?: number;
  /** Null when no rate was recorded (the order gave none, or it was booked before rates were kept): printed as such, no tax computed. */
  gstRatePercent: number | null;
}

/** A B2B tax invoice that travels with the shipment. */
export interface CommercialInvoiceView {
  branding: Branding;
  invoiceNumber: string;
  /** Absent when the order gave none: printed as not recorded. */
  invoiceDate?: Date;
  seller: InvoiceParty & { gstin: string };
  buyer: InvoiceParty;
  /** Where the goods go when that is not the buyer's billing address. */
  shipTo?: Party;
  /** Defaults to the buyer's state. */
  placeOfSupply?: GstState;
  orderNumber?: string;
  awb?: string;
  courierName?: string;
  lines: InvoiceLine[];
  notes?: string;
}

export interface TimelineEvent {
  at: Date;
  status: string;
  location?: string;
  remark?: string;
}

export interface ProofOfDeliveryView {
  branding: Branding;
  courier: { name: string; service?: string };
  awb: string;
  orderNumber: string;
  consignee: Party;
  deliveredAt: Date;
  receivedBy: { name: string; relation?: string };
  deliveryLocation?: string;
  otpVerified?: boolean;
  paymentMode: PaymentMode;
  codCollectedPaise?: number;
  /** data:image/… URLs only, like the logo. */
  signatureDataUrl?: string;
  photoDataUrl?: string;
  timeline: TimelineEvent[];
}
