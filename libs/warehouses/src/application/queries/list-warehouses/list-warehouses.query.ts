/** The company's warehouses (at most 50, so no paging), oldest first. */
export class ListWarehouses {
  constructor(
    readonly companyId: string,
    readonly active?: boolean,
  ) {}
}
