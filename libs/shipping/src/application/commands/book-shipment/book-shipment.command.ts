import type { Actor } from '../../actor';

export class BookShipment {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    /** Chosen courier/service; else routing-rule preference, else the quote's recommendation. */
    readonly courier?: string,
    readonly service?: string,
  ) {}
}
