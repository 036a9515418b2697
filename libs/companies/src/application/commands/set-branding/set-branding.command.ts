import type { Actor } from '../../actor';

export class SetBranding {
  constructor(
    readonly actor: Actor,
    readonly primaryColor: string | null,
    readonly secondaryColor: string | null,
    readonly expectedVersion?: number,
  ) {}
}
