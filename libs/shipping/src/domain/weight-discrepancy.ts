import { AggregateRoot, domainEvent, DomainError } from '@shipcrowd/kernel';
import { SHIPPING_EVENTS } from '../../contracts';
import type { ShipmentSnapshot } from './shipment';

/**
 * Couriers bill weight in 500 g slabs and re-weigh parcels at their hubs. A reading counts as a discrepancy only when it
 * is more than 10% above the chargeable weight Shipcrowd booked AND lands in a higher 500 g slab once both are rounded
 * up: small scale differences, and differences that would not change the bill, never bother the seller.
 */
export const WEIGHT_SLAB_GRAMS = 500;
export const WEIGHT_TOLERANCE_PERCENT = 10;

export type WeightDiscrepancyStatus = 'open' | 'accepted' | 'auto_accepted' | 'disputed' | 'resolved_for_seller' | 'resolved_for_courier';
export type ResolutionOutcome = 'seller' | 'courier';

export interface EvidencePhoto {
  key: string;
  contentType: string;
  sizeBytes: number;
}

/** What the seller sends to dispute: photos of the parcel on a scale and with a tape, its measures, and a note. */
export interface DisputeEvidence {
  photos: EvidencePhoto[];
  lengthCm: number;
  breadthCm: number;
  heightCm: number;
  weightGrams: number;
  note: string | null;
}

export interface WeightDiscrepancySnapshot {
  id: string;
  companyId: string;
  shipmentId: string;
  orderId: string;
  orderNumber: string;
  courier: string;
  awb: string;
  /** The weights Shipcrowd booked with (declared dead weight, volumetric from the declared box, and the billed one). */
  deadWeightGrams: number;
  volumetricWeightGrams: number;
  chargeableWeightGrams: number;
  /** The courier's latest reading while the case was open. */
  chargedWeightGrams: number;
  chargedReportedAt: Date;
  extraSlabs: number;
  /** Freight for the extra slabs, before fuel surcharge and GST; null when the booking's charges say nothing usable. */
  extraChargePaise: number | null;
  status: WeightDiscrepancyStatus;
  openedAt: Date;
  /** The seller accepts or disputes before this; afterwards the case is auto-accepted. */
  deadlineAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  evidence: DisputeEvidence | null;
  disputedAt: Date | null;
  disputedBy: string | null;
  resolvedAt: Date | null;
  /** The admin who resolved it; null when the courier's own re-weigh settled it. */
  resolvedBy: string | null;
  resolutionNote: string | null;
  updatedAt: Date;
}

export interface WeightReading {
  chargedWeightGrams: number;
  reportedAt: Date;
}

const slabsOf = (grams: number) => Math.ceil(grams / WEIGHT_SLAB_GRAMS);

/** Whether the courier's reading is beyond the tolerance (see WEIGHT_TOLERANCE_PERCENT and WEIGHT_SLAB_GRAMS). */
export function exceedsTolerance(chargeableWeightGrams: number, chargedWeightGrams: number): boolean {
  const overPercent = chargedWeightGrams * 100 > chargeableWeightGrams * (100 + WEIGHT_TOLERANCE_PERCENT);
  return overPercent && slabsOf(chargedWeightGrams) > slabsOf(chargeableWeightGrams);
}

export function extraSlabsOf(chargeableWeightGrams: number, chargedWeightGrams: number): number {
  return Math.max(0, slabsOf(chargedWeightGrams) - slabsOf(chargeableWeightGrams));
}

/**
 * Extra freight the reading would cost: the booking's price of one further 500 g slab times the extra slabs. That price
 * is the 'additional_weight' line spread over the 500 g slabs booked beyond the first; a booking of a single slab has no
 * such line, so its 'freight' line (the first slab) stands in. Fuel surcharge and GST are left to whoever bills it.
 */
