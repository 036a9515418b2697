/** A company's custom zones in precedence order (without boundaries). */
export class ListCustomZones {
  constructor(readonly companyId: string) {}
}
