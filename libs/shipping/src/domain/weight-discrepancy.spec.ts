import { SHIPPING_EVENTS } from '../../contracts';
import type { ShipmentSnapshot } from './shipment';
import { DisputeEvidence, estimateExtraCharge, exceedsTolerance, extraSlabsOf, WeightDiscrepancy } from './weight-discrepancy';

const OPENED = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(OPENED.getTime() + days * DAY);

/** A 1.5 kg booking priced on a 500 g slab card: freight Rs 40 for the first slab, Rs 38 for each of the 2 more. */
function shipment(over: Partial<ShipmentSnapshot> = {}): ShipmentSnapshot {
  return {
    id: 'shp-1',
    companyId: 'co-1',
    orderId: 'ord-1',
    orderNumber: 'SO-1001',
    warehouseId: 'wh-1',
    reference: 'SO-1001',
    courier: 'delhivery',
    service: 'surface',
    awb: '1490000012345',
    childAwbs: [],
    status: 'in_transit',
    statusAt: OPENED,
    sortCode: null,
    paymentMode: 'prepaid',
    codAmountPaise: 0,
    declaredValuePaise: 99_800,
    deadWeightGrams: 1_400,
    volumetricWeightGrams: 1_200,
    chargeableWeightGrams: 1_500,
    booking: {},
    charges: {
      totalPaise: 14_336,
      rtoChargePaise: 0,
      lines: [
        { code: 'freight', label: 'Freight', amountPaise: 4_000 },
        { code: 'additional_weight', label: '2 additional slabs of 0.5 kg', amountPaise: 7_600 },
        { code: 'fuel_surcharge', label: 'Fuel', amountPaise: 1_392 },
        { code: 'igst', label: 'IGST 18%', amountPaise: 1_344 },
      ],
      zone: 'C',
      selection: 'recommended',
    },
    expectedDeliveryDate: null,
    failure: null,
    cancelReason: null,
    pickupId: null,
    manifestId: null,
    lastEventAt: null,
    nextPollAt: null,
    pollFailures: 0,
    createdBy: null,
    createdAt: OPENED,
    updatedAt: OPENED,
    ...over,
  };
}

const reading = (grams: number, reportedAt = OPENED) => ({ chargedWeightGrams: grams, reportedAt });
const open = (grams = 2_100, over: Partial<ShipmentSnapshot> = {}) => WeightDiscrepancy.detect('wd-1', shipment(over), reading(grams), OPENED, 7)!;
const evidence: DisputeEvidence = { photos: [{ key: 'companies/co-1/weight-discrepancies/wd-1/p.jpg', contentType: 'image/jpeg', sizeBytes: 1234 }], lengthCm: 30, breadthCm: 20, heightCm: 10, weightGrams: 1_450, note: null };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('weight discrepancy tolerance', () => {
  it('needs more than 10% over the chargeable weight AND a higher 500 g slab', () => {
    // 1.5 kg booked: 1.65 kg is exactly 10% (not more); 1.651 kg is over and in slab 4.
    expect(exceedsTolerance(1_500, 1_650)).toBe(false);
    expect(exceedsTolerance(1_500, 1_651)).toBe(true);
    // 10 kg booked: 10.4 kg is a higher slab but only 4% more.
    expect(exceedsTolerance(10_000, 10_400)).toBe(false);
    expect(exceedsTolerance(10_000, 11_001)).toBe(true);
    // 0.5 kg booked: 0.56 kg is 12% more and rounds up to slab 2.
    expect(exceedsTolerance(500, 560)).toBe(true);
    expect(exceedsTolerance(500, 540)).toBe(false);
    // A lighter reading is never a discrepancy.
    expect(exceedsTolerance(1_500, 900)).toBe(false);
  });

  it('counts extra slabs after rounding both weights up to 500 g', () => {
    expect(extraSlabsOf(1_500, 2_100)).toBe(2);
    expect(extraSlabsOf(1_500, 2_000)).toBe(1);
    expect(extraSlabsOf(1_000, 1_001)).toBe(1);
    expect(extraSlabsOf(1_500, 1_200)).toBe(0);
  });
});

