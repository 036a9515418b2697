import { Global, Module } from '@nestjs/common';
import { WAREHOUSES_FACADE } from '../contracts';
import { CreateWarehouseHandler } from './application/commands/create-warehouse/create-warehouse.handler';
import { DeleteWarehouseHandler } from './application/commands/delete-warehouse/delete-warehouse.handler';
import { ImportWarehousesHandler } from './application/commands/import-warehouses/import-warehouses.handler';
import { SetDefaultWarehouseHandler } from './application/commands/set-default-warehouse/set-default-warehouse.handler';
import { SetWarehouseActiveHandler } from './application/commands/set-warehouse-active/set-warehouse-active.handler';
import { UpdateWarehouseHandler } from './application/commands/update-warehouse/update-warehouse.handler';
import { GetWarehouseHandler } from './application/queries/get-warehouse/get-warehouse.handler';
import { ListWarehousesHandler } from './application/queries/list-warehouses/list-warehouses.handler';
import { WarehouseReader } from './application/warehouse-reader';
import { WarehousesFacadeImpl } from './application/warehouses.facade';
import { PincodeDirectory, WarehousesAudit } from './application/warehouses-support';
import { WarehouseRepository } from './domain/warehouse.repository';
import { DrizzleWarehouseRepository } from './infrastructure/persistence/warehouses.repository';

/**
 * The warehouses context (a company's pickup locations): command/query handlers and WAREHOUSES_FACADE.
 * Needs GEO_FACADE (GeoModule) and AUDIT_TRAIL (AuditModule) from the process root.
 */
@Global()
@Module({
  providers: [
    CreateWarehouseHandler,
    UpdateWarehouseHandler,
    SetDefaultWarehouseHandler,
    SetWarehouseActiveHandler,
    DeleteWarehouseHandler,
    ImportWarehousesHandler,
    GetWarehouseHandler,
    ListWarehousesHandler,
    WarehouseReader,
    PincodeDirectory,
    WarehousesAudit,
    { provide: WarehouseRepository, useClass: DrizzleWarehouseRepository },
    { provide: WAREHOUSES_FACADE, useClass: WarehousesFacadeImpl },
  ],
  exports: [WAREHOUSES_FACADE],
})
export class WarehousesModule {}
