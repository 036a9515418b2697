import type { OrdersActor } from '../../actor';

export class RollbackImport {
  constructor(
    readonly actor: OrdersActor,
    readonly importId: string,
  ) {}
}
