export class GetCoverageReport {}
