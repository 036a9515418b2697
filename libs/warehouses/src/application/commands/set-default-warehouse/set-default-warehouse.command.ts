import type { Actor } from '../../actor';

/** Makes a warehouse the company's default; the previous default stops being it in the same transaction. */
export class SetDefaultWarehouse {
  constructor(
    readonly actor: Actor,
    readonly warehouseId: string,
  ) {}
}
