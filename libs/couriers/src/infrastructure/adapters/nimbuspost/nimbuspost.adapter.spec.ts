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

  it('keeps an unmapped code as an exception and refuses a webhook signed with another secret', () => {
    const rawBody = Buffer.from(JSON.stringify({ awb_number: '59300000000001', status_code: 'HLD', status: 'On hold', event_time: '2026-11-21 09:00:00', message: 'Held for address' }));
    const signed = (secret: string) => ({ headers: { 'X-Nimbus-Signature': hmacSha256(secret, rawBody) }, rawBody, credentials: adapter.sandboxCredentials });
    expect(adapter.parseWebhook(signed(adapter.sandboxCredentials.webhookSecret))).toEqual([
      expect.objectContaining({ status: 'exception', rawCode: 'HLD', remarks: 'Held for address', ndrReason: null, occurredAt: new Date('2026-11-21T03:30:00Z') }),
    ]);
    expect(() => adapter.parseWebhook(signed('another-secret'))).toThrow(WebhookUnauthenticated);
  });
});
