import type { CustomZoneInput } from '../../../domain/custom-zone';
import type { ZoneActor } from '../../custom-zones';

/** Changes some of a custom zone's settings (boundary: null removes it). */
export class UpdateCustomZone {
  constructor(
    readonly actor: ZoneActor,
    readonly id: string,
    readonly patch: CustomZoneInput,
    readonly expectedVersion?: number,
  ) {}
}
