export class GetZone {
  constructor(
    readonly origin: string,
    readonly destination: string,
  ) {}
}
