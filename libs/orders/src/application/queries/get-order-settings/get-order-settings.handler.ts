import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import type { OrderSettings } from '../../../domain/order-settings';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { GetOrderSettings } from './get-order-settings.query';

@QueryHandler(GetOrderSettings)
export class GetOrderSettingsHandler implements IQueryHandler<GetOrderSettings, OrderSettings> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
  ) {}

  execute({ companyId }: GetOrderSettings): Promise<OrderSettings> {
    return this.uow.run({ companyId }, (tx) => this.store.settings(tx, companyId));
  }
}
