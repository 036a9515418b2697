/** What other contexts may use of the shipping context: its integration events. */

/** Integration events written to the outbox; payloads carry { shipmentId, orderId, orderNumber, courier, awb, status }. */
export const SHIPPING_EVENTS = {
  shipmentBooked: 'shipping.shipment_booked',
  shipmentStatusChanged: 'shipping.shipment_status_changed',
  shipmentDelivered: 'shipping.shipment_delivered',
  shipmentCancelled: 'shipping.shipment_cancelled',
} as const;
