export class GetPublicTracking {
  constructor(readonly awb: string) {}
}
