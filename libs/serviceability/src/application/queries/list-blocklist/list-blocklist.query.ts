export class ListBlocklist {
  constructor(readonly companyId: string, readonly limit: number, readonly after?: { pincode: string; courier: string }, readonly pincode?: string) {}
}
