import type { Actor } from '../../actor';

/** Deactivates (no new orders ship from it) or re-activates a warehouse. The default cannot be deactivated. */
export class SetWarehouseActive {
  constructor(
    readonly actor: Actor,
    readonly warehouseId: string,
    readonly active: boolean,
    readonly expectedVersion?: number,
  ) {}
}
