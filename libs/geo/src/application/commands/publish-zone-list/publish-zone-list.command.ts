import type { MetroCity } from '../../../domain/zone';

export type ZoneListInput = { kind: 'metro'; entries: MetroCity[] } | { kind: 'special'; entries: string[] };

/** A platform admin publishes a new version of the metro or special-region list; it becomes the active one. */
export class PublishZoneList {
  constructor(
    readonly input: ZoneListInput,
    readonly adminUserId: string,
  ) {}
}
