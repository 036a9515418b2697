import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COURIERS_FACADE, CouriersFacade, CourierCode } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { loadShipment } from '../../shipment-loading';
import { CancelShipment } from './cancel-shipment.command';

/** Cancels before pickup: the courier's cancel first (it may refuse), then the shipment and the order (back to 'new'). */
@CommandHandler(CancelShipment)
export class CancelShipmentHandler implements ICommandHandler<CancelShipment, { status: string }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, shipmentId, reason }: CancelShipment): Promise<{ status: string }> {
    const why = reason.trim();
    if (!why) throw new DomainError('shipment.cancel_reason_required', 'Say why the shipment is cancelled.', 'validation', { errors: [{ field: 'reason', message: 'is required', code: 'required' }] });
    const scope = { companyId: actor.companyId, userId: actor.userId };
    const before = await this.uow.run(scope, async (tx) => {
      const shipment = await loadShipment(this.store, tx, shipmentId);
      shipment.assertCancellable();
      return shipment.state;
    });
    if (before.awb && this.couriers.capabilities(before.courier as CourierCode).cancel) {
      const outcome = await this.couriers.cancel(actor.companyId, before.courier as CourierCode, before.awb);
      if (!outcome.cancelled) {
        throw new DomainError('shipment.courier_refused_cancel', `${before.courier} did not cancel ${before.awb}${outcome.message ? `: ${outcome.message}` : ''}.`, 'conflict', { courierMessage: outcome.message });
      }
    }
    return this.uow.run(scope, async (tx) => {
      const shipment = await loadShipment(this.store, tx, shipmentId);
      shipment.cancel(why, this.clock.now());
      await this.store.save(tx, shipment);
      await this.uow.publish(shipment.pullEvents());
      await this.orders.recordShipmentProgress(actor.companyId, shipment.state.orderId, { status: 'new', awb: null, reason: `shipment ${before.awb ?? shipment.state.reference} cancelled: ${why}` });
      return { status: shipment.state.status };
    });
  }
}
