import type { AddressAssessment } from '@shipcrowd/geo/contracts';
import { NotFoundError } from '@shipcrowd/kernel';
import type { Tx } from '@shipcrowd/platform';
import type { AddressQuality, Order } from '../domain/order';
import type { OrdersStore } from '../infrastructure/persistence/orders.store';

/** The order of the transaction's company, or 404 `order.not_found` (another company's id looks the same as none). */
export async function loadOrder(store: OrdersStore, tx: Tx, id: string): Promise<Order> {
  const order = await store.load(tx, id);
  if (!order) throw new NotFoundError('Order', id);
  return order;
}

/** What the order keeps of the geo context's assessment. */
export function toAddressQuality(a: AddressAssessment): AddressQuality {
  return { score: a.score, grade: a.grade, issues: a.issues.map(({ code, field, message, penalty }) => ({ code, field, message, penalty })) };
}
