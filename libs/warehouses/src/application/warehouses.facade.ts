import { Injectable } from '@nestjs/common';
import { isUuid } from '@shipcrowd/kernel';
import type { WarehousesFacade, WarehouseView } from '../../contracts';
import { propsFromRow, WarehouseRow } from '../infrastructure/persistence/warehouses.repository';
import { WarehouseReader } from './warehouse-reader';
import { toWarehouseView } from './warehouse-view';

function view(row: WarehouseRow | null): WarehouseView | null {
  return row ? toWarehouseView(row.id, propsFromRow(row)) : null;
}

@Injectable()
export class WarehousesFacadeImpl implements WarehousesFacade {
  constructor(private readonly reader: WarehouseReader) {}

  async get(companyId: string, warehouseId: string): Promise<WarehouseView | null> {
    if (!isUuid(warehouseId)) return null;
    return view(await this.reader.byId(companyId, warehouseId));
  }

  async byCode(companyId: string, code: string): Promise<WarehouseView | null> {
    return view(await this.reader.byCode(companyId, code));
  }

  async defaultOf(companyId: string): Promise<WarehouseView | null> {
    return view(await this.reader.defaultOf(companyId));
  }

  markUsed(companyId: string, warehouseIds: string[]): Promise<void> {
    return this.reader.markUsed(companyId, warehouseIds.filter(isUuid));
  }
}
