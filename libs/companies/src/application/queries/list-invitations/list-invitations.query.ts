export class ListInvitations {
  constructor(
    readonly companyId: string,
    readonly userId: string,
    readonly filter: { id?: string; cursor?: { id: string }; limit: number },
  ) {}
}

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  invitedBy: string;
  expiresAt: string;
  expired: boolean;
  createdAt: string;
}