describe('extra charge estimate', () => {
  it('prices each extra slab at the booking’s additional-slab price', () => {
    // Rs 76 over 2 booked additional slabs = Rs 38 a slab; 2 extra slabs = Rs 76.
    expect(estimateExtraCharge(shipment().charges, 1_500, 2)).toBe(7_600);
    expect(estimateExtraCharge(shipment().charges, 1_500, 1)).toBe(3_800);
  });

  it('falls back to the first-slab freight when only one slab was booked, and gives up without charges', () => {
    const single = { ...shipment().charges!, lines: [{ code: 'freight', label: 'Freight', amountPaise: 4_000 }] };
    expect(estimateExtraCharge(single, 500, 3)).toBe(12_000);
    expect(estimateExtraCharge(null, 500, 3)).toBeNull();
    expect(estimateExtraCharge({ ...single, lines: [] }, 500, 3)).toBeNull();
  });

  it('rounds a per-slab price that is not whole paise', () => {
    const odd = { ...shipment().charges!, lines: [{ code: 'freight', label: 'F', amountPaise: 4_000 }, { code: 'additional_weight', label: 'A', amountPaise: 1_001 }] };
    expect(estimateExtraCharge(odd, 2_000, 1)).toBe(334); // 1001 / 3 = 333.67
  });
});

