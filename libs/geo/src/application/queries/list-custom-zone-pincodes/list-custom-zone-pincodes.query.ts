/** A page of a custom zone's pincodes in pincode order, after `after` (limit + 1 rows, so the caller sees whether more follow). */
export class ListCustomZonePincodes {
  constructor(
    readonly companyId: string,
    readonly zoneId: string,
    readonly limit: number,
    readonly after: string | null,
  ) {}
}

/** Every pincode of a custom zone, read page by page (CSV export). */
export class StreamCustomZonePincodes {
  constructor(
    readonly companyId: string,
    readonly zoneId: string,
  ) {}
}
