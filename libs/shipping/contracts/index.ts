/** What other contexts may use of the shipping context: its integration events. */

/** Integration events written to the outbox; payloads carry { shipmentId, orderId, orderNumber, courier, awb, status }. */
export const SHIPPING_EVENTS = {
  shipmentBooked: 'shipping.shipment_booked',
  shipmentStatusChanged: 'shipping.shipment_status_changed',
  shipmentDelivered: 'shipping.shipment_delivered',
  shipmentCancelled: 'shipping.shipment_cancelled',
  /** A booking left in flight that the courier would not confirm when reconciled (payload adds reference, failure { code, message }). */
  shipmentBookingFailed: 'shipping.shipment_booking_failed',
  /** Boxes, weights and charges changed before pickup (payload adds deadWeightGrams, chargeableWeightGrams, totalPaise, courierUpdated). */
  shipmentPackagesUpdated: 'shipping.shipment_packages_updated',
  /** Weight discrepancies also carry { discrepancyId, chargeableWeightGrams, chargedWeightGrams, extraSlabs, extraChargePaise, deadlineAt }. */
  weightDiscrepancyOpened: 'shipping.weight_discrepancy_opened',
  /** By the seller, or with auto: true when the deadline passed; the courier's weight stands. */
  weightDiscrepancyAccepted: 'shipping.weight_discrepancy_accepted',
  weightDiscrepancyDisputed: 'shipping.weight_discrepancy_disputed',
  /** outcome: 'seller' (nothing extra to pay) or 'courier' (the extra charge stands). */
  weightDiscrepancyResolved: 'shipping.weight_discrepancy_resolved',
} as const;
