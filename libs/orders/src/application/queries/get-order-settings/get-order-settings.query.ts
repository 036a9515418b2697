export class GetOrderSettings {
  constructor(readonly companyId: string) {}
}
