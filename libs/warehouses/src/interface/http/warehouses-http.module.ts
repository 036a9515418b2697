import { Module } from '@nestjs/common';
import { WarehousesModule } from '../../warehouses.module';
import { WarehousesController } from './warehouses.controller';

/** The warehouses HTTP API (/v1/warehouses); the worker needs WarehousesModule only. */
@Module({
  imports: [WarehousesModule],
  controllers: [WarehousesController],
})
export class WarehousesHttpModule {}
