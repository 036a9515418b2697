/** Shipment batches waiting for the worker: one job per batch, which books its orders. */
export const SHIPMENT_BATCHES_QUEUE = 'shipping-batches';

export interface ShipmentBatchJob {
  companyId: string;
  batchId: string;
}
