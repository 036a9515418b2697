/** The courier's own label PDF for a shipment, fetched once and then served from document storage. */
export class FetchCourierLabel {
  constructor(
    readonly companyId: string,
    readonly shipmentId: string,
  ) {}
}
