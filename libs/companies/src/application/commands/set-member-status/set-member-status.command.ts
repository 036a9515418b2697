import type { Actor } from '../../actor';

export class DeactivateMember {
  constructor(
    readonly actor: Actor,
    readonly targetUserId: string,
  ) {}
}

export class ReactivateMember {
  constructor(
    readonly actor: Actor,
    readonly targetUserId: string,
  ) {}
}
