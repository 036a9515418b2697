export class GetZone {
  constructor(
    readonly origin: string,
    readonly destination: string,
    /** The caller's company: its active custom zones take precedence over the engine. */
    readonly companyId: string | null = null,
  ) {}
}
