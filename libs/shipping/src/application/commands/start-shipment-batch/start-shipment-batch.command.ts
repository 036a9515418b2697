import type { Actor } from '../../actor';

/** Book these orders in the background (unique ids, at most MAX_BATCH_ORDERS; checked by the HTTP layer). */
export class StartShipmentBatch {
  constructor(
    readonly actor: Actor,
    readonly orderIds: readonly string[],
    /** For every order; else each order's routing preference or the quote's recommendation, as for one booking. */
    readonly courier?: string,
    readonly service?: string,
  ) {}
}
