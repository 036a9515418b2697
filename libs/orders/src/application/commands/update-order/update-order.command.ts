import type { OrdersActor } from '../../actor';

/** Partial draft: given top-level fields replace the stored ones (objects such as buyer or shippingAddress merge one level deep). */
export class UpdateOrder {
  constructor(
    readonly actor: OrdersActor,
    readonly orderId: string,
    readonly patch: Record<string, unknown>,
    readonly expectedVersion: number,
  ) {}
}
