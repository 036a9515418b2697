import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade, WarehouseView } from '@shipcrowd/warehouses/contracts';
import type { OrderState, StatusChange } from '../../../domain/order';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { loadOrder } from '../../order-support';
import { GetOrder } from './get-order.query';

export interface OrderDetails {
  order: OrderState;
  version: number;
  warehouse: WarehouseView | null;
  history: (Omit<StatusChange, 'orderId'> & { id: string })[];
}

@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder, OrderDetails> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
  ) {}

  execute({ companyId, orderId }: GetOrder): Promise<OrderDetails> {
    return this.uow.run({ companyId }, async (tx) => {
      const order = await loadOrder(this.store, tx, orderId);
      const history = (await this.store.history(tx, orderId)).map((h) => ({ id: h.id, fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, actorUserId: h.actorUserId, at: h.at }));
      return { order: order.state, version: order.version, warehouse: await this.warehouses.get(companyId, order.state.warehouseId), history };
    });
  }
}
