export class ListMembers {
  constructor(
    readonly companyId: string,
    readonly userId: string,
    readonly filter: { userId?: string; role?: string; status?: 'active' | 'deactivated'; q?: string; cursor?: { id: string }; limit: number },
  ) {}
}

export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  status: 'active' | 'deactivated';
  joinedAt: string;
  version: number;
  /** Internal row id, used only for the cursor. */
  id: string;
}
