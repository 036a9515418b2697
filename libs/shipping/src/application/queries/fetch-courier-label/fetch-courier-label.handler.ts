import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COURIERS_FACADE, CouriersFacade, type CourierCode } from '@shipcrowd/couriers/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import type { ShipmentSnapshot } from '../../../domain/shipment';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { loadShipment } from '../../shipment-loading';
import { LABEL_PRINTABLE } from '../print-labels/label-rules';
import { FetchCourierLabel } from './fetch-courier-label.query';

/**
 * The label the courier renders itself (capability courierLabel; courier.capability_unsupported otherwise). The bytes
 * are kept in document storage so printing it again does not call the courier.
 */
@QueryHandler(FetchCourierLabel)
export class FetchCourierLabelHandler implements IQueryHandler<FetchCourierLabel, Buffer> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async execute({ companyId, shipmentId }: FetchCourierLabel): Promise<Buffer> {
    const shipment = await this.uow.run({ companyId }, async (tx) => (await loadShipment(this.store, tx, shipmentId)).state);
    if (!shipment.awb || !LABEL_PRINTABLE.forward.has(shipment.status)) {
      throw new DomainError('label.not_printable', `Shipment ${shipment.awb ?? shipment.reference} is ${shipment.status}: no label to print.`, 'conflict', { shipmentStatus: shipment.status });
    }
    const key = courierLabelKey(shipment);
    const stored = await this.storage.get(key);
    if (stored) return buffer(stored.body);
    const pdf = await this.couriers.courierLabel(companyId, shipment.courier as CourierCode, shipment.awb);
    await this.storage.put(key, pdf, 'application/pdf');
    return pdf;
  }
}

/** Per AWB and boxes: a re-booking (new AWB) or changed boxes (the courier prints weights) need the courier's new label. */
function courierLabelKey(shipment: Readonly<ShipmentSnapshot>): string {
  const boxes = createHash('sha256').update(JSON.stringify(shipment.booking.packages ?? null)).digest('hex').slice(0, 12);
  return `companies/${shipment.companyId}/courier-labels/${shipment.id}/${shipment.awb}-${boxes}.pdf`;
}
