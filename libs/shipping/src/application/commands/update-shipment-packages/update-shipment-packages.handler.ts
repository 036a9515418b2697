import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingRequest, COURIERS_FACADE, CouriersFacade, CourierCode, courierProfile } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { PRICING_FACADE, PricingFacade } from '@shipcrowd/pricing/contracts';
import type { ShipmentSnapshot } from '../../../domain/shipment';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { bookingPartyOf } from '../../booking-snapshot';
import { loadShipment } from '../../shipment-loading';
import { quoteWeightOf } from '../book-shipment/booking-request';
import { UpdateShipmentPackages } from './update-shipment-packages.command';

export interface PackagesUpdated {
  shipment: ShipmentSnapshot;
  /** The courier was sent the new boxes and accepted them. */
  courierUpdated: boolean;
  /** Why the courier was not sent them (null when it was). */
  courierUpdateReason: string | null;
}

/**
 * Changes a shipment's boxes before pickup: the courier's rules are checked again (weight, size, pieces) and the
 * lane re-priced with the same courier and service, so the weights and charges on record match what will be shipped.
 * A courier that takes box changes through its API is sent them first, outside the transaction; if it refuses
 * (courier.rejected, e.g. the parcel was already picked up), nothing changes here either.
 */
@CommandHandler(UpdateShipmentPackages)
export class UpdateShipmentPackagesHandler implements ICommandHandler<UpdateShipmentPackages, PackagesUpdated> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(PRICING_FACADE) private readonly pricing: PricingFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, shipmentId, packages }: UpdateShipmentPackages): Promise<PackagesUpdated> {
    const scope = { companyId: actor.companyId, userId: actor.userId };
    const before = await this.uow.run(scope, async (tx) => {
      const shipment = await loadShipment(this.store, tx, shipmentId);
      shipment.assertPackagesEditable();
      return shipment.state;
    });
    this.couriers.checkBooking(before.courier as CourierCode, { ...(before.booking as unknown as BookingRequest), packages });
    const quote = await this.pricing.quote({
      companyId: actor.companyId,
      originPincode: bookingPartyOf(before.booking, 'pickup').pincode,
      destinationPincode: bookingPartyOf(before.booking, 'consignee').pincode,
      paymentMode: before.paymentMode,
      codAmountPaise: before.paymentMode === 'cod' ? before.codAmountPaise : undefined,
      declaredValuePaise: before.declaredValuePaise,
      b2b: !!(before.booking as { b2b?: unknown }).b2b,
      couriers: [before.courier],
      ...quoteWeightOf({ packages }),
    });
    const option = quote.options.find((o) => o.courier === before.courier && o.service === before.service);
    if (!option) {
      const why = quote.unserviceable.filter((u) => u.courier === before.courier && u.service === before.service);
      throw new DomainError('shipment.not_serviceable', `${before.courier} ${before.service} cannot carry these boxes${why.length ? `: ${why.map((u) => u.reason).join('; ')}` : ''}.`, 'rule', { reasons: why });
    }
    const courier = before.courier as CourierCode;
    const courierUpdated = !!before.awb && this.couriers.capabilities(courier).packageUpdateApi;
    if (courierUpdated) await this.couriers.updatePackages(actor.companyId, courier, before.awb!, { packages });
    return this.uow.run(scope, async (tx) => {
      const shipment = await loadShipment(this.store, tx, shipmentId);
      shipment.revisePackages(
        {
          packages,
          volumetricWeightGrams: option.volumetricWeightGrams,
          chargeableWeightGrams: option.chargeableWeightGrams,
          charges: { totalPaise: option.totalPaise, rtoChargePaise: option.rtoChargePaise, lines: option.lines, zone: option.zone, selection: before.charges?.selection ?? 'repriced after a package change' },
          courierUpdated,
        },
        this.clock.now(),
      );
      await this.store.save(tx, shipment);
      await this.uow.publish(shipment.pullEvents());
      return { shipment: shipment.state, courierUpdated, courierUpdateReason: courierUpdated ? null : notSentReason(courier) };
    });
  }
}

function notSentReason(courier: string): string {
  const name = courierProfile(courier)?.name ?? courier;
  return `${name} takes no box changes through its API: the new boxes and charges are on record here only, and ${name} weighs the parcel as handed over.`;
}
