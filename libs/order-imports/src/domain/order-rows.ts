import type { OrderDraft, OrderItemDraft, OrderPackageDraft } from '@shipcrowd/orders/contracts';
import { decimal, flag, isFormulaCell, positiveInt, rupeesToPaise } from './cells';
import { IMPORT_COLUMNS } from './import-columns';

/** One data record of the file: its line (header = 1) and its cells in header order. */
export interface ImportRow {
  line: number;
  values: string[];
  /** Set by the reader when the record has more or fewer cells than the header. */
  cellCountProblem?: string;
}

export interface RowProblem {
  line: number;
  /** Column name (or 'row' for the record as a whole). */
  field: string;
  message: string;
  code: string;
}

/** One order assembled from its rows; `draft` is null when a row of it has a problem (then it is not sent). */
export interface AssembledOrder {
  orderNumber: string;
  lines: number[];
  draft: OrderDraft | null;
  /** Line of each item, in draft.items order (to put the orders context's item errors on the right row). */
  itemLines: number[];
  packageLines: number[];
}

const ORDER_COLUMNS = IMPORT_COLUMNS.filter((c) => c.level === 'order').map((c) => c.name);
const PACKAGE_COLUMNS = IMPORT_COLUMNS.filter((c) => c.level === 'package').map((c) => c.name);
const TAX_RATES = new Set([0, 5, 12, 18, 28]);
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

interface Pending {
  orderNumber: string;
  first: Record<string, string>;
  lines: number[];
  items: OrderItemDraft[];
  itemLines: number[];
  packages: OrderPackageDraft[];
  packageLines: number[];
  broken: boolean;
}

/**
 * Groups rows into orders (rows with the same order_number, in order of first appearance) and maps them to
 * OrderDraft. Every problem names its line and column; an order with any problem gets no draft.
 */
export class OrderAssembler {
  private readonly orders = new Map<string, Pending>();
  readonly problems: RowProblem[] = [];

  constructor(private readonly header: readonly string[]) {}

  add(row: ImportRow): void {
    const cells: Record<string, string> = {};
    const problems: RowProblem[] = [];
    const problem = (field: string, message: string, code: string) => problems.push({ line: row.line, field, message, code });
    if (row.cellCountProblem) problem('row', row.cellCountProblem, 'column_count');
    for (let i = 0; i < this.header.length; i++) {
      const name = this.header[i];
      if (!name) continue;
      const raw = row.values[i] ?? '';
      cells[name] = raw.trim();
      if (isFormulaCell(raw)) problem(name, 'starts like a spreadsheet formula (= + - @); formulas are not imported', 'formula_rejected');
    }
    const orderNumber = cells.order_number ?? '';
    if (!orderNumber) problem('order_number', 'is required', 'required');

    let pending = this.orders.get(orderNumber);
    if (!pending) {
      pending = { orderNumber, first: cells, lines: [], items: [], itemLines: [], packages: [], packageLines: [], broken: false };
      if (orderNumber) this.orders.set(orderNumber, pending);
    } else {
      for (const name of ORDER_COLUMNS) {
        const value = cells[name];
        if (value && value !== (pending.first[name] ?? '')) problem(name, `differs from the first row of order ${orderNumber} (line ${pending.lines[0]}: "${pending.first[name] ?? ''}")`, 'conflicting_order_value');
      }
    }
    pending.lines.push(row.line);

    const item = this.item(cells, problem);
    if (item) {
      pending.items.push(item);
      pending.itemLines.push(row.line);
    }
    const isFirst = pending.lines.length === 1;
    if (isFirst || PACKAGE_COLUMNS.some((c) => cells[c])) {
      const pkg = this.package(cells, problem);
      if (pkg) {
        pending.packages.push(pkg);
        pending.packageLines.push(row.line);
      }
    }
    if (problems.length > 0) {
      pending.broken = true;
      this.problems.push(...problems);
    }
  }

  /** Every order in order of first appearance, with its draft (null when broken). */
  finish(): AssembledOrder[] {
    const out: AssembledOrder[] = [];
    for (const p of this.orders.values()) {
      const orderProblems: RowProblem[] = [];
      const draft = p.broken ? null : this.draft(p, orderProblems);
      this.problems.push(...orderProblems);
      out.push({ orderNumber: p.orderNumber, lines: p.lines, draft: orderProblems.length ? null : draft, itemLines: p.itemLines, packageLines: p.packageLines });
    }
    return out;
  }

