export class AcceptInvitation {
  constructor(
    readonly token: string,
    readonly userId: string,
    readonly email: string,
    readonly name: string | null = null,
  ) {}
}
