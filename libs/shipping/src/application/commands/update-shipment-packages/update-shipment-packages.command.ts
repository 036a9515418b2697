import type { BookingPackage } from '@shipcrowd/couriers/contracts';
import type { Actor } from '../../actor';

export class UpdateShipmentPackages {
  constructor(
    readonly actor: Actor,
    readonly shipmentId: string,
    readonly packages: BookingPackage[],
  ) {}
}
