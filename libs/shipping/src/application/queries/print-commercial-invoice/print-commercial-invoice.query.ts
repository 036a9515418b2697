/** The GST tax invoice of a B2B shipment's goods, as PDF. */
export class PrintCommercialInvoice {
  constructor(
    readonly companyId: string,
    readonly shipmentId: string,
  ) {}
}
