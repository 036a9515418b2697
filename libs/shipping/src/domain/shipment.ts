import { AggregateRoot, domainEvent, DomainError } from '@shipcrowd/kernel';
import { ShipmentStatus, TERMINAL_SHIPMENT_STATUSES, TrackingEvent } from '@shipcrowd/couriers/contracts';
import { SHIPPING_EVENTS } from '../../contracts';

/** Before the courier gave an AWB: 'booking' (in flight) or 'booking_failed'. */
export type ShipmentState = ShipmentStatus | 'booking' | 'booking_failed';

/** Where a scan came from. */
export type ScanSource = 'webhook' | 'poll' | 'system';

export interface ShipmentSnapshot {
  id: string;
  companyId: string;
  orderId: string;
  orderNumber: string;
  warehouseId: string;
  /** Sent to the courier as its order reference (dedupe key): order number + attempt. */
  reference: string;
  courier: string;
  service: string;
  awb: string | null;
  childAwbs: string[];
  status: ShipmentState;
  statusAt: Date;
  sortCode: string | null;
  paymentMode: 'prepaid' | 'cod';
  codAmountPaise: number;
  declaredValuePaise: number;
  deadWeightGrams: number;
  volumetricWeightGrams: number;
  chargeableWeightGrams: number;
  /** The booking as sent (addresses, packages, items) for labels and re-validation. */
  booking: Record<string, unknown>;
  /** The priced option chosen, with why. */
  charges: { totalPaise: number; rtoChargePaise: number; lines: { code: string; label: string; amountPaise: number }[]; zone: string; selection: string } | null;
  expectedDeliveryDate: string | null;
  /** The chosen option's transit estimate; booked() dates the delivery from it (absent on rows booked before it was kept). */
  expectedTransitDays?: number | null;
  failure: { code: string; message: string } | null;
  cancelReason: string | null;
  pickupId: string | null;
  manifestId: string | null;
  lastEventAt: Date | null;
  nextPollAt: Date | null;
  pollFailures: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A scan as the shipment keeps it. */
export interface ShipmentScan extends TrackingEvent {
  source: ScanSource;
}

const ORDER_RANK: Record<ShipmentStatus, number> = {
  booked: 0, manifested: 1, pickup_scheduled: 2, picked_up: 3, in_transit: 4, out_for_delivery: 5, ndr: 5,
  rto_initiated: 6, rto_in_transit: 7, delivered: 9, rto_delivered: 9, lost: 9, damaged: 9, cancelled: 9, exception: -1,
};

const istDate = (d: Date) => new Date(d.getTime() + 5.5 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export class Shipment extends AggregateRoot {
  private constructor(
    private s: ShipmentSnapshot,
    version: number,
  ) {
    super(s.id, version);
  }

  static startBooking(
    props: Omit<ShipmentSnapshot, 'awb' | 'childAwbs' | 'status' | 'statusAt' | 'sortCode' | 'failure' | 'cancelReason' | 'pickupId' | 'manifestId' | 'lastEventAt' | 'nextPollAt' | 'pollFailures' | 'updatedAt' | 'expectedTransitDays'> & { expectedTransitDays: number | null },
  ): Shipment {
    return new Shipment(
      { ...props, awb: null, childAwbs: [], status: 'booking', statusAt: props.createdAt, sortCode: null, failure: null, cancelReason: null, pickupId: null, manifestId: null, lastEventAt: null, nextPollAt: null, pollFailures: 0, updatedAt: props.createdAt },
      1,
    );
  }

  static restore(snapshot: ShipmentSnapshot, version: number): Shipment {
    return new Shipment(snapshot, version);
  }

  get state(): Readonly<ShipmentSnapshot> {
    return this.s;
  }

  get isTerminal(): boolean {
    return this.s.status === 'booking_failed' || TERMINAL_SHIPMENT_STATUSES.has(this.s.status as ShipmentStatus);
  }

  booked(result: { awb: string; childAwbs: string[]; sortCode: string | null }, now: Date): void {
    this.assertBooking();
    const transitDays = this.s.expectedTransitDays ?? null;
    this.s = {
      ...this.s,
      awb: result.awb,
      childAwbs: result.childAwbs,
      sortCode: result.sortCode,
      status: 'booked',
      statusAt: now,
      expectedDeliveryDate: transitDays === null ? null : addDays(istDate(now), transitDays),
      nextPollAt: new Date(now.getTime() + 2 * 3600_000),
      updatedAt: now,
    };
    this.emit(SHIPPING_EVENTS.shipmentBooked, now, { service: this.s.service, totalPaise: this.s.charges?.totalPaise ?? null, childAwbs: result.childAwbs });
  }

  bookingFailed(failure: { code: string; message: string }, now: Date): void {
    this.s = { ...this.s, status: 'booking_failed', statusAt: now, failure, nextPollAt: null, updatedAt: now };
  }

  /**
   * A booking left in flight (the process stopped before the courier's answer was saved) that the courier would not
   * confirm when asked again: it ends, announced, so the order can be booked again under the next reference.
   */
  bookingAbandoned(failure: { code: string; message: string }, now: Date): void {
    this.assertBooking();
    this.bookingFailed(failure, now);
    this.emit(SHIPPING_EVENTS.shipmentBookingFailed, now, { reference: this.s.reference, failure });
  }

  private assertBooking(): void {
    if (this.s.status !== 'booking') throw new DomainError('shipment.not_booking', `Shipment ${this.s.reference} is ${this.s.status}.`, 'conflict');
  }

  /** Whether a pickup may be requested for it now (booked or manifested, with an AWB, no pickup yet). */
  get awaitsPickup(): boolean {
    return !!this.s.awb && (this.s.status === 'booked' || this.s.status === 'manifested') && this.s.pickupId === null;
  }

  /** The courier confirmed a pickup: the status moves to pickup_scheduled unless scans already moved it further. */
  pickupScheduled(pickupId: string, now: Date): void {
    const before = this.s.status;
    this.s = { ...this.s, pickupId, updatedAt: now };
    if (before !== 'booked' && before !== 'manifested') return;
    this.s = { ...this.s, status: 'pickup_scheduled', statusAt: now };
    this.emit(SHIPPING_EVENTS.shipmentStatusChanged, now, { fromStatus: before, expectedDeliveryDate: this.s.expectedDeliveryDate });
  }

  /** Listed on a manifest; a booked shipment becomes manifested. */
  manifested(manifestId: string, now: Date): void {
    const before = this.s.status;
    this.s = { ...this.s, manifestId, updatedAt: now };
    if (before !== 'booked') return;
    this.s = { ...this.s, status: 'manifested', statusAt: now };
    this.emit(SHIPPING_EVENTS.shipmentStatusChanged, now, { fromStatus: before, expectedDeliveryDate: this.s.expectedDeliveryDate });
  }

  /** Boxes can change until the courier has the parcel. */
  assertPackagesEditable(): void {
    if (!['booked', 'manifested', 'pickup_scheduled'].includes(this.s.status)) {
      throw new DomainError('shipment.packages_locked', `Shipment ${this.s.awb ?? this.s.reference} is ${this.s.status}; boxes can be changed only before pickup.`, 'conflict', { shipmentStatus: this.s.status });
    }
  }

  /** New boxes (re-validated against the courier and re-priced by the caller; `courierUpdated`: the courier was sent them too). */
  revisePackages(
    next: { packages: { weightGrams: number; lengthCm: number; breadthCm: number; heightCm: number }[]; volumetricWeightGrams: number; chargeableWeightGrams: number; charges: ShipmentSnapshot['charges']; courierUpdated: boolean },
    now: Date,
  ): void {
    this.assertPackagesEditable();
    const deadWeightGrams = next.packages.reduce((sum, p) => sum + p.weightGrams, 0);
    this.s = {
      ...this.s,
      booking: { ...this.s.booking, packages: next.packages },
      deadWeightGrams,
      volumetricWeightGrams: next.volumetricWeightGrams,
      chargeableWeightGrams: next.chargeableWeightGrams,
      charges: next.charges,
      updatedAt: now,
    };
    this.emit(SHIPPING_EVENTS.shipmentPackagesUpdated, now, { deadWeightGrams, chargeableWeightGrams: next.chargeableWeightGrams, totalPaise: next.charges?.totalPaise ?? null, courierUpdated: next.courierUpdated });
  }

  /** Before pickup only; the courier's cancel is called by the handler first. */
  assertCancellable(): void {
    const status = this.s.status;
    if (status === 'cancelled') throw new DomainError('shipment.already_cancelled', `Shipment ${this.s.awb ?? this.s.reference} is already cancelled.`, 'conflict');
    if (!['booked', 'manifested', 'pickup_scheduled'].includes(status)) {
      throw new DomainError('shipment.not_cancellable', `Shipment ${this.s.awb ?? this.s.reference} is ${status}; only shipments not yet picked up can be cancelled.`, 'conflict', { shipmentStatus: status });
    }
  }

  cancel(reason: string, now: Date): void {
    this.assertCancellable();
    this.s = { ...this.s, status: 'cancelled', statusAt: now, cancelReason: reason, nextPollAt: null, updatedAt: now };
    this.emit(SHIPPING_EVENTS.shipmentCancelled, now, { reason });
  }

  /**
   * Applies scans (already deduplicated by the store). The timeline keeps every scan; the current status follows the
   * latest scan by event time, never moves back from a terminal status, and ignores scans older than the last applied
   * one (a late-arriving old scan never regresses the status). Unknown codes ('exception') are kept but move nothing.
   * Returns true when the status changed.
   */
  applyScans(scans: readonly ShipmentScan[], now: Date): boolean {
    const before = this.s.status;
    for (const scan of [...scans].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      if (scan.status === 'exception' || this.isTerminal) continue;
      if (this.s.lastEventAt && scan.occurredAt.getTime() < this.s.lastEventAt.getTime()) continue;
      if (scan.status === 'booked') continue;
      if (scan.occurredAt.getTime() === this.s.lastEventAt?.getTime() && ORDER_RANK[scan.status] < ORDER_RANK[this.s.status as ShipmentStatus]) continue;
      this.s = { ...this.s, status: scan.status, statusAt: scan.occurredAt, lastEventAt: scan.occurredAt, expectedDeliveryDate: this.nextExpectedDate(scan), updatedAt: now };
    }
    if (this.s.status === before) return false;
    this.emit(SHIPPING_EVENTS.shipmentStatusChanged, now, { fromStatus: before, expectedDeliveryDate: this.s.expectedDeliveryDate });
    if (this.s.status === 'delivered') this.emit(SHIPPING_EVENTS.shipmentDelivered, now, { deliveredAt: this.s.statusAt.toISOString(), paymentMode: this.s.paymentMode, codAmountPaise: this.s.codAmountPaise });
    return true;
  }

  /** When to pull tracking next (couriers without push, and as a safety net): sooner near delivery, backing off on failures, never after a terminal status. */
  schedulePoll(now: Date, failed: boolean): void {
    if (this.isTerminal) {
      this.s = { ...this.s, nextPollAt: null, pollFailures: 0 };
      return;
    }
    const hours = ['out_for_delivery', 'ndr'].includes(this.s.status) ? 1 : ['booked', 'manifested', 'pickup_scheduled'].includes(this.s.status) ? 2 : 4;
    const failures = failed ? this.s.pollFailures + 1 : 0;
    const delayMs = Math.min(24 * 3600_000, hours * 3600_000 * 2 ** failures);
    this.s = { ...this.s, nextPollAt: new Date(now.getTime() + delayMs), pollFailures: failures };
  }

  private nextExpectedDate(scan: ShipmentScan): string | null {
    switch (scan.status) {
      case 'out_for_delivery':
        return istDate(scan.occurredAt);
      case 'ndr':
        return addDays(istDate(scan.occurredAt), 1);
      case 'delivered':
        return istDate(scan.occurredAt);
      case 'rto_initiated':
      case 'rto_in_transit':
      case 'rto_delivered':
      case 'lost':
      case 'damaged':
        return null;
      default:
        return this.s.expectedDeliveryDate;
    }
  }

  private emit(type: string, at: Date, extra: Record<string, unknown>): void {
    this.record(domainEvent(type, this.s.id, this.s.companyId, { shipmentId: this.s.id, orderId: this.s.orderId, orderNumber: this.s.orderNumber, courier: this.s.courier, awb: this.s.awb, status: this.s.status, ...extra }, at));
  }
}

/** The order status a shipment status drives (null: leave the order as it is). */
export function orderStatusFor(status: ShipmentState): 'new' | 'ready_to_ship' | 'pickup_scheduled' | 'shipped' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'rto' | 'lost' | null {
  switch (status) {
    case 'booked':
    case 'manifested':
      return 'ready_to_ship';
    case 'pickup_scheduled':
      return 'pickup_scheduled';
    case 'picked_up':
      return 'shipped';
    case 'in_transit':
    case 'ndr':
      return 'in_transit';
    case 'out_for_delivery':
      return 'out_for_delivery';
    case 'delivered':
      return 'delivered';
    case 'rto_initiated':
    case 'rto_in_transit':
    case 'rto_delivered':
      return 'rto';
    case 'lost':
    case 'damaged':
      return 'lost';
    case 'cancelled':
      return 'new';
    default:
      return null;
  }
}