export function estimateExtraCharge(charges: ShipmentSnapshot['charges'], chargeableWeightGrams: number, extraSlabs: number): number | null {
  const line = (code: string) => charges?.lines.find((l) => l.code === code && l.amountPaise > 0);
  const additional = line('additional_weight');
  const bookedAdditionalSlabs = slabsOf(chargeableWeightGrams) - 1;
  const perSlab = additional && bookedAdditionalSlabs > 0 ? additional.amountPaise / bookedAdditionalSlabs : line('freight')?.amountPaise;
  return perSlab === undefined ? null : Math.round(perSlab * extraSlabs);
}

const DAY_MS = 86_400_000;

/** What every event and view of a case repeats about it. */
export function caseFacts(s: WeightDiscrepancySnapshot) {
  const { shipmentId, orderId, orderNumber, courier, awb, status, extraSlabs, extraChargePaise } = s;
  return { shipmentId, orderId, orderNumber, courier, awb, status, extraSlabs, extraChargePaise };
}

export class WeightDiscrepancy extends AggregateRoot {
  private constructor(
    private s: WeightDiscrepancySnapshot,
    version: number,
  ) {
    super(s.id, version);
  }

  /** A new case when the reading is beyond the tolerance, else null. */
  static detect(id: string, shipment: ShipmentSnapshot, reading: WeightReading, now: Date, windowDays: number): WeightDiscrepancy | null {
    if (!shipment.awb || !exceedsTolerance(shipment.chargeableWeightGrams, reading.chargedWeightGrams)) return null;
    const extraSlabs = extraSlabsOf(shipment.chargeableWeightGrams, reading.chargedWeightGrams);
    const discrepancy = new WeightDiscrepancy(
      {
        id,
        companyId: shipment.companyId,
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        orderNumber: shipment.orderNumber,
        courier: shipment.courier,
        awb: shipment.awb,
        deadWeightGrams: shipment.deadWeightGrams,
        volumetricWeightGrams: shipment.volumetricWeightGrams,
        chargeableWeightGrams: shipment.chargeableWeightGrams,
        chargedWeightGrams: reading.chargedWeightGrams,
        chargedReportedAt: reading.reportedAt,
        extraSlabs,
        extraChargePaise: estimateExtraCharge(shipment.charges, shipment.chargeableWeightGrams, extraSlabs),
        status: 'open',
        openedAt: now,
        deadlineAt: new Date(now.getTime() + windowDays * DAY_MS),
        acceptedAt: null,
        acceptedBy: null,
        evidence: null,
        disputedAt: null,
        disputedBy: null,
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
        updatedAt: now,
      },
      1,
    );
    discrepancy.emit(SHIPPING_EVENTS.weightDiscrepancyOpened, now, {});
    return discrepancy;
  }

  static restore(snapshot: WeightDiscrepancySnapshot, version: number): WeightDiscrepancy {
    return new WeightDiscrepancy(snapshot, version);
  }

  get state(): Readonly<WeightDiscrepancySnapshot> {
    return this.s;
  }

  /**
   * A later reading while the case is open replaces the courier's figure and the estimate (the deadline stays). Readings
   * older than the current one, or equal to it, change nothing. A reading back within the tolerance means the courier
   * withdrew its claim: the case closes in the seller's favour. Returns whether anything changed.
   */
  courierReweighed(reading: WeightReading, charges: ShipmentSnapshot['charges'], now: Date): boolean {
    if (this.s.status !== 'open' || reading.chargedWeightGrams === this.s.chargedWeightGrams) return false;
    if (reading.reportedAt.getTime() < this.s.chargedReportedAt.getTime()) return false;
    const reweighed = { ...this.s, chargedWeightGrams: reading.chargedWeightGrams, chargedReportedAt: reading.reportedAt, updatedAt: now };
    if (exceedsTolerance(this.s.chargeableWeightGrams, reading.chargedWeightGrams)) {
      const extraSlabs = extraSlabsOf(this.s.chargeableWeightGrams, reading.chargedWeightGrams);
      this.s = { ...reweighed, extraSlabs, extraChargePaise: estimateExtraCharge(charges, this.s.chargeableWeightGrams, extraSlabs) };
      return true;
    }
    const resolutionNote = `${this.s.courier} re-weighed it at ${reading.chargedWeightGrams} g, within the tolerance`;
    this.s = { ...reweighed, status: 'resolved_for_seller', extraSlabs: 0, extraChargePaise: 0, resolvedAt: now, resolvedBy: null, resolutionNote };
    this.emit(SHIPPING_EVENTS.weightDiscrepancyResolved, now, { outcome: 'seller' });
    return true;
  }

