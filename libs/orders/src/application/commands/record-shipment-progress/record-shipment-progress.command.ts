import type { ShipmentDrivenOrderStatus } from '../../../../contracts';

export class RecordShipmentProgress {
  constructor(
    readonly companyId: string,
    readonly orderId: string,
    readonly status: ShipmentDrivenOrderStatus,
    readonly awb: string | null,
    readonly reason: string,
  ) {}
}
