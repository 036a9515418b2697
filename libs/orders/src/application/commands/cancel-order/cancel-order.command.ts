import type { OrdersActor } from '../../actor';

export class CancelOrder {
  constructor(
    readonly actor: OrdersActor,
    readonly orderId: string,
    readonly reason: string,
    readonly expectedVersion?: number,
  ) {}
}
