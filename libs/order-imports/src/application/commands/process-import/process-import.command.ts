/** The worker's part of an import: read the stored file, validate, place the orders, report progress and errors. */
export class ProcessOrderImport {
  constructor(
    readonly companyId: string,
    readonly importId: string,
  ) {}
}
