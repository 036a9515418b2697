/** A purged company's custom zones and their pincode lists are erased (companies.company_purged). */
export class EraseCompanyCustomZones {
  constructor(readonly companyId: string) {}
}