  private item(c: Record<string, string>, report: (f: string, m: string, code: string) => void): OrderItemDraft | null {
    let bad = false;
    const problem = (f: string, m: string, code: string) => {
      bad = true;
      report(f, m, code);
    };
    const quantity = positiveInt(c.item_quantity ?? '');
    if (quantity === null) problem('item_quantity', 'must be a whole number of at least 1', 'invalid_quantity');
    const unitPricePaise = rupeesToPaise(c.item_unit_price ?? '');
    if (unitPricePaise === null) problem('item_unit_price', 'must be rupees with at most 2 decimals, e.g. 749.50', 'invalid_amount');
    if (!c.item_name) problem('item_name', 'is required', 'required');
    const discountPaise = optionalMoney(c.item_discount, 'item_discount', problem);
    let taxRatePercent: number | null = null;
    if (c.item_tax_rate) {
      const rate = Number(c.item_tax_rate.replace(/%$/, ''));
      if (!TAX_RATES.has(rate)) problem('item_tax_rate', 'must be 0, 5, 12, 18 or 28', 'invalid_tax_rate');
      else taxRatePercent = rate;
    }
    if (bad || quantity === null || unitPricePaise === null) return null;
    return { sku: c.item_sku || null, name: c.item_name, quantity, unitPricePaise, hsnCode: c.item_hsn || null, taxRatePercent, discountPaise };
  }

  private package(c: Record<string, string>, problem: (f: string, m: string, code: string) => void): OrderPackageDraft | null {
    const kg = decimal(c.package_weight_kg ?? '', 3);
    if (kg === null || kg <= 0) problem('package_weight_kg', 'must be the weight in kilograms, more than 0, up to 3 decimals (0.5 = 500 g)', 'invalid_weight');
    const dims = (['length', 'breadth', 'height'] as const).map((d) => {
      const v = decimal(c[`package_${d}_cm`] ?? '', 1);
      if (v === null || v <= 0) problem(`package_${d}_cm`, 'must be centimetres, more than 0 (up to 1 decimal)', 'invalid_dimension');
      return v;
    });
    if (kg === null || kg <= 0 || dims.some((v) => v === null || v <= 0)) return null;
    // Kilograms with up to 3 decimals to grams exactly: parse the digits, not a float product.
    const [whole, fraction = ''] = c.package_weight_kg.trim().split('.');
    return { weightGrams: Number(whole) * 1000 + Number(fraction.padEnd(3, '0')), lengthCm: dims[0]!, breadthCm: dims[1]!, heightCm: dims[2]! };
  }

  private draft(p: Pending, problems: RowProblem[]): OrderDraft | null {
    const c = p.first;
    const line = p.lines[0];
    const problem = (field: string, message: string, code: string) => problems.push({ line, field, message, code });
    const paymentMode = c.payment_mode?.toLowerCase();
    if (paymentMode !== 'prepaid' && paymentMode !== 'cod') problem('payment_mode', 'must be prepaid or cod', 'invalid_payment_mode');
    const type = (c.order_type || 'b2c').toLowerCase();
    if (type !== 'b2c' && type !== 'b2b') problem('order_type', 'must be b2c or b2b', 'invalid_order_type');
    if (c.order_date && (!DATE.test(c.order_date) || Number.isNaN(Date.parse(c.order_date)))) problem('order_date', 'must be a date YYYY-MM-DD or an ISO date-time', 'invalid_date');
    const codAmountPaise = optionalMoney(c.cod_amount, 'cod_amount', problem);
    if (codAmountPaise !== null && paymentMode === 'prepaid') problem('cod_amount', 'only COD orders have a COD amount', 'cod_on_prepaid');
    const shippingChargesPaise = optionalMoney(c.shipping_charges, 'shipping_charges', problem);
    const discountPaise = optionalMoney(c.order_discount, 'order_discount', problem);
    const declaredValuePaise = optionalMoney(c.declared_value, 'declared_value', problem);
    const flags = Object.fromEntries(
      (['fragile', 'liquid', 'dangerous_goods', 'insured', 'appointment_delivery'] as const).map((name) => {
        const v = flag(c[name] ?? '');
        if (v === null) problem(name, 'must be true or false', 'invalid_boolean');
        return [name, v ?? false];
      }),
    ) as Record<'fragile' | 'liquid' | 'dangerous_goods' | 'insured' | 'appointment_delivery', boolean>;
    const billingGiven = ['billing_line1', 'billing_line2', 'billing_city', 'billing_state', 'billing_pincode'].some((k) => c[k]);
    let b2b: OrderDraft['b2b'] = null;
    if (type === 'b2b' || c.invoice_number || c.invoice_value) {
      const invoiceValuePaise = optionalMoney(c.invoice_value, 'invoice_value', problem);
      const freightMode = (c.freight_mode || 'parcel').toLowerCase();
      if (!['parcel', 'ptl', 'ftl'].includes(freightMode)) problem('freight_mode', 'must be parcel, ptl or ftl', 'invalid_freight_mode');
      let boxCount: number | null = null;
      if (c.box_count) {
        boxCount = positiveInt(c.box_count, 100_000);
        if (boxCount === null) problem('box_count', 'must be a whole number of at least 1', 'invalid_box_count');
      }
      if (c.invoice_date && !DATE.test(c.invoice_date)) problem('invoice_date', 'must be a date YYYY-MM-DD', 'invalid_date');
      b2b = {
        invoiceNumber: c.invoice_number ?? '',
        invoiceValuePaise: invoiceValuePaise ?? 0,
        invoiceDate: c.invoice_date || null,
        freightMode: freightMode as 'parcel' | 'ptl' | 'ftl',
        boxCount,
        appointmentDelivery: flags.appointment_delivery,
        ewaybillNumber: c.ewaybill_number || null,
      };
    }
    if (p.items.length === 0 || p.packages.length === 0 || problems.length > 0) return null;
    return {
      orderNumber: p.orderNumber,
      channel: 'csv_import',
      channelOrderId: c.channel_order_id || null,
      orderDate: c.order_date ? new Date(c.order_date).toISOString() : null,
      type: type as 'b2c' | 'b2b',
      paymentMode: paymentMode as 'prepaid' | 'cod',
      codAmountPaise,
      buyer: { name: c.buyer_name ?? '', phone: c.buyer_phone ?? '', email: c.buyer_email || null, companyName: c.buyer_company || null, gstin: c.buyer_gstin || null },
      shippingAddress: { line1: c.shipping_line1 ?? '', line2: c.shipping_line2 || null, landmark: c.shipping_landmark || null, city: c.shipping_city ?? '', state: c.shipping_state ?? '', pincode: c.shipping_pincode ?? '' },
      billingAddress: billingGiven ? { line1: c.billing_line1 ?? '', line2: c.billing_line2 || null, city: c.billing_city ?? '', state: c.billing_state ?? '', pincode: c.billing_pincode ?? '' } : null,
      items: p.items,
      packages: p.packages,
      shippingChargesPaise,
      discountPaise,
      warehouseCode: c.warehouse_code || null,
      tags: c.tags ? c.tags.split('|').map((t) => t.trim()).filter(Boolean) : [],
      notes: c.notes || null,
      handling: { fragile: flags.fragile, liquid: flags.liquid, dangerousGoods: flags.dangerous_goods },
      insurance: flags.insured || declaredValuePaise !== null ? { insured: flags.insured, declaredValuePaise } : null,
      b2b,
    };
  }
}

