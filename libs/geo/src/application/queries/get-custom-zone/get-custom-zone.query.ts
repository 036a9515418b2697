/** One custom zone of the company, boundary included (404 geo.custom_zone_not_found otherwise). */
export class GetCustomZone {
  constructor(
    readonly companyId: string,
    readonly id: string,
  ) {}
}
