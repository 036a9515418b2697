/** The company's imports, newest first, cursor-paged. */
export class ListOrderImports {
  constructor(
    readonly companyId: string,
    readonly limit: number,
    readonly after?: { createdAt: string; id: string },
  ) {}
}
