import { percentOf } from '@shipcrowd/kernel';
import type { FieldProblem, OrderDraft, OrderType, PaymentMode } from '../../contracts';
import { buyerGstinProblem } from './gstin';

/**
 * The one validation path for orders (single POST, PATCH after merging, bulk placeOrders): an untrusted draft
 * (JSON body or a CSV row turned into a draft) becomes a normalised OrderSpec with totals, or every problem
 * with its field path ('items[0].quantity', 'shippingAddress.pincode').
 *
 * Money: unit prices and shipping are in paise and exclude GST; tax per line = GST rate x (qty x price - line discount).
 * total = items - discounts + shipping + tax. COD amount defaults to the total and may not exceed it.
 */

export type FreightMode = 'parcel' | 'ptl' | 'ftl';

export interface AddressSpec {
  line1: string;
  line2: string | null;
  landmark: string | null;
  city: string;
  state: string;
  pincode: string;
}

export interface ItemSpec {
  sku: string | null;
  name: string;
  quantity: number;
  unitPricePaise: number;
  hsnCode: string | null;
  taxRatePercent: number | null;
  discountPaise: number;
  taxPaise: number;
}

export interface PackageSpec {
  weightGrams: number;
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
}

export interface Totals {
  itemsPaise: number;
  discountPaise: number;
  shippingPaise: number;
  taxPaise: number;
  totalPaise: number;
}

export interface B2bSpec {
  invoiceNumber: string;
  invoiceValuePaise: number;
  invoiceDate: string | null;
  ewaybillNumber: string | null;
}

export interface OrderSpec {
  orderNumber: string | null;
  channel: string;
  channelOrderId: string | null;
  orderDate: Date;
  type: OrderType;
  paymentMode: PaymentMode;
  codAmountPaise: number;
  buyer: { name: string; phone: string; email: string | null; companyName: string | null; gstin: string | null };
  shippingAddress: AddressSpec;
  billingAddress: AddressSpec | null;
  items: ItemSpec[];
  packages: PackageSpec[];
  totals: Totals;
  /** Orders-level discount as given (item discounts are on the items). */
  orderDiscountPaise: number;
  totalWeightGrams: number;
  warehouseId: string | null;
  warehouseCode: string | null;
  tags: string[];
  notes: string | null;
  handling: { fragile: boolean; liquid: boolean; dangerousGoods: boolean };
  insurance: { insured: boolean; declaredValuePaise: number | null };
  b2b: B2bSpec | null;
  freightMode: FreightMode;
  /** Over 20 kg in total, or PTL/FTL. */
  heavyFreight: boolean;
  boxCount: number;
  appointmentDelivery: boolean;
}

export type SpecResult = { ok: true; spec: OrderSpec } | { ok: false; errors: FieldProblem[] };

export const HEAVY_FREIGHT_GRAMS = 20_000;
const DRAFT_KEYS = [
  'orderNumber', 'channel', 'channelOrderId', 'orderDate', 'type', 'paymentMode', 'codAmountPaise', 'buyer', 'shippingAddress', 'billingAddress', 'items', 'packages',
  'shippingChargesPaise', 'discountPaise', 'warehouseId', 'warehouseCode', 'tags', 'notes', 'handling', 'insurance', 'b2b',
] as const satisfies readonly (keyof OrderDraft)[];
export const GST_RATES = [0, 0.25, 1.5, 3, 5, 12, 18, 28, 40];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PINCODE = /^[1-9][0-9]{5}$/;
const ORDER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9\-_/#.]{0,49}$/;
/** 100 crore rupees: far beyond any consignment, well inside exact integer range. */
const MAX_PAISE = 10_000_000_000;

/** Indian phone as 10 national digits (mobile 6-9 or landline with STD code), from '+91 98765-43210', '09876543210', ... */
export function normalizeIndianPhone(raw: string): string | null {
  const digits = raw.replace(/[\s\-().]/g, '');
  const match = /^(?:\+?91|0)?([1-9]\d{9})$/.exec(digits);
  return match ? match[1] : null;
}

/** Collects problems while reading an untrusted object; each getter reports at most one problem per field. */
class Reader {
  readonly errors: FieldProblem[] = [];

  fail(field: string, code: string, message: string): void {
    this.errors.push({ field, code, message });
  }

  has(value: unknown): boolean {
    return value !== undefined && value !== null && value !== '';
  }

