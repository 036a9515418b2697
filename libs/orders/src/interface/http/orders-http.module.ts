import { Module } from '@nestjs/common';
import { OrdersModule } from '../../orders.module';
import { OrdersController } from './orders.controller';
import { RoutingRulesController } from './routing-rules.controller';

/** The orders and routing-rules HTTP API (the API process imports this; the worker needs OrdersModule only for the facade). */
@Module({
  imports: [OrdersModule],
  controllers: [OrdersController, RoutingRulesController],
})
export class OrdersHttpModule {}
