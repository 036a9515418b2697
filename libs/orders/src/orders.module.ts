import { Global, Module } from '@nestjs/common';
import { ORDERS_FACADE } from '../contracts';
import { CancelOrderHandler } from './application/commands/cancel-order/cancel-order.handler';
import { UpdateOrderSettingsHandler } from './application/commands/order-settings/update-order-settings.handler';
import { PlaceOrdersHandler } from './application/commands/place-orders/place-orders.handler';
import { RollbackImportHandler } from './application/commands/rollback-import/rollback-import.handler';
import { CreateRoutingRuleHandler, DeleteRoutingRuleHandler, ReorderRoutingRulesHandler, UpdateRoutingRuleHandler } from './application/commands/routing-rules/routing-rules.handlers';
import { RecordShipmentProgressHandler } from './application/commands/record-shipment-progress/record-shipment-progress.handler';
import { UpdateOrderHandler } from './application/commands/update-order/update-order.handler';
import { GetShippingViewHandler } from './application/queries/get-shipping-view/get-shipping-view.handler';
import { OrderPlacement } from './application/order-placement';
import { OrdersFacadeImpl } from './application/orders.facade';
import { GetOrderHandler } from './application/queries/get-order/get-order.handler';
import { GetOrderSettingsHandler } from './application/queries/get-order-settings/get-order-settings.handler';
import { ListOrdersHandler } from './application/queries/list-orders/list-orders.handler';
import { ListRoutingRulesHandler, TestRoutingHandler } from './application/queries/routing-rules/routing-rules.handlers';
import { OrdersStore } from './infrastructure/persistence/orders.store';

const handlers = [
  PlaceOrdersHandler,
  UpdateOrderHandler,
  CancelOrderHandler,
  RecordShipmentProgressHandler,
  GetShippingViewHandler,
  RollbackImportHandler,
  UpdateOrderSettingsHandler,
  CreateRoutingRuleHandler,
  UpdateRoutingRuleHandler,
  DeleteRoutingRuleHandler,
  ReorderRoutingRulesHandler,
  ListOrdersHandler,
  GetOrderHandler,
  GetOrderSettingsHandler,
  ListRoutingRulesHandler,
  TestRoutingHandler,
];

/**
 * The orders context: placing (single and bulk, one validation path), editing within the window, cancelling,
 * duplicates, routing rules, settings; ORDERS_FACADE for the import context. Needs GEO_FACADE (GeoModule),
 * WAREHOUSES_FACADE (WarehousesModule) and AUDIT_TRAIL (AuditModule).
 */
@Global()
@Module({
  providers: [...handlers, OrderPlacement, OrdersStore, { provide: ORDERS_FACADE, useClass: OrdersFacadeImpl }],
  exports: [ORDERS_FACADE],
})
export class OrdersModule {}
