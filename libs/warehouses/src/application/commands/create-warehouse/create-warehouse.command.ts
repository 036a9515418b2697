import type { WarehouseInput } from '../../../domain/warehouse';
import type { Actor } from '../../actor';

/** Adds a warehouse; the company's first one becomes its default (or any one created with makeDefault). Returns its id. */
export class CreateWarehouse {
  constructor(
    readonly actor: Actor,
    readonly input: WarehouseInput,
    readonly makeDefault = false,
  ) {}
}
