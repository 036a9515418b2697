import type { Actor } from '../../actor';

export class RevokeInvitation {
  constructor(
    readonly actor: Actor,
    readonly invitationId: string,
  ) {}
}
