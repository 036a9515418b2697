export class ListPickups {
  constructor(
    readonly companyId: string,
    readonly limit: number,
    readonly before?: Date,
  ) {}
}
