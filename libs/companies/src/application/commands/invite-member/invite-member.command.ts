import type { Actor } from '../../actor';

export class InviteMember {
  constructor(
    readonly actor: Actor,
    readonly email: string,
    readonly role: string,
  ) {}
}

export interface InviteMemberResult {
  invitationId: string;
  refreshed: boolean;
}
