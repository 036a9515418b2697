export class GetPincode {
  constructor(readonly pincode: string) {}
}
