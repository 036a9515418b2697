/** The worker's job: book a batch's orders that have no result yet. */
export class RunShipmentBatch {
  constructor(
    readonly companyId: string,
    readonly batchId: string,
    /** No retry follows if this run fails: the batch is then marked failed instead of left running. */
    readonly finalAttempt: boolean,
  ) {}
}
