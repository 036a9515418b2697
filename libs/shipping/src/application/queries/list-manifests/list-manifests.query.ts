export class ListManifests {
  constructor(
    readonly companyId: string,
    readonly limit: number,
    readonly before?: Date,
  ) {}
}

export class GetManifest {
  constructor(
    readonly companyId: string,
    readonly manifestId: string,
  ) {}
}
