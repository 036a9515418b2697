import type { CourierCapabilities } from '../../contracts';
import { bookingFixture } from '../testing/booking-fixture';
import { bookingViolations, ndrActionViolation, operationViolation, packageMeasures } from './capability-rules';

const caps: CourierCapabilities = {
  cod: true,
  reverse: true,
  multiPiece: true,
  b2b: false,
  pickupApi: false,
  cancel: true,
  webhookPush: false,
  trackingPull: true,
  rateApi: false, serviceabilityApi: false, packageUpdateApi: false, courierLabel: false,
  ndrActions: ['re_attempt'],
  limits: { maxWeightGrams: 20_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 3 },
  refusedHandling: ['liquid'],
  insurance: true,
  labelSizes: ['4x6'],
};
const box = (weightGrams: number, lengthCm = 20, breadthCm = 20, heightCm = 20) => ({ weightGrams, lengthCm, breadthCm, heightCm });
const rules = (over: Parameters<typeof bookingFixture>[0]) => bookingViolations('xpressbees', caps, bookingFixture(over)).map((v) => `${v.kind}:${v.rule}`);

describe('courier capability rules', () => {
  it('passes a booking the courier can take', () => {
    expect(rules({ paymentMode: 'cod', codAmountPaise: 5_000_000, packages: [box(20_000, 120), box(100), box(100)] })).toEqual([]);
  });

  it('names each capability a booking needs and the courier lacks', () => {
    expect(rules({ b2b: { invoiceNumber: 'I-1', invoiceValuePaise: 1 } })).toEqual(['unsupported:b2b']);
    expect(bookingViolations('delhivery_b2b', caps, bookingFixture({ service: 'ptl' })).map((v) => v.rule)).toEqual(['b2b']);
    expect(rules({ handling: ['fragile', 'liquid'] })).toEqual(['unsupported:refusedHandling']);
    expect(rules({ service: 'drone' })).toEqual(['unsupported:service']);
  });

  it('checks limits per box, and pieces, girth and COD per booking', () => {
    expect(rules({ packages: [box(1000), box(20_001)] })).toEqual(['limit:limits.maxWeightGrams']);
    expect(rules({ packages: [box(1000), box(1000), box(1000), box(1000)] })).toEqual(['limit:limits.maxPieces']);
    expect(rules({ packages: [box(1000, 10, 121, 10)] })).toEqual(['limit:limits.maxLengthCm']);
    expect(rules({ paymentMode: 'cod', codAmountPaise: 5_000_001 })).toEqual(['limit:limits.maxCodPaise']);
    expect(rules({ paymentMode: 'prepaid', codAmountPaise: 9_000_000 })).toEqual([]);
    const girthCapped = { ...caps, limits: { ...caps.limits, maxGirthCm: 200 } };
    expect(bookingViolations('xpressbees', girthCapped, bookingFixture({ packages: [box(1000, 50, 50, 51)] }))).toEqual([
      expect.objectContaining({ rule: 'limits.maxGirthCm', limit: 200, actual: 251 }),
    ]);
    expect(packageMeasures(box(1, 30, 60, 40))).toEqual({ longestCm: 60, girthCm: 200 });
  });

  it('refuses a second box where the courier books one box per shipment', () => {
    const single = { ...caps, multiPiece: false };
    expect(bookingViolations('xpressbees', single, bookingFixture({ packages: [box(1), box(1), box(1), box(1)] })).map((v) => v.rule)).toEqual(['multiPiece']);
  });

  it('gates the other operations', () => {
    expect(operationViolation('xpressbees', caps, 'pickupApi')).toMatchObject({ kind: 'unsupported', rule: 'pickupApi' });
    expect(operationViolation('xpressbees', caps, 'cancel')).toBeNull();
    expect(ndrActionViolation('xpressbees', caps, 're_attempt')).toBeNull();
    expect(ndrActionViolation('xpressbees', caps, 'rto')).toMatchObject({ rule: 'ndrActions', limit: ['re_attempt'], actual: 'rto' });
  });
});
