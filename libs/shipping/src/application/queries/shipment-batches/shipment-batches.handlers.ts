import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@shipcrowd/kernel';
import { Page, toPage, Tx, UnitOfWork } from '@shipcrowd/platform';
import { ShipmentBatchesStore, ShipmentBatchItemRow, ShipmentBatchRow } from '../../../infrastructure/persistence/shipment-batches.store';
import { GetShipmentBatch, ListShipmentBatches, ListShipmentBatchItems } from './shipment-batches.queries';

async function batchOf(store: ShipmentBatchesStore, tx: Tx, batchId: string): Promise<ShipmentBatchRow> {
  const batch = await store.get(tx, batchId);
  if (!batch) throw new NotFoundError('Shipment batch', batchId);
  return batch;
}

@QueryHandler(GetShipmentBatch)
export class GetShipmentBatchHandler implements IQueryHandler<GetShipmentBatch, ShipmentBatchRow> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentBatchesStore,
  ) {}

  execute({ companyId, batchId }: GetShipmentBatch): Promise<ShipmentBatchRow> {
    return this.uow.run({ companyId }, (tx) => batchOf(this.store, tx, batchId));
  }
}

@QueryHandler(ListShipmentBatches)
export class ListShipmentBatchesHandler implements IQueryHandler<ListShipmentBatches, Page<ShipmentBatchRow>> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentBatchesStore,
  ) {}

  async execute({ companyId, limit, cursor }: ListShipmentBatches): Promise<Page<ShipmentBatchRow>> {
    const rows = await this.uow.run({ companyId }, (tx) => this.store.list(tx, limit, cursor));
    return toPage(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  }
}

@QueryHandler(ListShipmentBatchItems)
export class ListShipmentBatchItemsHandler implements IQueryHandler<ListShipmentBatchItems, Page<ShipmentBatchItemRow>> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentBatchesStore,
  ) {}

  async execute({ companyId, batchId, result, limit, afterPosition }: ListShipmentBatchItems): Promise<Page<ShipmentBatchItemRow>> {
    const statuses = result === 'ok' ? (['booked'] as const) : result === 'failed' ? (['failed'] as const) : null;
    const rows = await this.uow.run({ companyId }, async (tx) => {
      await batchOf(this.store, tx, batchId);
      return this.store.items(tx, batchId, statuses, limit, afterPosition);
    });
    return toPage(rows, limit, (r) => ({ position: r.position }));
  }
}
