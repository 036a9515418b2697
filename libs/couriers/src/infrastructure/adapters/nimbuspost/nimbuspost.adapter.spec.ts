import { NimbusPostSimulator } from '@shipcrowd/simulators';
import { CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { hmacSha256 } from '../shared/wire';
import { NimbusPostAdapter } from './nimbuspost.adapter';

const adapter = new NimbusPostAdapter();
const account = { email: adapter.sandboxCredentials.email, password: adapter.sandboxCredentials.password };

describeCourierContract({ adapter, simulator: () => new NimbusPostSimulator(account) });

describe('NimbusPost wire protocol', () => {
  const courier = useSimulatedCourier(adapter, () => new NimbusPostSimulator(account));

  const sent = (path: string) => courier.server.requestsTo('nimbuspost').filter((r) => r.path === path).at(-1)!.json as Record<string, unknown>;

  it('quotes the lane, then books the cheapest courier of the service’s mode', async () => {
    await adapter.book(courier.call, bookingFixture({ service: 'express' }));
    expect(sent('/v1/courier/serviceability')).toEqual({ origin: '560058', destination: '400001', payment_type: 'prepaid', order_amount: 1499, weight: 800, length: 20, breadth: 15, height: 10 });
    expect(sent('/v1/shipments').courier_id).toBe('3');
    await adapter.book(courier.call, bookingFixture({ service: 'surface' }));
    expect(sent('/v1/shipments').courier_id).toBe('2');
  });

  it('asks NimbusPost to collect the COD amount as the order amount, in rupees and grams', async () => {
    const booking = bookingFixture({ paymentMode: 'cod', codAmountPaise: 99_900 });
    await adapter.book(courier.call, booking);
    expect(sent('/v1/shipments')).toMatchObject({ order_number: booking.reference, payment_type: 'cod', order_amount: 999, package_weight: 800, pickup: { warehouse_name: 'BLR-1' } });
  });

  it('refuses a lane NimbusPost has no courier for with its message', async () => {
    const nowhere = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '000000' } });
    await expect(adapter.book(courier.call, nowhere)).rejects.toEqual(new CourierRejected('No courier is serviceable for this pincode'));
  });

  it('tracks several AWBs in one bulk call and leaves out the ones NimbusPost does not know', async () => {
    const first = await adapter.book(courier.call, bookingFixture());
    const second = await adapter.book(courier.call, bookingFixture({ reference: `SC-LOST-${Date.now()}` }));
    await courier.sim.advance(first.awb, 2);
    await courier.sim.advance(second.awb, 9);
    const tracked = await adapter.track(courier.call, [first.awb, second.awb, '59300000000000']);
    expect(sent('/v1/shipments/track/bulk')).toEqual({ awb: [first.awb, second.awb, '59300000000000'] });
    expect([...tracked.keys()]).toEqual([first.awb, second.awb]);
    expect(tracked.get(first.awb)?.map((e) => e.rawCode)).toEqual(['PP', 'PU']);
    expect(tracked.get(second.awb)?.at(-1)).toMatchObject({ status: 'lost', rawCode: 'LT', rawStatus: 'Lost' });
  });

  const lane = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid' as const, weightGrams: 1200, codAmountPaise: 0 };
  const rateQuery = { ...lane, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 149_900 };

  it('quotes per service the cheapest courier a booking would take, rupees to paise, on the order value or the COD amount', async () => {
    // Bengaluru to Mumbai is metro to metro (zone C, x1.3); 1.2 kg is three 500 g slabs.
    expect(await adapter.rates(courier.call, rateQuery)).toEqual([
      { service: 'surface', totalPaise: 13_650, freightPaise: 13_650, codChargePaise: 0, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: null },
      { service: 'express', totalPaise: 24_180, freightPaise: 24_180, codChargePaise: 0, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: null },
    ]);
    expect(sent('/v1/courier/serviceability')).toEqual({ origin: '560058', destination: '400001', payment_type: 'prepaid', order_amount: 1499, weight: 1200, length: 20, breadth: 15, height: 10 });

    const cod = await adapter.rates(courier.call, { ...rateQuery, paymentMode: 'cod', codAmountPaise: 99_900, service: 'express' });
    expect(sent('/v1/courier/serviceability')).toMatchObject({ payment_type: 'cod', order_amount: 999 });
    expect(cod).toEqual([expect.objectContaining({ service: 'express', totalPaise: 27_180, freightPaise: 24_180, codChargePaise: 3000 })]);
  });

  it('answers serviceability from the quote for prepaid and for COD, and passes on NimbusPost’s reason for a lane nobody serves', async () => {
    const before = courier.server.requestsTo('nimbuspost').length;
    expect(await adapter.serviceability(courier.call, { ...lane, paymentMode: 'cod', codAmountPaise: 50_000 })).toEqual({
      serviceable: true, prepaid: true, cod: true, pickup: true, reverse: false, oda: false, services: ['surface', 'express'], expectedTransitDays: null, reason: null,
    });
    const asked = courier.server.requestsTo('nimbuspost').slice(before).filter((r) => r.path === '/v1/courier/serviceability').map((r) => r.json as Record<string, unknown>);
    expect(asked.map((body) => [body.payment_type, body.order_amount, body.weight, body.length]).sort()).toEqual([['cod', 500, 1200, 10], ['prepaid', 500, 1200, 10]]);

    expect(await adapter.serviceability(courier.call, { ...lane, destinationPincode: '000000' })).toMatchObject({ serviceable: false, prepaid: false, cod: false, services: [], reason: 'No courier is serviceable for this pincode' });
  });

  it('keeps an unmapped code as an exception and refuses a webhook signed with another secret', () => {
    const rawBody = Buffer.from(JSON.stringify({ awb_number: '59300000000001', status_code: 'HLD', status: 'On hold', event_time: '2026-11-21 09:00:00', message: 'Held for address' }));
    const signed = (secret: string) => ({ headers: { 'X-Nimbus-Signature': hmacSha256(secret, rawBody) }, rawBody, credentials: adapter.sandboxCredentials });
    expect(adapter.parseWebhook(signed(adapter.sandboxCredentials.webhookSecret))).toEqual([
      expect.objectContaining({ status: 'exception', rawCode: 'HLD', remarks: 'Held for address', ndrReason: null, occurredAt: new Date('2026-11-21T03:30:00Z') }),
    ]);
    expect(() => adapter.parseWebhook(signed('another-secret'))).toThrow(WebhookUnauthenticated);
  });
});
