import type { CustomZoneInput } from '../../../domain/custom-zone';
import type { ZoneActor } from '../../custom-zones';

/** A company defines a custom zone (optionally with its first pincodes, at most CREATE_MAX_PINCODES). */
export class CreateCustomZone {
  constructor(
    readonly actor: ZoneActor,
    readonly input: CustomZoneInput & { name: string; zone: string; matchScope: string },
    readonly pincodes: readonly string[] = [],
  ) {}
}