function optionalMoney(text: string | undefined, column: string, problem: (f: string, m: string, code: string) => void): number | null {
  if (!text) return null;
  const paise = rupeesToPaise(text);
  if (paise === null) problem(column, 'must be rupees with at most 2 decimals, e.g. 1499.00', 'invalid_amount');
  return paise;
}

/** Where an orders-context field path lands in the file: the column and, for items and packages, which row. */
export function columnOfDraftField(field: string, order: AssembledOrder): { line: number; column: string } {
  const first = order.lines[0];
  const indexed = /^(items|packages)\[(\d+)\]\.?(.*)$/.exec(field);
  if (indexed) {
    const [, list, index, rest] = indexed;
    const lines = list === 'items' ? order.itemLines : order.packageLines;
    const line = lines[Number(index)] ?? first;
    const column = list === 'items' ? ITEM_FIELD[rest] ?? 'item_name' : PACKAGE_FIELD[rest] ?? 'package_weight_kg';
    return { line, column };
  }
  return { line: first, column: ORDER_FIELD[field] ?? field };
}

const ITEM_FIELD: Record<string, string> = { sku: 'item_sku', name: 'item_name', quantity: 'item_quantity', unitPricePaise: 'item_unit_price', hsnCode: 'item_hsn', taxRatePercent: 'item_tax_rate', discountPaise: 'item_discount' };
const PACKAGE_FIELD: Record<string, string> = { weightGrams: 'package_weight_kg', lengthCm: 'package_length_cm', breadthCm: 'package_breadth_cm', heightCm: 'package_height_cm' };
const ORDER_FIELD: Record<string, string> = {
  orderNumber: 'order_number',
  channelOrderId: 'channel_order_id',
  orderDate: 'order_date',
  type: 'order_type',
  paymentMode: 'payment_mode',
  codAmountPaise: 'cod_amount',
  'buyer.name': 'buyer_name',
  'buyer.phone': 'buyer_phone',
  'buyer.email': 'buyer_email',
  'buyer.companyName': 'buyer_company',
  'buyer.gstin': 'buyer_gstin',
  'shippingAddress.line1': 'shipping_line1',
  'shippingAddress.line2': 'shipping_line2',
  'shippingAddress.landmark': 'shipping_landmark',
  'shippingAddress.city': 'shipping_city',
  'shippingAddress.state': 'shipping_state',
  'shippingAddress.pincode': 'shipping_pincode',
  'billingAddress.line1': 'billing_line1',
  'billingAddress.city': 'billing_city',
  'billingAddress.state': 'billing_state',
  'billingAddress.pincode': 'billing_pincode',
  shippingChargesPaise: 'shipping_charges',
  discountPaise: 'order_discount',
  warehouseCode: 'warehouse_code',
  warehouseId: 'warehouse_code',
  tags: 'tags',
  notes: 'notes',
  'insurance.declaredValuePaise': 'declared_value',
  'b2b.invoiceNumber': 'invoice_number',
  'b2b.invoiceValuePaise': 'invoice_value',
  'b2b.invoiceDate': 'invoice_date',
  'b2b.freightMode': 'freight_mode',
  'b2b.boxCount': 'box_count',
  'b2b.ewaybillNumber': 'ewaybill_number',
};
