export class PrintProofOfDelivery {
  constructor(
    readonly companyId: string,
    readonly shipmentId: string,
  ) {}
}