  text(value: unknown, field: string, opts: { required?: boolean; max?: number; pattern?: RegExp; patternMessage?: string } = {}): string | null {
    if (!this.has(value)) {
      if (opts.required) this.fail(field, 'required', 'is required');
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail(field, 'type', 'must be a string');
      return null;
    }
    const text = String(value).trim();
    if (!text) {
      if (opts.required) this.fail(field, 'required', 'is required');
      return null;
    }
    if (opts.max && text.length > opts.max) {
      this.fail(field, 'too_long', `must be at most ${opts.max} characters`);
      return null;
    }
    if (opts.pattern && !opts.pattern.test(text)) {
      this.fail(field, 'format', opts.patternMessage ?? 'has an invalid format');
      return null;
    }
    return text;
  }

  int(value: unknown, field: string, opts: { required?: boolean; min?: number; max?: number; fallback?: number } = {}): number | null {
    if (!this.has(value)) {
      if (opts.required) this.fail(field, 'required', 'is required');
      return opts.fallback ?? null;
    }
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      this.fail(field, 'integer', 'must be a whole number');
      return null;
    }
    const min = opts.min ?? 0;
    const max = opts.max ?? MAX_PAISE;
    if (n < min) this.fail(field, 'min', `must be at least ${min}`);
    else if (n > max) this.fail(field, 'max', `must be at most ${max}`);
    else return n;
    return null;
  }

  bool(value: unknown, field: string): boolean {
    if (!this.has(value)) return false;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.fail(field, 'boolean', 'must be true or false');
    return false;
  }

  /** Unknown keys are refused (a typo such as codAmount must not silently fall back to a default). */
  only(obj: Record<string, unknown>, field: string, keys: readonly string[]): void {
    for (const key of Object.keys(obj)) if (!keys.includes(key)) this.fail(field ? `${field}.${key}` : key, 'unknown_field', 'is not a known field');
  }

  object(value: unknown, field: string, required: boolean): Record<string, unknown> | null {
    if (!this.has(value)) {
      if (required) this.fail(field, 'required', 'is required');
      return null;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, 'type', 'must be an object');
      return null;
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, field: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(field, value === undefined || value === null ? 'required' : 'type', value === undefined || value === null ? 'is required' : 'must be a list');
      return [];
    }
    if (value.length < min) this.fail(field, 'min_items', `needs at least ${min}`);
    if (value.length > max) this.fail(field, 'max_items', `takes at most ${max}`);
    return value.slice(0, max);
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback: T | null): T | null {
    if (!this.has(value)) {
      if (fallback === null) this.fail(field, 'required', 'is required');
      return fallback;
    }
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(field, 'one_of', `must be one of ${allowed.join(', ')}`);
    return null;
  }

  date(value: unknown, field: string): Date | null {
    if (!this.has(value)) return null;
    const parsed = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      this.fail(field, 'date', 'must be an ISO 8601 date');
      return null;
    }
    return parsed;
  }

  address(value: unknown, field: string, required: boolean): AddressSpec | null {
    const a = this.object(value, field, required);
    if (!a) return null;
    this.only(a, field, ['line1', 'line2', 'landmark', 'city', 'state', 'pincode']);
    const line1 = this.text(a.line1, `${field}.line1`, { required: true, max: 200 });
    const line2 = this.text(a.line2, `${field}.line2`, { max: 200 });
    const landmark = this.text(a.landmark, `${field}.landmark`, { max: 200 });
    const city = this.text(a.city, `${field}.city`, { required: true, max: 100 });
    const state = this.text(a.state, `${field}.state`, { required: true, max: 100 });
    const pincode = this.text(a.pincode, `${field}.pincode`, { required: true, pattern: PINCODE, patternMessage: 'must be a 6-digit Indian pincode' });
    if (!line1 || !city || !state || !pincode) return null;
    return { line1, line2, landmark, city, state, pincode };
  }
}

