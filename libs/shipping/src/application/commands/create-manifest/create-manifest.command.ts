import type { Actor } from '../../actor';

export class CreateManifest {
  constructor(
    readonly actor: Actor,
    readonly courier: string,
    readonly warehouseId: string,
    /** Shipments to list; every shipment of this courier at the warehouse not yet on a manifest when omitted. */
    readonly shipmentIds?: string[],
  ) {}
}

export interface ManifestRecord {
  id: string;
  manifestNumber: string;
  courier: string;
  warehouseId: string;
  pickupId: string | null;
  shipmentIds: string[];
  shipmentCount: number;
  codTotalPaise: number;
  createdAt: Date;
  /** A signed link to the PDF (expires). */
  documentUrl: string;
}