  /** Refuses a seller's answer when the case is no longer open or its deadline has passed. */
  assertAnswerable(now: Date): void {
    if (this.s.status !== 'open') {
      throw new DomainError('weight_discrepancy.not_open', `This weight discrepancy is ${this.s.status}; only open ones can be accepted or disputed.`, 'conflict', { discrepancyStatus: this.s.status });
    }
    if (now.getTime() >= this.s.deadlineAt.getTime()) {
      throw new DomainError('weight_discrepancy.deadline_passed', `The deadline to answer (${this.s.deadlineAt.toISOString()}) has passed; the courier's weight stands.`, 'conflict', { deadlineAt: this.s.deadlineAt.toISOString() });
    }
  }

  accept(userId: string | null, now: Date): void {
    this.assertAnswerable(now);
    this.s = { ...this.s, status: 'accepted', acceptedAt: now, acceptedBy: userId, updatedAt: now };
    this.emit(SHIPPING_EVENTS.weightDiscrepancyAccepted, now, { auto: false });
  }

  dispute(evidence: DisputeEvidence, userId: string | null, now: Date): void {
    this.assertAnswerable(now);
    if (evidence.photos.length < 1) throw new DomainError('weight_discrepancy.photos_required', 'Attach at least one photo of the parcel.', 'validation', { errors: [{ field: 'photos', message: 'needs at least one photo', code: 'required' }] });
    this.s = { ...this.s, status: 'disputed', evidence, disputedAt: now, disputedBy: userId, updatedAt: now };
    this.emit(SHIPPING_EVENTS.weightDiscrepancyDisputed, now, { sellerWeightGrams: evidence.weightGrams, photoCount: evidence.photos.length });
  }

  /** The seller let the deadline pass: the courier's weight stands. Returns false when there is nothing to do yet. */
  autoAccept(now: Date): boolean {
    if (this.s.status !== 'open' || now.getTime() < this.s.deadlineAt.getTime()) return false;
    this.s = { ...this.s, status: 'auto_accepted', acceptedAt: now, acceptedBy: null, updatedAt: now };
    this.emit(SHIPPING_EVENTS.weightDiscrepancyAccepted, now, { auto: true });
    return true;
  }

  /** A platform admin decides a disputed case. */
  resolve(outcome: ResolutionOutcome, note: string, adminId: string, now: Date): void {
    if (this.s.status !== 'disputed') {
      throw new DomainError('weight_discrepancy.not_disputed', `This weight discrepancy is ${this.s.status}; only disputed ones are resolved.`, 'conflict', { discrepancyStatus: this.s.status });
    }
    const why = note.trim();
    if (!why) throw new DomainError('weight_discrepancy.note_required', 'Say why it was resolved this way.', 'validation', { errors: [{ field: 'note', message: 'is required', code: 'required' }] });
    this.s = { ...this.s, status: outcome === 'seller' ? 'resolved_for_seller' : 'resolved_for_courier', resolvedAt: now, resolvedBy: adminId, resolutionNote: why, updatedAt: now };
    this.emit(SHIPPING_EVENTS.weightDiscrepancyResolved, now, { outcome });
  }

  private emit(type: string, at: Date, extra: Record<string, unknown>): void {
    const s = this.s;
    const payload = { discrepancyId: s.id, ...caseFacts(s), chargeableWeightGrams: s.chargeableWeightGrams, chargedWeightGrams: s.chargedWeightGrams, deadlineAt: s.deadlineAt.toISOString(), ...extra };
    this.record(domainEvent(type, s.id, s.companyId, payload, at));
  }
}