/** Validates and normalises a draft. `now` bounds the order date (at most a day ahead). */
export function validateOrderDraft(input: unknown, now: Date, defaults: { channel?: string } = {}): SpecResult {
  const r = new Reader();
  const d = r.object(input, 'body', true) as (Partial<Record<keyof OrderDraft, unknown>> & Record<string, unknown>) | null;
  if (!d) return { ok: false, errors: r.errors };
  r.only(d, '', DRAFT_KEYS);

  const orderNumber = r.text(d.orderNumber, 'orderNumber', { pattern: ORDER_NUMBER, patternMessage: 'must be 1-50 letters, digits or - _ / # .' });
  const channel = (r.text(d.channel, 'channel', { max: 40, pattern: /^[a-z0-9_\-.]+$/i }) ?? defaults.channel ?? 'manual').toLowerCase();
  const channelOrderId = r.text(d.channelOrderId, 'channelOrderId', { max: 100 });
  const orderDate = r.date(d.orderDate, 'orderDate') ?? now;
  if (orderDate.getTime() > now.getTime() + 86_400_000) r.fail('orderDate', 'in_future', 'may be at most one day ahead');
  const b2bInput = r.object(d.b2b, 'b2b', false);
  if (b2bInput) r.only(b2bInput, 'b2b', ['invoiceNumber', 'invoiceValuePaise', 'invoiceDate', 'freightMode', 'boxCount', 'appointmentDelivery', 'ewaybillNumber']);
  const type = r.oneOf<OrderType>(d.type, 'type', ['b2c', 'b2b'], b2bInput ? 'b2b' : 'b2c');
  const paymentMode = r.oneOf<PaymentMode>(d.paymentMode, 'paymentMode', ['prepaid', 'cod'], null);

  const buyerInput = r.object(d.buyer, 'buyer', true) ?? {};
  r.only(buyerInput, 'buyer', ['name', 'phone', 'email', 'companyName', 'gstin']);
  const buyerName = r.text(buyerInput.name, 'buyer.name', { required: true, max: 200 });
  const rawPhone = r.text(buyerInput.phone, 'buyer.phone', { required: true, max: 20 });
  const phone = rawPhone ? normalizeIndianPhone(rawPhone) : null;
  if (rawPhone && !phone) r.fail('buyer.phone', 'phone', 'must be a 10-digit Indian phone number (+91 or 0 prefix allowed)');
  const email = r.text(buyerInput.email, 'buyer.email', { max: 254, pattern: EMAIL, patternMessage: 'must be an email address' });
  const companyName = r.text(buyerInput.companyName, 'buyer.companyName', { max: 200 });
  const gstin = r.text(buyerInput.gstin, 'buyer.gstin', { max: 15 })?.toUpperCase() ?? null;
  if (gstin) {
    const problem = buyerGstinProblem(gstin);
    if (problem) r.fail('buyer.gstin', `gstin_${problem}`, problem === 'checksum' ? 'check character does not match (typo?)' : problem === 'state_code' ? 'starts with an unknown GST state code' : 'must be a 15-character GSTIN');
  } else if (type === 'b2b') r.fail('buyer.gstin', 'required', 'is required for B2B orders');

  const shippingAddress = r.address(d.shippingAddress, 'shippingAddress', true);
  const billingAddress = r.address(d.billingAddress, 'billingAddress', false);

  const items: ItemSpec[] = r.array(d.items, 'items', 1, 500).map((raw, i) => {
    const f = `items[${i}]`;
    const it = r.object(raw, f, true) ?? {};
    r.only(it, f, ['sku', 'name', 'quantity', 'unitPricePaise', 'hsnCode', 'taxRatePercent', 'discountPaise']);
    const name = r.text(it.name, `${f}.name`, { required: true, max: 300 });
    const quantity = r.int(it.quantity, `${f}.quantity`, { required: true, min: 1, max: 100_000 });
    const unitPricePaise = r.int(it.unitPricePaise, `${f}.unitPricePaise`, { required: true });
    const discountPaise = r.int(it.discountPaise, `${f}.discountPaise`, { fallback: 0 }) ?? 0;
    let taxRatePercent: number | null = null;
    if (r.has(it.taxRatePercent)) {
      const rate = Number(it.taxRatePercent);
      if (GST_RATES.includes(rate)) taxRatePercent = rate;
      else r.fail(`${f}.taxRatePercent`, 'one_of', `must be a GST rate (${GST_RATES.join(', ')})`);
    }
    const gross = (quantity ?? 0) * (unitPricePaise ?? 0);
    if (discountPaise > gross) r.fail(`${f}.discountPaise`, 'exceeds_line', 'may not exceed quantity x unit price');
    return {
      sku: r.text(it.sku, `${f}.sku`, { max: 100 }),
      name: name ?? '',
      quantity: quantity ?? 0,
      unitPricePaise: unitPricePaise ?? 0,
      hsnCode: r.text(it.hsnCode, `${f}.hsnCode`, { pattern: /^\d{4,8}$/, patternMessage: 'must be 4-8 digits' }),
      taxRatePercent,
      discountPaise,
      taxPaise: taxRatePercent ? percentOf(Math.max(gross - discountPaise, 0), taxRatePercent) : 0,
    };
  });

  const packages: PackageSpec[] = r.array(d.packages, 'packages', 1, 100).map((raw, i) => {
    const f = `packages[${i}]`;
    const p = r.object(raw, f, true) ?? {};
    r.only(p, f, ['weightGrams', 'lengthCm', 'breadthCm', 'heightCm']);
    return {
      weightGrams: r.int(p.weightGrams, `${f}.weightGrams`, { required: true, min: 1, max: 50_000_000 }) ?? 0,
      lengthCm: r.int(p.lengthCm, `${f}.lengthCm`, { required: true, min: 1, max: 1_500 }) ?? 0,
      breadthCm: r.int(p.breadthCm, `${f}.breadthCm`, { required: true, min: 1, max: 1_500 }) ?? 0,
      heightCm: r.int(p.heightCm, `${f}.heightCm`, { required: true, min: 1, max: 1_500 }) ?? 0,
    };
  });

  const shippingPaise = r.int(d.shippingChargesPaise, 'shippingChargesPaise', { fallback: 0 }) ?? 0;
  const orderDiscountPaise = r.int(d.discountPaise, 'discountPaise', { fallback: 0 }) ?? 0;
  const itemsPaise = items.reduce((s, it) => s + it.quantity * it.unitPricePaise, 0);
  const itemDiscounts = items.reduce((s, it) => s + it.discountPaise, 0);
  if (orderDiscountPaise + itemDiscounts > itemsPaise) r.fail('discountPaise', 'exceeds_items', 'discounts may not exceed the value of the items');
  const taxPaise = items.reduce((s, it) => s + it.taxPaise, 0);
  const discountPaise = orderDiscountPaise + itemDiscounts;
  const totals: Totals = { itemsPaise, discountPaise, shippingPaise, taxPaise, totalPaise: itemsPaise - discountPaise + shippingPaise + taxPaise };

  let codAmountPaise = 0;
  const codGiven = r.int(d.codAmountPaise, 'codAmountPaise');
  if (paymentMode === 'cod') {
    codAmountPaise = codGiven ?? totals.totalPaise;
    if (codAmountPaise > totals.totalPaise) r.fail('codAmountPaise', 'exceeds_total', `may not exceed the order total (${totals.totalPaise} paise)`);
    if (codAmountPaise <= 0 && r.errors.every((e) => e.field !== 'codAmountPaise')) r.fail('codAmountPaise', 'min', 'must be more than zero for a COD order');
  } else if (codGiven) r.fail('codAmountPaise', 'prepaid', 'must be empty or 0 for a prepaid order');

  const warehouseId = r.text(d.warehouseId, 'warehouseId', { pattern: UUID, patternMessage: 'must be a warehouse id (UUID)' });
  const warehouseCode = r.text(d.warehouseCode, 'warehouseCode', { max: 40 });

  const tags = [...new Set(r.array(d.tags ?? [], 'tags', 0, 20).map((t, i) => r.text(t, `tags[${i}]`, { max: 50 })?.toLowerCase()).filter((t): t is string => !!t))];
  const notes = r.text(d.notes, 'notes', { max: 2000 });
  const h = r.object(d.handling, 'handling', false) ?? {};
  r.only(h, 'handling', ['fragile', 'liquid', 'dangerousGoods']);
  const handling = { fragile: r.bool(h.fragile, 'handling.fragile'), liquid: r.bool(h.liquid, 'handling.liquid'), dangerousGoods: r.bool(h.dangerousGoods, 'handling.dangerousGoods') };
  const ins = r.object(d.insurance, 'insurance', false);
  if (ins) r.only(ins, 'insurance', ['insured', 'declaredValuePaise']);
  const insured = ins ? r.bool(ins.insured, 'insurance.insured') : false;
  const declaredValuePaise = ins ? r.int(ins.declaredValuePaise, 'insurance.declaredValuePaise', { required: insured, min: 1 }) : null;

  const totalWeightGrams = packages.reduce((s, p) => s + p.weightGrams, 0);
  let b2b: B2bSpec | null = null;
  let freightMode: FreightMode = 'parcel';
  let boxCount = packages.length;
  let appointmentDelivery = false;
  if (type === 'b2c' && b2bInput) r.fail('b2b', 'b2b_only', 'is only for B2B orders (type b2b)');
  if (type === 'b2b') {
    const b = b2bInput ?? (r.fail('b2b', 'required', 'is required for B2B orders (invoice number and value)'), {});
    const invoiceNumber = r.text(b.invoiceNumber, 'b2b.invoiceNumber', { required: !!b2bInput, max: 50 });
    const invoiceValuePaise = r.int(b.invoiceValuePaise, 'b2b.invoiceValuePaise', { required: !!b2bInput, min: 1 });
    const invoiceDate = r.date(b.invoiceDate, 'b2b.invoiceDate');
    const ewaybillNumber = r.text(b.ewaybillNumber, 'b2b.ewaybillNumber', { pattern: /^\d{12}$/, patternMessage: 'must be 12 digits' });
    freightMode = r.oneOf<FreightMode>(b.freightMode, 'b2b.freightMode', ['parcel', 'ptl', 'ftl'], 'parcel') ?? 'parcel';
    const heavy = totalWeightGrams > HEAVY_FREIGHT_GRAMS || freightMode !== 'parcel';
    const boxes = r.int(b.boxCount, 'b2b.boxCount', { min: 1, max: 100_000 });
    if (b2bInput && heavy && boxes === null && !r.errors.some((e) => e.field === 'b2b.boxCount')) r.fail('b2b.boxCount', 'required', 'is required for heavy freight (over 20 kg, PTL or FTL)');
    if (boxes !== null) boxCount = boxes;
    appointmentDelivery = r.bool(b.appointmentDelivery, 'b2b.appointmentDelivery');
    if (appointmentDelivery && !heavy) r.fail('b2b.appointmentDelivery', 'heavy_freight_only', 'is only available for heavy freight (over 20 kg, PTL or FTL)');
    if (invoiceNumber && invoiceValuePaise) b2b = { invoiceNumber, invoiceValuePaise, invoiceDate: invoiceDate ? invoiceDate.toISOString().slice(0, 10) : null, ewaybillNumber };
  }

  if (r.errors.length > 0 || !paymentMode || !type || !buyerName || !phone || !shippingAddress) return { ok: false, errors: r.errors };
  return {
    ok: true,
    spec: {
      orderNumber,
      channel,
      channelOrderId,
      orderDate,
      type,
      paymentMode,
      codAmountPaise,
      buyer: { name: buyerName, phone, email: email?.toLowerCase() ?? null, companyName, gstin },
      shippingAddress,
      billingAddress,
      items,
      packages,
      totals,
      orderDiscountPaise,
      totalWeightGrams,
      warehouseId,
      warehouseCode,
      tags,
      notes,
      handling,
      insurance: { insured, declaredValuePaise: insured ? declaredValuePaise : null },
      b2b,
      freightMode,
      heavyFreight: totalWeightGrams > HEAVY_FREIGHT_GRAMS || freightMode !== 'parcel',
      boxCount,
      appointmentDelivery,
    },
  };
}

