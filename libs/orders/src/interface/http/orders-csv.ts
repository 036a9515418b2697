import type { OrderSummaryRow } from '../../application/queries/list-orders/list-orders.handler';

const rupees = (paise: number) => (paise / 100).toFixed(2);

export const EXPORT_COLUMNS: [string, (r: OrderSummaryRow) => string | number | null][] = [
  ['order_number', (r) => r.orderNumber],
  ['created_at', (r) => r.createdAt.toISOString()],
  ['order_date', (r) => r.orderDate.toISOString()],
  ['status', (r) => r.status],
  ['channel', (r) => r.channel],
  ['channel_order_id', (r) => r.channelOrderId],
  ['type', (r) => r.type],
  ['payment_mode', (r) => r.paymentMode],
  ['buyer_name', (r) => r.buyerName],
  ['buyer_phone', (r) => r.buyerPhone],
  ['buyer_email', (r) => r.buyerEmail],
  ['address_line1', (r) => r.shippingAddress.line1],
  ['city', (r) => r.shippingAddress.city],
  ['state', (r) => r.shippingAddress.state],
  ['pincode', (r) => r.shippingAddress.pincode],
  ['items', (r) => (r.items as { sku: string | null; name: string; quantity: number }[]).map((i) => `${i.sku ?? i.name} x${i.quantity}`).join('; ')],
  ['weight_grams', (r) => r.totalWeightGrams],
  ['total_rupees', (r) => rupees(r.totalPaise)],
  ['cod_rupees', (r) => rupees(r.codAmountPaise)],
  ['warehouse_id', (r) => r.warehouseId],
  ['tags', (r) => r.tags.join(' ')],
  ['awb', (r) => r.awb],
  ['duplicate_of', (r) => r.duplicateOf],
  ['address_score', (r) => r.addressScore],
];

/**
 * One CSV cell (RFC 4180 quoting). A text cell a spreadsheet would run as a formula (=, +, -, @, or a leading
 * tab/CR) gets a leading apostrophe, so '=HYPERLINK(...)' stays text (OWASP CSV injection).
 */
export function csvCell(value: string | number | null): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function exportHeader(): string {
  return csvLine(EXPORT_COLUMNS.map(([name]) => name));
}

export function exportRow(r: OrderSummaryRow): string {
  return csvLine(EXPORT_COLUMNS.map(([, get]) => get(r)));
}
