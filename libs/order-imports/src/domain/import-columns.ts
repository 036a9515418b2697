/**
 * The order import format: one row per order item; rows sharing order_number form one order. Order-level columns
 * are read from the order's first row (a later row that repeats one with another value is a row error); item
 * columns from every row; package columns from the first row and from any later row that fills them (one more box).
 */
export interface ImportColumn {
  name: string;
  level: 'order' | 'item' | 'package';
  required: boolean;
  description: string;
  example: string;
}

const col = (name: string, level: ImportColumn['level'], required: boolean, description: string, example: string): ImportColumn => ({ name, level, required, description, example });

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  col('order_number', 'order', true, 'Your order number; rows with the same value are one order (company-unique)', 'SO-1001'),
  col('order_date', 'order', false, 'ISO date or date-time (YYYY-MM-DD[THH:MM]); default now', '2026-11-20'),
  col('channel_order_id', 'order', false, 'Id of the order in your store/marketplace (duplicate detection)', 'SHOP-88231'),
  col('order_type', 'order', false, 'b2c (default) or b2b', 'b2c'),
  col('payment_mode', 'order', true, 'prepaid or cod', 'cod'),
  col('cod_amount', 'order', false, 'Rupees to collect (up to 2 decimals); COD only; default the order total', '1499.00'),
  col('buyer_name', 'order', true, 'Buyer full name', 'Priya Sharma'),
  col('buyer_phone', 'order', true, 'Indian mobile, +91/0 prefix allowed', '9876543210'),
  col('buyer_email', 'order', false, 'Buyer email', 'priya@example.in'),
  col('buyer_company', 'order', false, 'Buyer company name (B2B)', ''),
  col('buyer_gstin', 'order', false, 'Buyer GSTIN (B2B)', ''),
  col('shipping_line1', 'order', true, 'Shipping address: house/flat, street', 'Flat 12B, Lotus Towers, MG Road'),
  col('shipping_line2', 'order', false, 'Shipping address line 2', ''),
  col('shipping_landmark', 'order', false, 'Landmark', 'Near City Mall'),
  col('shipping_city', 'order', true, 'City', 'Bengaluru'),
  col('shipping_state', 'order', true, 'State', 'Karnataka'),
  col('shipping_pincode', 'order', true, '6-digit pincode', '560001'),
  col('billing_line1', 'order', false, 'Billing address (all billing_* columns, or none = same as shipping)', ''),
  col('billing_line2', 'order', false, 'Billing address line 2', ''),
  col('billing_city', 'order', false, 'Billing city', ''),
  col('billing_state', 'order', false, 'Billing state', ''),
  col('billing_pincode', 'order', false, 'Billing pincode', ''),
  col('item_sku', 'item', false, 'Item SKU', 'TSHIRT-BLK-M'),
  col('item_name', 'item', true, 'Item name', 'Black T-shirt (M)'),
  col('item_quantity', 'item', true, 'Whole number >= 1', '2'),
  col('item_unit_price', 'item', true, 'Rupees per unit, up to 2 decimals (1,299.50 and ₹ prefix allowed)', '749.50'),
  col('item_hsn', 'item', false, 'HSN code', '6109'),
  col('item_tax_rate', 'item', false, 'GST percent: 0, 5, 12, 18 or 28', '5'),
  col('item_discount', 'item', false, 'Rupees off this item line', '0'),
  col('package_weight_kg', 'package', true, 'Dead weight of the box in KILOGRAMS, up to 3 decimals (0.5 = 500 g)', '0.5'),
  col('package_length_cm', 'package', true, 'Box length, cm (up to 1 decimal)', '30'),
  col('package_breadth_cm', 'package', true, 'Box breadth, cm', '20'),
  col('package_height_cm', 'package', true, 'Box height, cm', '5'),
  col('shipping_charges', 'order', false, 'Rupees charged to the buyer for shipping', '0'),
  col('order_discount', 'order', false, 'Rupees off the whole order', '0'),
  col('warehouse_code', 'order', false, 'Pickup warehouse code; empty = routing rules, then the default warehouse', 'BLR-1'),
  col('tags', 'order', false, 'Tags separated by |', 'diwali|priority'),
  col('notes', 'order', false, 'Notes', ''),
  col('fragile', 'order', false, 'true/false', 'false'),
  col('liquid', 'order', false, 'true/false', 'false'),
  col('dangerous_goods', 'order', false, 'true/false', 'false'),
  col('insured', 'order', false, 'true/false', 'false'),
  col('declared_value', 'order', false, 'Rupees declared for insurance', ''),
  col('invoice_number', 'order', false, 'B2B: invoice number (required for b2b)', ''),
  col('invoice_value', 'order', false, 'B2B: invoice value in rupees (required for b2b)', ''),
  col('invoice_date', 'order', false, 'B2B: invoice date YYYY-MM-DD', ''),
  col('freight_mode', 'order', false, 'B2B: parcel, ptl or ftl', ''),
  col('box_count', 'order', false, 'B2B: number of boxes', ''),
  col('appointment_delivery', 'order', false, 'B2B: true/false', ''),
  col('ewaybill_number', 'order', false, 'B2B: e-way bill number', ''),
];

export const COLUMN_NAMES: readonly string[] = IMPORT_COLUMNS.map((c) => c.name);
export const REQUIRED_COLUMNS: readonly string[] = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.name);
const KNOWN = new Set(COLUMN_NAMES);

/** Header cells as the import reads them: trimmed, lower-case, spaces to underscores. */
export function normaliseHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export interface HeaderProblem {
  field: string;
  message: string;
  code: 'unknown_column' | 'missing_column' | 'duplicate_column';
}

/** Problems of a header row: unknown, missing required, repeated columns. */
export function headerProblems(header: readonly string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') continue;
    if (!KNOWN.has(name)) problems.push({ field: `columns.${name}`, message: 'is not an order import column (see GET /v1/order-imports/template)', code: 'unknown_column' });
    if (seen.has(name)) problems.push({ field: `columns.${name}`, message: 'appears more than once', code: 'duplicate_column' });
    seen.add(name);
  }
  for (const name of REQUIRED_COLUMNS) if (!seen.has(name)) problems.push({ field: `columns.${name}`, message: 'is required', code: 'missing_column' });
  return problems;
}
