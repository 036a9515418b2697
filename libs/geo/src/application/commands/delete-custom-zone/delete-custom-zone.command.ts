import type { ZoneActor } from '../../custom-zones';

/** Removes a custom zone and its pincode list. */
export class DeleteCustomZone {
  constructor(
    readonly actor: ZoneActor,
    readonly id: string,
    readonly expectedVersion?: number,
  ) {}
}
