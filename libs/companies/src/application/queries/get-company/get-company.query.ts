/** One company: a member's own (tenant scope) or any company for a platform admin (system scope). */
export class GetCompany {
  constructor(
    readonly companyId: string,
    readonly as: { userId: string; admin: boolean },
  ) {}
}
