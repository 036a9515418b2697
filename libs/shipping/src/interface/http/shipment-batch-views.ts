import type { ShipmentBatchItemRow, ShipmentBatchRow } from '../../infrastructure/persistence/shipment-batches.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function shipmentBatchView(b: ShipmentBatchRow) {
  return {
    id: b.id,
    status: b.status,
    courier: b.courier,
    service: b.service,
    total: b.total,
    processed: b.processed,
    succeeded: b.succeeded,
    failed: b.failed,
    error: b.error,
    createdAt: iso(b.createdAt),
    startedAt: iso(b.startedAt),
    finishedAt: iso(b.finishedAt),
  };
}

export function shipmentBatchItemView(i: ShipmentBatchItemRow) {
  return {
    position: i.position,
    orderId: i.orderId,
    status: i.status,
    shipmentId: i.shipmentId,
    awb: i.awb,
    courier: i.courier,
    service: i.service,
    error: i.failure,
    finishedAt: iso(i.finishedAt),
  };
}
