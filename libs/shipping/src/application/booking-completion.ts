import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BookingResult } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import type { Shipment } from '../domain/shipment';
import { ShipmentsStore } from '../infrastructure/persistence/shipments.store';

/**
 * How a booking ends once the courier answered, shared by the booking command and the reconciliation of bookings left
 * in flight: the AWB recorded, the order moved to ready_to_ship and ShipmentBooked written to the outbox in one
 * transaction; or the failure kept on record.
 */
@Injectable()
export class BookingCompletion {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Throws the store's version conflict when someone else saved the shipment since it was loaded. */
  async booked(shipment: Shipment, result: BookingResult, userId: string | null): Promise<void> {
    const { companyId, orderId, courier } = shipment.state;
    await this.uow.run({ companyId, userId }, async (tx) => {
      shipment.booked(result, this.clock.now());
      await this.store.save(tx, shipment);
      await this.uow.publish(shipment.pullEvents());
      await this.orders.recordShipmentProgress(companyId, orderId, { status: 'ready_to_ship', awb: result.awb, reason: `booked with ${courier} (${result.awb})` });
    });
  }

  /** A refused or failed booking stays on record with why; 'courier.unavailable' keeps the reference for the retry (the courier may have booked it). */
  async failed(shipment: Shipment, error: unknown): Promise<void> {
    const code = error instanceof DomainError ? error.code : 'shipment.booking_error';
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.uow.run({ companyId: shipment.state.companyId }, async (tx) => {
        shipment.bookingFailed({ code, message }, this.clock.now());
        await this.store.save(tx, shipment);
      });
    } catch (saveError) {
      this.logger.error({ err: saveError, shipmentId: shipment.id }, 'could not record a failed booking');
    }
  }
}