/** The draft an OrderSpec came from (for PATCH: stored order + patch = new draft, validated again by the same path). */
export function specToDraft(spec: OrderSpec): OrderDraft {
  const address = (a: AddressSpec) => ({ ...a });
  return {
    orderNumber: spec.orderNumber,
    channel: spec.channel,
    channelOrderId: spec.channelOrderId,
    orderDate: spec.orderDate.toISOString(),
    type: spec.type,
    paymentMode: spec.paymentMode,
    codAmountPaise: spec.paymentMode === 'cod' ? spec.codAmountPaise : null,
    buyer: { ...spec.buyer },
    shippingAddress: address(spec.shippingAddress),
    billingAddress: spec.billingAddress ? address(spec.billingAddress) : null,
    items: spec.items.map(({ taxPaise: _tax, ...it }) => it),
    packages: spec.packages.map((p) => ({ ...p })),
    shippingChargesPaise: spec.totals.shippingPaise,
    discountPaise: spec.orderDiscountPaise,
    warehouseId: spec.warehouseId,
    warehouseCode: null,
    tags: [...spec.tags],
    notes: spec.notes,
    handling: { ...spec.handling },
    insurance: spec.insurance.insured ? { ...spec.insurance } : null,
    b2b: spec.type === 'b2b' && spec.b2b ? { ...spec.b2b, freightMode: spec.freightMode, boxCount: spec.heavyFreight ? spec.boxCount : null, appointmentDelivery: spec.appointmentDelivery } : null,
  };
}
