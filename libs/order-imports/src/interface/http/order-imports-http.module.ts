import { Module } from '@nestjs/common';
import { OrderImportsModule } from '../../order-imports.module';
import { OrderImportsController } from './order-imports.controller';

/** The order imports HTTP API (/v1/order-imports); the worker imports OrderImportsJobsModule. */
@Module({
  imports: [OrderImportsModule],
  controllers: [OrderImportsController],
})
export class OrderImportsHttpModule {}
