/** A user's memberships with permissions resolved; `companyId` narrows to one company (any status). */
export class MembershipsOf {
  constructor(
    readonly userId: string,
    readonly companyId?: string,
  ) {}
}
