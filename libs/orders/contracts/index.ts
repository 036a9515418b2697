/** What other contexts may use of the orders context. */

/** Integration events written to the outbox; payloads carry at least { orderId, orderNumber, status }. */
export const ORDER_EVENTS = {
  orderPlaced: 'orders.order_placed',
  orderUpdated: 'orders.order_updated',
  orderCancelled: 'orders.order_cancelled',
} as const;
