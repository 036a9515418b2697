import type { Actor } from '../../actor';

export class RemoveMember {
  constructor(
    readonly actor: Actor,
    readonly targetUserId: string,
  ) {}
}
