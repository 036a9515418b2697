import { hash } from 'node:crypto';
import type { OrderSpec } from './order-spec';

export type DuplicateMode = 'reject' | 'flag';

/**
 * What makes two orders "the same purchase" when no channel order id tells: the buyer's phone, the total and
 * the items (SKU, else lower-cased name, with quantities) in any order. Hashed so it fits an index.
 */
export function duplicateFingerprint(spec: Pick<OrderSpec, 'buyer' | 'totals' | 'items'>): string {
  const items = spec.items
    .map((it) => `${(it.sku ?? it.name).trim().toLowerCase()}x${it.quantity}`)
    .sort()
    .join('|');
  return hash('sha256', `${spec.buyer.phone}#${spec.totals.totalPaise}#${items}`, 'base64url').slice(0, 32);
}

/** Key of a channel order id; two live orders with the same key are always duplicates. */
export function channelKey(spec: Pick<OrderSpec, 'channel' | 'channelOrderId'>): string | null {
  return spec.channelOrderId ? `${spec.channel}\u0000${spec.channelOrderId}` : null;
}

export interface DuplicateHit {
  orderId: string;
  orderNumber: string;
  reason: 'channel_order_id' | 'same_buyer_amount_items';
}
