import type { ShipmentDetails, TimelineEntry } from '../../application/queries/get-shipment/get-shipment.handler';
import type { ShipmentSummary } from '../../application/queries/list-shipments/list-shipments.handler';
import type { PublicTracking } from '../../application/queries/public-tracking/public-tracking.handler';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function shipmentSummaryView(s: ShipmentSummary) {
  return {
    id: s.id,
    orderId: s.orderId,
    orderNumber: s.orderNumber,
    reference: s.reference,
    courier: s.courier,
    service: s.service,
    awb: s.awb,
    childAwbs: s.childAwbs ?? [],
    status: s.status,
    statusAt: iso(s.statusAt),
    paymentMode: s.paymentMode,
    codAmountPaise: s.codAmountPaise,
    chargeableWeightGrams: s.chargeableWeightGrams,
    charges: s.charges,
    expectedDeliveryDate: s.expectedDeliveryDate,
    failure: s.failure,
    createdAt: iso(s.createdAt),
  };
}

export function timelineView(t: TimelineEntry) {
  return { ...t, occurredAt: iso(t.occurredAt), receivedAt: iso(t.receivedAt) };
}

export function shipmentView({ shipment: s, version, timeline }: ShipmentDetails) {
  return {
    ...shipmentSummaryView(s),
    deadWeightGrams: s.deadWeightGrams,
    volumetricWeightGrams: s.volumetricWeightGrams,
    declaredValuePaise: s.declaredValuePaise,
    sortCode: s.sortCode,
    cancelReason: s.cancelReason,
    booking: s.booking,
    timeline: timeline.map(timelineView),
    version,
  };
}

export function publicTrackingView(t: PublicTracking) {
  return {
    awb: t.awb,
    courierName: t.courierName,
    status: t.status,
    statusAt: iso(t.statusAt),
    expectedDeliveryDate: t.expectedDeliveryDate,
    destinationCity: t.destinationCity,
    timeline: t.timeline.map((s) => ({ ...s, occurredAt: iso(s.occurredAt) })),
  };
}
