import type { Actor } from '../../actor';

/** Deletes (soft) a warehouse no order has used; a used one must be deactivated instead. */
export class DeleteWarehouse {
  constructor(
    readonly actor: Actor,
    readonly warehouseId: string,
  ) {}
}
