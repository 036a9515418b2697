import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { COURIERS_FACADE, CouriersFacade, CourierCode } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError, newId, NotFoundError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { pickupSlot, WeeklyHours } from '../../../domain/pickup-slot';
import { pickups, shipments } from '../../../infrastructure/persistence/shipping.schema';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { bookingPartyOf } from '../../booking-snapshot';
import { PickupView, RequestPickup } from './request-pickup.command';

const MAX_SHIPMENTS = 500;

/**
 * Requests a pickup from the courier for shipments waiting at a warehouse, in the earliest slot the warehouse's hours
 * and the courier's cut-off allow (or the requested day), then marks them pickup_scheduled.
 */
@CommandHandler(RequestPickup)
export class RequestPickupHandler implements ICommandHandler<RequestPickup, PickupView> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, warehouseId, courier, shipmentIds, pickupDate }: RequestPickup): Promise<PickupView> {
    const { companyId } = actor;
    const warehouse = await this.warehouses.get(companyId, warehouseId);
    if (!warehouse || !warehouse.active) throw new NotFoundError('Warehouse', warehouseId);
    if (!this.couriers.capabilities(courier as CourierCode).pickupApi) {
      throw new DomainError('courier.capability_unsupported', `${courier} takes no pickup requests through its API; its executive collects on the daily round.`, 'rule', { courier, rule: 'pickupApi' });
    }
    const waiting = await this.uow.run({ companyId }, (tx) =>
      tx
        .select({ id: shipments.id, awb: shipments.awb, booking: shipments.booking })
        .from(shipments)
        .where(
          and(
            eq(shipments.warehouseId, warehouseId),
            eq(shipments.courier, courier),
            isNull(shipments.pickupId),
            sql`${shipments.status} in ('booked', 'manifested')`,
            shipmentIds ? inArray(shipments.id, shipmentIds) : undefined,
          ),
        )
        .limit(MAX_SHIPMENTS + 1),
    );
    if (shipmentIds) {
      const missing = shipmentIds.filter((id) => !waiting.some((w) => w.id === id));
      if (missing.length) {
        throw new DomainError('pickup.shipments_not_waiting', `${missing.length} shipment(s) are not ${courier} shipments at this warehouse awaiting pickup.`, 'validation', {
          errors: missing.map((id) => ({ field: 'shipmentIds', message: `${id} is not awaiting a ${courier} pickup at this warehouse`, code: 'not_waiting' })),
        });
      }
    }
    if (!waiting.length) throw new DomainError('pickup.nothing_to_collect', `No ${courier} shipments at ${warehouse.code} are waiting for a pickup.`, 'rule');
    if (waiting.length > MAX_SHIPMENTS) throw new DomainError('pickup.too_many', `At most ${MAX_SHIPMENTS} shipments per pickup request; pass shipmentIds.`, 'validation');

    const slot = pickupSlot(this.clock.now(), warehouse.operatingHours as WeeklyHours, courier, pickupDate);
    const result = await this.couriers.requestPickup(companyId, courier as CourierCode, {
      warehouse: { ...bookingPartyOf(waiting[0].booking, 'pickup'), warehouseCode: warehouse.code },
      pickupDate: slot.date,
      pickupTime: slot.time,
      expectedPackageCount: waiting.length,
      awbs: waiting.map((w) => w.awb!),
    });

    return this.uow.run({ companyId, userId: actor.userId }, async (tx) => {
      const now = this.clock.now();
      const view: PickupView = {
        id: newId(),
        warehouseId,
        courier,
        pickupDate: slot.date,
        pickupTime: slot.time,
        slotReason: slot.reason,
        courierPickupId: result.pickupId,
        shipmentIds: waiting.map((w) => w.id),
        createdAt: now,
      };
      await tx.insert(pickups).values({ ...view, companyId, createdBy: actor.userId });
      for (const { id } of waiting) {
        const shipment = await this.store.load(tx, id);
        if (!shipment) continue;
        shipment.pickupScheduled(view.id, now);
        await this.store.save(tx, shipment);
        await this.uow.publish(shipment.pullEvents());
        if (shipment.state.status === 'pickup_scheduled') {
          await this.orders.recordShipmentProgress(companyId, shipment.state.orderId, { status: 'pickup_scheduled', awb: shipment.state.awb, reason: `${courier} pickup ${result.pickupId} on ${slot.date} ${slot.time}` });
        }
      }
      return view;
    });
  }
}
