/** One import of the company (404 otherwise). */
export class GetOrderImport {
  constructor(
    readonly companyId: string,
    readonly importId: string,
  ) {}
}
