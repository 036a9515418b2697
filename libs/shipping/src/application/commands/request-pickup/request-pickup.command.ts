import type { Actor } from '../../actor';

export class RequestPickup {
  constructor(
    readonly actor: Actor,
    readonly warehouseId: string,
    readonly courier: string,
    /** Shipments to hand over; all of this courier's shipments at the warehouse awaiting pickup when omitted. */
    readonly shipmentIds?: string[],
    /** YYYY-MM-DD (IST); the earliest slot when omitted. */
    readonly pickupDate?: string,
  ) {}
}

export interface PickupView {
  id: string;
  warehouseId: string;
  courier: string;
  pickupDate: string;
  pickupTime: string;
  slotReason: string;
  courierPickupId: string;
  shipmentIds: string[];
  createdAt: Date;
}
