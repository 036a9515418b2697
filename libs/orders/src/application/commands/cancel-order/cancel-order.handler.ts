import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, ConcurrencyError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { duplicateFingerprint } from '../../../domain/duplicates';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { loadOrder } from '../../order-support';
import { CancelOrder } from './cancel-order.command';

@CommandHandler(CancelOrder)
export class CancelOrderHandler implements ICommandHandler<CancelOrder, { version: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, orderId, reason, expectedVersion }: CancelOrder): Promise<{ version: number }> {
    return this.uow.run({ companyId: actor.companyId }, async (tx) => {
      const order = await loadOrder(this.store, tx, orderId);
      if (expectedVersion !== undefined && order.version !== expectedVersion) throw new ConcurrencyError('Order', orderId);
      order.cancel(reason, this.clock.now(), actor.userId);
      await this.store.save(tx, order, duplicateFingerprint(order.state.spec));
      await this.uow.publish(order.pullEvents());
      return { version: order.version };
    });
  }
}
