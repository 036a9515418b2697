import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { duplicateFingerprint } from '../../../domain/duplicates';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { loadOrder } from '../../order-support';
import { RecordShipmentProgress } from './record-shipment-progress.command';

@CommandHandler(RecordShipmentProgress)
export class RecordShipmentProgressHandler implements ICommandHandler<RecordShipmentProgress, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ companyId, orderId, status, awb, reason }: RecordShipmentProgress): Promise<void> {
    return this.uow.run({ companyId }, async (tx) => {
      const order = await loadOrder(this.store, tx, orderId);
      if (!order.followShipment(status, awb, reason, this.clock.now())) return;
      await this.store.save(tx, order, duplicateFingerprint(order.state.spec));
      await this.uow.publish(order.pullEvents());
    });
  }
}
