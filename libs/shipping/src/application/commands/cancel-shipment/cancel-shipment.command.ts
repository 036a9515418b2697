import type { Actor } from '../../actor';

export class CancelShipment {
  constructor(
    readonly actor: Actor,
    readonly shipmentId: string,
    readonly reason: string,
  ) {}
}
