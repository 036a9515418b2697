import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import type { ShipmentSnapshot } from '../../../domain/shipment';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { loadShipment } from '../../shipment-loading';
import { GetShipment } from './get-shipment.query';

export interface TimelineEntry {
  status: string;
  rawCode: string;
  rawStatus: string;
  location: string | null;
  remarks: string | null;
  ndrReason: string | null;
  chargedWeightGrams: number | null;
  source: string;
  occurredAt: Date;
  receivedAt: Date;
}

export interface ShipmentDetails {
  shipment: ShipmentSnapshot;
  version: number;
  /** Every scan, ordered by event time (not arrival). */
  timeline: TimelineEntry[];
}

@QueryHandler(GetShipment)
export class GetShipmentHandler implements IQueryHandler<GetShipment, ShipmentDetails> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
  ) {}

  execute({ companyId, shipmentId }: GetShipment): Promise<ShipmentDetails> {
    return this.uow.run({ companyId }, async (tx) => {
      const shipment = await loadShipment(this.store, tx, shipmentId);
      const timeline = (await this.store.timeline(tx, shipmentId)).map(({ status, rawCode, rawStatus, location, remarks, ndrReason, chargedWeightGrams, source, occurredAt, receivedAt }) => ({
        status, rawCode, rawStatus, location, remarks, ndrReason, chargedWeightGrams, source, occurredAt, receivedAt,
      }));
      return { shipment: shipment.state, version: shipment.version, timeline };
    });
  }
}
