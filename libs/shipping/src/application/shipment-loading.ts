import { isUuid, NotFoundError } from '@shipcrowd/kernel';
import type { Tx } from '@shipcrowd/platform';
import type { Shipment } from '../domain/shipment';
import type { ShipmentsStore } from '../infrastructure/persistence/shipments.store';

/** The transaction's company's shipment, or 404 `shipment.not_found` (another company's id looks the same as none). */
export async function loadShipment(store: ShipmentsStore, tx: Tx, id: string): Promise<Shipment> {
  const shipment = isUuid(id) ? await store.load(tx, id) : null;
  if (!shipment) throw new NotFoundError('Shipment', id);
  return shipment;
}
