export class GetShipment {
  constructor(
    readonly companyId: string,
    readonly shipmentId: string,
  ) {}
}
