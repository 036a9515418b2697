import { Module } from '@nestjs/common';
import { OrderImportsModule } from '../../order-imports.module';
import { OrderImportProcessor } from './order-import.processor';

/** The worker's part: processes queued imports. Needs ORDERS_FACADE (OrdersModule) and FILE_STORAGE (StorageModule). */
@Module({
  imports: [OrderImportsModule],
  providers: [OrderImportProcessor],
})
export class OrderImportsJobsModule {}
