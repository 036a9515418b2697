import type { Actor } from '../../actor';

export class ChangeMemberRole {
  constructor(
    readonly actor: Actor,
    readonly targetUserId: string,
    readonly role: string,
    readonly expectedVersion?: number,
  ) {}
}
