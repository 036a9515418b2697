export interface ShipmentFilters {
  status?: string[];
  courier?: string;
  /** AWB, order number or reference (exact, case-insensitive). */
  q?: string;
  orderId?: string;
  from?: Date;
  to?: Date;
}

export class ListShipments {
  constructor(
    readonly companyId: string,
    readonly filters: ShipmentFilters,
    readonly limit: number,
    readonly cursor?: { createdAt: string; id: string },
  ) {}
}
