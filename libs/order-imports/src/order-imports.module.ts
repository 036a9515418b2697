import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ORDER_IMPORTS_QUEUE } from './application/actor';
import { ProcessOrderImportHandler } from './application/commands/process-import/process-import.handler';
import { RollbackOrderImportHandler } from './application/commands/rollback-import/rollback-import.handler';
import { StartImportHandler } from './application/commands/start-import/start-import.handler';
import { ImportFileReader } from './application/ports/import-file-reader.port';
import { GetOrderImportHandler } from './application/queries/get-import/get-import.handler';
import { ListOrderImportsHandler } from './application/queries/list-imports/list-imports.handler';
import { StreamingImportFileReader } from './infrastructure/adapters/import-file-reader';
import { OrderImportsStore } from './infrastructure/persistence/order-imports.store';

/**
 * The order-imports context: upload checks, the import job, progress, error reports, rollback. Places orders
 * through ORDERS_FACADE; needs FILE_STORAGE (StorageModule) and AUDIT_TRAIL (AuditModule) from the process root.
 */
@Module({
  imports: [BullModule.registerQueue({ name: ORDER_IMPORTS_QUEUE })],
  providers: [
    StartImportHandler,
    ProcessOrderImportHandler,
    RollbackOrderImportHandler,
    GetOrderImportHandler,
    ListOrderImportsHandler,
    OrderImportsStore,
    { provide: ImportFileReader, useClass: StreamingImportFileReader },
  ],
  exports: [OrderImportsStore, BullModule],
})
export class OrderImportsModule {}
