export class GetShippingView {
  constructor(
    readonly companyId: string,
    readonly orderId: string,
  ) {}
}
