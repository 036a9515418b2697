/** What other contexts may use of the orders context. */

export type PaymentMode = 'prepaid' | 'cod';
export type OrderType = 'b2c' | 'b2b';

export interface OrderAddressDraft {
  line1: string;
  line2?: string | null;
  landmark?: string | null;
  city: string;
  state: string;
  pincode: string;
}

export interface OrderItemDraft {
  sku?: string | null;
  name: string;
  quantity: number;
  unitPricePaise: number;
  hsnCode?: string | null;
  /** GST rate of the goods, percent (0, 5, 12, 18, 28). */
  taxRatePercent?: number | null;
  discountPaise?: number | null;
}

export interface OrderPackageDraft {
  weightGrams: number;
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
}

/**
 * One order as a seller (API, Swagger, CSV import) describes it. The orders context validates it fully
 * (field errors with paths such as 'buyer.phone', 'items[0].quantity').
 */
export interface OrderDraft {
  /** Company-unique; generated (SC-YYMMDD-NNNNN, a daily counter) when absent. */
  orderNumber?: string | null;
  /** Where the order came from: 'manual' | 'api' | 'csv_import' | 'shopify' | 'woocommerce' | ... */
  channel?: string | null;
  channelOrderId?: string | null;
  /** ISO date-time; defaults to now. */
  orderDate?: string | null;
  type?: OrderType;
  paymentMode: PaymentMode;
  /** Required for COD; defaults to the order total. */
  codAmountPaise?: number | null;
  buyer: { name: string; phone: string; email?: string | null; companyName?: string | null; gstin?: string | null };
  shippingAddress: OrderAddressDraft;
  billingAddress?: OrderAddressDraft | null;
  items: OrderItemDraft[];
  /** One entry per box; at least one. */
  packages: OrderPackageDraft[];
  shippingChargesPaise?: number | null;
  discountPaise?: number | null;
  /** Pickup location by id or code; else routing rules, else the company's default warehouse. */
  warehouseId?: string | null;
  warehouseCode?: string | null;
  tags?: string[];
  notes?: string | null;
  handling?: { fragile?: boolean; liquid?: boolean; dangerousGoods?: boolean };
  insurance?: { insured: boolean; declaredValuePaise?: number | null } | null;
  /** B2B only. */
  b2b?: {
    invoiceNumber: string;
    invoiceValuePaise: number;
    invoiceDate?: string | null;
    /** parcel | ptl | ftl; heavy (> 20 kg) or PTL/FTL freight carries boxCount and may ask for appointment delivery. */
    freightMode?: 'parcel' | 'ptl' | 'ftl';
    boxCount?: number | null;
    appointmentDelivery?: boolean;
    ewaybillNumber?: string | null;
  } | null;
}

export interface FieldProblem {
  field: string;
  message: string;
  code: string;
}

export type PlaceOrderOutcome =
  | { index: number; ok: true; orderId: string; orderNumber: string; flaggedDuplicateOf?: string | null }
  /** duplicateOf: the existing order a rejected duplicate repeats (duplicateMode 'reject'). */
  | { index: number; ok: false; errors: FieldProblem[]; duplicateOf?: string | null };

export interface PlaceOrdersInput {
  companyId: string;
  actorUserId: string | null;
  drafts: OrderDraft[];
  /** Orders created together by one import carry its id (for rollback). */
  importId?: string | null;
  /** all_or_nothing: any invalid draft = nothing written; valid_only: write the valid ones. */
  mode: 'all_or_nothing' | 'valid_only';
  /** Validate (incl. duplicates) and report, write nothing. */
  dryRun?: boolean;
}

/** What the shipping context needs of an order to book it. */
export interface OrderShippingView {
  id: string;
  companyId: string;
  orderNumber: string;
  status: string;
  type: OrderType;
  paymentMode: PaymentMode;
  codAmountPaise: number;
  totalPaise: number;
  /** Insured declared value, else the order total. */
  declaredValuePaise: number;
  buyer: { name: string; phone: string; email: string | null; companyName: string | null; gstin: string | null };
  shippingAddress: { line1: string; line2: string | null; landmark: string | null; city: string; state: string; pincode: string };
  items: { sku: string | null; name: string; quantity: number; unitPricePaise: number; hsnCode: string | null; taxRatePercent: number | null; discountPaise: number }[];
  packages: OrderPackageDraft[];
  totalWeightGrams: number;
  warehouseId: string;
  /** From the routing rule that matched, best first; empty when none. */
  courierPreference: string[];
  handling: { fragile: boolean; liquid: boolean; dangerousGoods: boolean };
  insured: boolean;
  b2b: { invoiceNumber: string; invoiceValuePaise: number; invoiceDate: string | null; ewaybillNumber: string | null; freightMode: 'parcel' | 'ptl' | 'ftl'; boxCount: number; appointmentDelivery: boolean } | null;
}

/** Order statuses shipping may move an order to ('new' = its shipment was cancelled, the order can be booked again). */
export type ShipmentDrivenOrderStatus = 'new' | 'ready_to_ship' | 'pickup_scheduled' | 'shipped' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'rto' | 'lost';

export interface OrdersFacade {
  /** Null when the order does not exist or belongs to another company. */
  shippingView(companyId: string, orderId: string): Promise<OrderShippingView | null>;
  /**
   * Shipping reports a shipment's progress; the order takes the status (with history and an order_status_changed
   * event) in the caller's transaction when called inside one. A cancelled order is left as it is; no-op when unchanged.
   */
  recordShipmentProgress(companyId: string, orderId: string, update: { status: ShipmentDrivenOrderStatus; awb: string | null; reason: string }): Promise<void>;
  /** Validates and writes many orders in one transaction with batched inserts (10,000 drafts in a few seconds). Outbox events per order. */
  placeOrders(input: PlaceOrdersInput): Promise<{ outcomes: PlaceOrderOutcome[]; written: number }>;
  /** Cancels (soft, reason 'import rolled back') every order of an import that has not shipped; reports the rest. */
  rollbackImport(input: { companyId: string; actorUserId: string | null; importId: string }): Promise<{ cancelled: number; notCancellable: { orderId: string; orderNumber: string; status: string }[] }>;
}

export const ORDERS_FACADE = Symbol('OrdersFacade');

/** Integration events written to the outbox; payloads carry at least { orderId, orderNumber, status }. */
export const ORDER_EVENTS = {
  orderPlaced: 'orders.order_placed',
  orderUpdated: 'orders.order_updated',
  orderCancelled: 'orders.order_cancelled',
  /** A shipment moved the order on (payload adds fromStatus, awb, reason). */
  orderStatusChanged: 'orders.order_status_changed',
} as const;
