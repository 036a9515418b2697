import type { OrderSettings } from '../../../domain/order-settings';
import type { OrdersActor } from '../../actor';

export class UpdateOrderSettings {
  constructor(
    readonly actor: OrdersActor,
    readonly settings: OrderSettings,
  ) {}
}
