/** One batch of the company (404 shipment_batch.not_found otherwise). */
export class GetShipmentBatch {
  constructor(
    readonly companyId: string,
    readonly batchId: string,
  ) {}
}

/** The company's batches, newest first. */
export class ListShipmentBatches {
  constructor(
    readonly companyId: string,
    readonly limit: number,
    readonly cursor?: { createdAt: string; id: string },
  ) {}
}

/** A batch's orders in request order with their results; `result` keeps only the booked (ok) or the failed ones. */
export class ListShipmentBatchItems {
  constructor(
    readonly companyId: string,
    readonly batchId: string,
    readonly result: 'ok' | 'failed' | undefined,
    readonly limit: number,
    readonly afterPosition?: number,
  ) {}
}
