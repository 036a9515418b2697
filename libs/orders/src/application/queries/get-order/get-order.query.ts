export class GetOrder {
  constructor(
    readonly companyId: string,
    readonly orderId: string,
  ) {}
}
