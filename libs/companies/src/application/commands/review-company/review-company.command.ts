import type { AdminActor } from '../../actor';

export type ReviewAction = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** A platform admin moves a company through its workflow (reasons are required to reject or suspend). */
export class ReviewCompany {
  constructor(
    readonly admin: AdminActor,
    readonly companyId: string,
    readonly action: ReviewAction,
    readonly reason?: string,
  ) {}
}