describe('WeightDiscrepancy', () => {
  it('opens beyond the tolerance with both figures, the estimate, a 7-day deadline and an event', () => {
    expect(WeightDiscrepancy.detect('wd-0', shipment(), reading(1_600), OPENED, 7)).toBeNull();
    expect(WeightDiscrepancy.detect('wd-0', shipment({ awb: null }), reading(5_000), OPENED, 7)).toBeNull();
    const d = open(2_100);
    expect(d.state).toMatchObject({
      status: 'open',
      deadWeightGrams: 1_400,
      volumetricWeightGrams: 1_200,
      chargeableWeightGrams: 1_500,
      chargedWeightGrams: 2_100,
      extraSlabs: 2,
      extraChargePaise: 7_600,
      deadlineAt: at(7),
    });
    const events = d.pullEvents();
    expect(events.map((e) => e.type)).toEqual([SHIPPING_EVENTS.weightDiscrepancyOpened]);
    expect(events[0]).toMatchObject({ aggregateId: 'wd-1', companyId: 'co-1', payload: { discrepancyId: 'wd-1', shipmentId: 'shp-1', awb: '1490000012345', chargedWeightGrams: 2_100, extraChargePaise: 7_600, status: 'open' } });
    expect(WeightDiscrepancy.detect('wd-0', shipment(), reading(2_100), OPENED, 3)!.state.deadlineAt).toEqual(at(3));
  });

  it('takes a later, different reading while open; ignores older or equal ones; keeps the deadline', () => {
    const d = open(2_100);
    expect(d.courierReweighed(reading(2_600, at(-1)), shipment().charges, at(1))).toBe(false);
    expect(d.courierReweighed(reading(2_100, at(1)), shipment().charges, at(1))).toBe(false);
    expect(d.courierReweighed(reading(2_600, at(1)), shipment().charges, at(1))).toBe(true);
    expect(d.state).toMatchObject({ status: 'open', chargedWeightGrams: 2_600, extraSlabs: 3, extraChargePaise: 11_400, chargedReportedAt: at(1), deadlineAt: at(7) });
  });

  it('closes for the seller when the courier re-weighs within the tolerance', () => {
    const d = open(2_100);
    d.pullEvents();
    expect(d.courierReweighed(reading(1_550, at(1)), shipment().charges, at(1))).toBe(true);
    expect(d.state).toMatchObject({ status: 'resolved_for_seller', chargedWeightGrams: 1_550, extraSlabs: 0, extraChargePaise: 0, resolvedBy: null, resolutionNote: expect.stringMatching(/1550 g, within the tolerance/) });
    expect(d.pullEvents().map((e) => [e.type, e.payload.outcome])).toEqual([[SHIPPING_EVENTS.weightDiscrepancyResolved, 'seller']]);
  });

  it('lets the seller accept before the deadline, once', () => {
    const d = open();
    d.pullEvents();
    d.accept('user-1', at(2));
    expect(d.state).toMatchObject({ status: 'accepted', acceptedAt: at(2), acceptedBy: 'user-1' });
    expect(d.pullEvents().map((e) => [e.type, e.payload.auto])).toEqual([[SHIPPING_EVENTS.weightDiscrepancyAccepted, false]]);
    expect(codeOf(() => d.accept('user-1', at(2)))).toBe('weight_discrepancy.not_open');
    expect(codeOf(() => d.dispute(evidence, 'user-1', at(2)))).toBe('weight_discrepancy.not_open');
    expect(d.courierReweighed(reading(3_000, at(3)), shipment().charges, at(3))).toBe(false);
  });

  it('refuses answers at or after the deadline', () => {
    expect(codeOf(() => open().accept('user-1', at(7)))).toBe('weight_discrepancy.deadline_passed');
    expect(codeOf(() => open().dispute(evidence, 'user-1', at(8)))).toBe('weight_discrepancy.deadline_passed');
    expect(codeOf(() => open().accept('user-1', new Date(at(7).getTime() - 1)))).toBeUndefined();
  });

  it('records a dispute with its evidence, then only an admin resolves it, with a note', () => {
    const d = open();
    d.pullEvents();
    expect(codeOf(() => d.dispute({ ...evidence, photos: [] }, 'user-1', at(1)))).toBe('weight_discrepancy.photos_required');
    expect(codeOf(() => d.resolve('seller', 'too early', 'admin-1', at(1)))).toBe('weight_discrepancy.not_disputed');
    d.dispute(evidence, 'user-1', at(1));
    expect(d.state).toMatchObject({ status: 'disputed', evidence, disputedAt: at(1), disputedBy: 'user-1' });
    expect(d.autoAccept(at(30))).toBe(false);
    expect(codeOf(() => d.resolve('courier', '   ', 'admin-1', at(9)))).toBe('weight_discrepancy.note_required');
    d.resolve('courier', ' Photo shows 2.1 kg on the scale. ', 'admin-1', at(9));
    expect(d.state).toMatchObject({ status: 'resolved_for_courier', resolvedAt: at(9), resolvedBy: 'admin-1', resolutionNote: 'Photo shows 2.1 kg on the scale.' });
    expect(d.pullEvents().map((e) => [e.type, e.payload.outcome ?? e.payload.photoCount])).toEqual([
      [SHIPPING_EVENTS.weightDiscrepancyDisputed, 1],
      [SHIPPING_EVENTS.weightDiscrepancyResolved, 'courier'],
    ]);
    expect(codeOf(() => d.resolve('seller', 'again', 'admin-1', at(10)))).toBe('weight_discrepancy.not_disputed');
  });

  it('resolves for the seller', () => {
    const d = open();
    d.dispute(evidence, 'user-1', at(1));
    d.resolve('seller', 'Scale photo shows 1.45 kg.', 'admin-1', at(2));
    expect(d.state.status).toBe('resolved_for_seller');
  });

  it('auto-accepts an open case only once its deadline has come', () => {
    const d = open();
    d.pullEvents();
    expect(d.autoAccept(new Date(at(7).getTime() - 1))).toBe(false);
    expect(d.state.status).toBe('open');
    expect(d.autoAccept(at(7))).toBe(true);
    expect(d.state).toMatchObject({ status: 'auto_accepted', acceptedAt: at(7), acceptedBy: null });
    expect(d.pullEvents().map((e) => [e.type, e.payload.auto])).toEqual([[SHIPPING_EVENTS.weightDiscrepancyAccepted, true]]);
    expect(d.autoAccept(at(8))).toBe(false);
  });
});
