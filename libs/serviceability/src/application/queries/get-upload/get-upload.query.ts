export class GetCoverageUpload {
  constructor(readonly id: string) {}
}
