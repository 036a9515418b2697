import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { propsFromRow } from '../../../infrastructure/persistence/warehouses.repository';
import { WarehouseReader } from '../../warehouse-reader';
import { toWarehouseDetailView, WarehouseDetailView } from '../../warehouse-view';
import { ListWarehouses } from './list-warehouses.query';

@QueryHandler(ListWarehouses)
export class ListWarehousesHandler implements IQueryHandler<ListWarehouses, WarehouseDetailView[]> {
  constructor(private readonly reader: WarehouseReader) {}

  async execute({ companyId, active }: ListWarehouses): Promise<WarehouseDetailView[]> {
    const rows = await this.reader.list(companyId, active);
    return rows.map((row) => toWarehouseDetailView(row.id, row.version, propsFromRow(row)));
  }
}
