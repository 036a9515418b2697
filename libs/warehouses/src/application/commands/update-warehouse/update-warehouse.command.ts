import type { WarehouseInput } from '../../../domain/warehouse';
import type { Actor } from '../../actor';

/** Edits a warehouse: fields left undefined keep their value; hours merge per weekday. */
export class UpdateWarehouse {
  constructor(
    readonly actor: Actor,
    readonly warehouseId: string,
    readonly patch: Partial<WarehouseInput>,
    readonly expectedVersion?: number,
  ) {}
}
