export class CreateCompanyWithOwner {
  constructor(
    readonly input: { ownerUserId: string; ownerEmail: string; ownerName: string; companyName: string; phone?: string },
  ) {}
}
