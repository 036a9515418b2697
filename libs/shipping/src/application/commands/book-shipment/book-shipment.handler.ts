import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COURIERS_FACADE, CouriersFacade, CourierCode } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError, newId, NotFoundError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { PRICING_FACADE, PricingFacade } from '@shipcrowd/pricing/contracts';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { Shipment } from '../../../domain/shipment';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { BookingCompletion } from '../../booking-completion';
import { BookShipment } from './book-shipment.command';
import { bookingRequestFor, quoteWeightOf } from './booking-request';
import { chooseCourier } from './courier-choice';

export interface BookedShipment {
  shipmentId: string;
  awb: string;
  courier: string;
  service: string;
  reason: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505';

/**
 * Books an order with a courier: choose (seller's pick, routing preference, or the quote's recommendation), record a
 * 'booking' shipment (the live-shipment-per-order unique index stops a second booking, even a racing one), call the
 * courier outside any transaction, then record the AWB and move the order on in one transaction with the outbox event
 * (BookingCompletion, shared with the reconciliation of bookings a stopped process left in flight).
 */
@CommandHandler(BookShipment)
export class BookShipmentHandler implements ICommandHandler<BookShipment, BookedShipment> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(PRICING_FACADE) private readonly pricing: PricingFacade,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly completion: BookingCompletion,
  ) {}

  async execute({ actor, orderId, courier, service }: BookShipment): Promise<BookedShipment> {
    const { companyId } = actor;
    const order = await this.orders.shippingView(companyId, orderId);
    if (!order) throw new NotFoundError('Order', orderId);
    if (order.status === 'cancelled') throw new DomainError('order.cancelled', `Order ${order.orderNumber} is cancelled.`, 'conflict');
    const warehouse = await this.warehouses.get(companyId, order.warehouseId);
    if (!warehouse || !warehouse.active) {
      throw new DomainError('shipment.warehouse_inactive', `The order's pickup warehouse is not active; choose another warehouse on the order first.`, 'rule', { warehouseId: order.warehouseId });
    }
    const quote = await this.pricing.quote({
      companyId,
      originPincode: warehouse.pincode,
      destinationPincode: order.shippingAddress.pincode,
      paymentMode: order.paymentMode,
      codAmountPaise: order.paymentMode === 'cod' ? order.codAmountPaise : undefined,
      declaredValuePaise: order.declaredValuePaise,
      b2b: order.type === 'b2b',
      couriers: courier ? [courier] : undefined,
      ...quoteWeightOf(order),
    });
    const { option, reason } = chooseCourier(quote, { courier, service }, order.courierPreference);
    const now = this.clock.now();

    const shipment = await this.uow.run({ companyId, userId: actor.userId }, async (tx) => {
      const live = await this.store.liveForOrder(tx, orderId);
      if (live) throw alreadyBooked(order.orderNumber, live.state.awb, live.id);
      const attempt = (await this.store.endedAttempts(tx, orderId)) + 1;
      const reference = courierReference(order.orderNumber, companyId, attempt);
      const created = Shipment.startBooking({
        id: newId(),
        companyId,
        orderId,
        orderNumber: order.orderNumber,
        warehouseId: warehouse.id,
        reference,
        courier: option.courier,
        service: option.service,
        paymentMode: order.paymentMode,
        codAmountPaise: order.paymentMode === 'cod' ? order.codAmountPaise : 0,
        declaredValuePaise: order.declaredValuePaise,
        deadWeightGrams: order.packages.reduce((sum, p) => sum + p.weightGrams, 0),
        volumetricWeightGrams: option.volumetricWeightGrams,
        chargeableWeightGrams: option.chargeableWeightGrams,
        booking: { ...bookingRequestFor(order, warehouse, option.service, reference) },
        charges: { totalPaise: option.totalPaise, rtoChargePaise: option.rtoChargePaise, lines: option.lines, zone: option.zone, selection: reason },
        expectedDeliveryDate: null,
        expectedTransitDays: option.expectedDeliveryDays,
        createdBy: actor.userId,
        createdAt: now,
      });
      try {
        await this.store.insert(tx, created);
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyBooked(order.orderNumber, null, null);
        throw error;
      }
      return created;
    });

    const request = bookingRequestFor(order, warehouse, option.service, shipment.state.reference);
    try {
      const result = await this.couriers.book(companyId, option.courier as CourierCode, request);
      await this.completion.booked(shipment, result, actor.userId);
      return { shipmentId: shipment.id, awb: result.awb, courier: option.courier, service: option.service, reason };
    } catch (error) {
      if (shipment.state.status === 'booking') await this.completion.failed(shipment, error);
      throw error;
    }
  }
}

/**
 * The order reference the courier dedupes on. Sellers share the platform's courier accounts and number their orders
 * independently, so the reference carries a tag of the company; a new attempt after a cancel or refusal gets -R<n>.
 */
export function courierReference(orderNumber: string, companyId: string, attempt: number): string {
  const tag = companyId.replace(/-/g, '').slice(-6).toUpperCase();
  return `${orderNumber}-${tag}${attempt > 1 ? `-R${attempt}` : ''}`;
}

function alreadyBooked(orderNumber: string, awb: string | null, shipmentId: string | null): DomainError {
  return new DomainError('shipment.already_booked', `Order ${orderNumber} already has a live shipment${awb ? ` (AWB ${awb})` : ''}; cancel it before booking again.`, 'conflict', { awb, shipmentId });
}
