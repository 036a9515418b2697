export class GetWeightDiscrepancy {
  constructor(
    readonly companyId: string,
    readonly discrepancyId: string,
  ) {}
}
