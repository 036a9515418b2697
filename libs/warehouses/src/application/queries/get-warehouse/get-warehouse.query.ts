/** One live warehouse of the company, or 404. */
export class GetWarehouse {
  constructor(
    readonly companyId: string,
    readonly warehouseId: string,
  ) {}
}
