import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { propsFromRow } from '../../../infrastructure/persistence/warehouses.repository';
import { WarehouseReader } from '../../warehouse-reader';
import { toWarehouseDetailView, WarehouseDetailView } from '../../warehouse-view';
import { GetWarehouse } from './get-warehouse.query';

@QueryHandler(GetWarehouse)
export class GetWarehouseHandler implements IQueryHandler<GetWarehouse, WarehouseDetailView> {
  constructor(private readonly reader: WarehouseReader) {}

  async execute({ companyId, warehouseId }: GetWarehouse): Promise<WarehouseDetailView> {
    const row = await this.reader.byId(companyId, warehouseId);
    if (!row || row.deletedAt) throw new DomainError('warehouse.not_found', 'No such warehouse.', 'not_found');
    return toWarehouseDetailView(row.id, row.version, propsFromRow(row));
  }
}
