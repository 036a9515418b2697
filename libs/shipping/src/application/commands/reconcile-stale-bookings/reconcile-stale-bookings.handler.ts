import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BookingRequest, BookingResult, COURIERS_FACADE, CouriersFacade, CourierCode, courierProfile } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, ConcurrencyError, DomainError } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, UnitOfWork } from '@shipcrowd/platform';
import type { Shipment } from '../../../domain/shipment';
import { ClaimedBooking, ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { BookingCompletion } from '../../booking-completion';
import { ReconcileStaleBookings, ReconcileStaleBookingsResult } from './reconcile-stale-bookings.command';

/** A claimed booking is not checked again by another run before this; longer than any booking call takes. */
const CHECK_LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 5 * 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;
/** About a day and a half of retries (5 min doubling to 6 h) before the booking is ended as unreachable. */
export const MAX_BOOKING_CHECKS = 12;

/** Errors that say the courier could not be asked now (not that it refused): worth asking again later. */
const ASK_AGAIN = new Set(['courier.unavailable', 'courier.auth_failed', 'courier.not_configured']);

type Outcome = 'booked' | 'failed' | 'deferred' | 'skipped';

/** Wait before the next check of a booking the courier could not be asked about, after `checks` checks. */
export function bookingCheckBackoffMs(checks: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, checks - 1));
}

/**
 * Bookings a stopped process left in flight: the `booking` row was written and the courier maybe called, but its
 * answer never saved, so the order stays blocked (one live shipment per order). Each is claimed (two workers never
 * check the same one) and sent again exactly as recorded, with the same reference the courier dedupes on:
 * - an AWB (the booking made before, or a new one if the first request never arrived) finishes the booking as the
 *   booking command does: AWB stored, order ready_to_ship, ShipmentBooked;
 * - a refusal (a duplicate reference, or anything else the courier says no to) ends it as `booking_failed` with
 *   `shipment.booking_unconfirmed` and a ShipmentBookingFailed event for the seller and operators; the next booking
 *   of the order gets a new reference;
 * - no answer (courier unavailable, credentials refused or missing) leaves it for a later run, backing off, and after
 *   MAX_BOOKING_CHECKS ends it as `courier.unavailable`, so a new booking reuses the reference.
 */
@CommandHandler(ReconcileStaleBookings)
export class ReconcileStaleBookingsHandler implements ICommandHandler<ReconcileStaleBookings, ReconcileStaleBookingsResult> {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    private readonly completion: BookingCompletion,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ at, limit }: ReconcileStaleBookings): Promise<ReconcileStaleBookingsResult> {
    const claimed = await this.uow.run({ system: true }, (tx) =>
      this.store.claimStaleBookings(tx, { staleBefore: new Date(at.getTime() - this.config.STALE_BOOKING_AFTER_SECONDS * 1000), now: at, leaseUntil: new Date(at.getTime() + CHECK_LEASE_MS), limit }),
    );
    const result: ReconcileStaleBookingsResult = { checked: claimed.length, booked: 0, failed: 0, deferred: 0 };
    for (const claim of claimed) {
      try {
        const outcome = await this.check(claim, at);
        if (outcome !== 'skipped') result[outcome] += 1;
      } catch (error) {
        // Its lease runs out and a later run asks again (the courier dedupes on the reference).
        this.logger.error({ err: error, shipmentId: claim.id }, 'could not reconcile a booking left in flight');
        result.deferred += 1;
      }
    }
    return result;
  }

  private async check(claim: ClaimedBooking, at: Date): Promise<Outcome> {
    const shipment = await this.uow.run({ companyId: claim.companyId }, (tx) => this.store.load(tx, claim.id));
    if (shipment?.state.status !== 'booking') return 'skipped';
    let booked: BookingResult;
    try {
      booked = await this.couriers.book(claim.companyId, shipment.state.courier as CourierCode, shipment.state.booking as unknown as BookingRequest);
    } catch (error) {
      if (error instanceof DomainError && !ASK_AGAIN.has(error.code)) return this.abandon(shipment, unconfirmed(shipment, error));
      if (claim.bookingChecks >= MAX_BOOKING_CHECKS) return this.abandon(shipment, unreachable(shipment, claim.bookingChecks, error));
      this.logger.warn({ err: error, shipmentId: shipment.id, checks: claim.bookingChecks }, 'courier not reachable to reconcile a booking left in flight; asking again later');
      await this.uow.run({ companyId: claim.companyId }, (tx) => this.store.deferBookingCheck(tx, claim.id, new Date(at.getTime() + bookingCheckBackoffMs(claim.bookingChecks))));
      return 'deferred';
    }
    return this.settled(() => this.completion.booked(shipment, booked, null), 'booked');
  }

  private abandon(shipment: Shipment, failure: { code: string; message: string }): Promise<Outcome> {
    this.logger.warn({ shipmentId: shipment.id, reference: shipment.state.reference, failure }, 'ended a booking left in flight');
    return this.settled(
      () =>
        this.uow.run({ companyId: shipment.state.companyId }, async (tx) => {
          shipment.bookingAbandoned(failure, this.clock.now());
          await this.store.save(tx, shipment);
          await this.uow.publish(shipment.pullEvents());
        }),
      'failed',
    );
  }

  /** A version conflict means the original request's answer was saved meanwhile: nothing left to do. */
  private async settled(save: () => Promise<void>, outcome: Outcome): Promise<Outcome> {
    try {
      await save();
      return outcome;
    } catch (error) {
      if (error instanceof ConcurrencyError) return 'skipped';
      throw error;
    }
  }
}

const nameOf = (courier: string) => courierProfile(courier)?.name ?? courier;

function unconfirmed(shipment: Shipment, error: DomainError): { code: string; message: string } {
  const { courier, reference } = shipment.state;
  const name = nameOf(courier);
  const said = typeof error.details?.courierMessage === 'string' ? error.details.courierMessage : error.message;
  return {
    code: 'shipment.booking_unconfirmed',
    message:
      `The booking was interrupted before ${name}'s answer was saved, and ${name} refused it when asked again (${said}). ` +
      `Book the order again (a new reference is used); if ${name} kept a parcel under reference ${reference}, cancel it with ${name}.`,
  };
}

function unreachable(shipment: Shipment, checks: number, error: unknown): { code: string; message: string } {
  const name = nameOf(shipment.state.courier);
  const why = error instanceof Error ? error.message : String(error);
  return {
    code: 'courier.unavailable',
    message: `The booking was interrupted before ${name}'s answer was saved, and ${name} could not be asked in ${checks} tries (${why}). Book the order again: the same reference is sent, so ${name} answers with any booking it made or refuses a duplicate.`,
  };
}
