import { XpressbeesSimulator } from '@shipcrowd/simulators';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { hmacSha256 } from '../shared/wire';
import { XpressbeesAdapter } from './xpressbees.adapter';

const adapter = new XpressbeesAdapter();
const account = { email: adapter.sandboxCredentials.email, password: adapter.sandboxCredentials.password };

describeCourierContract({ adapter, simulator: () => new XpressbeesSimulator(account) });

describe('Xpressbees wire protocol', () => {
  const courier = useSimulatedCourier(adapter, () => new XpressbeesSimulator(account));

  const lastRequest = (path: string) => courier.server.requestsTo('xpressbees').filter((r) => r.path === path).at(-1)!;

  it('logs in with e-mail and password and books in grams, rupees and Xpressbees courier ids', async () => {
    const booking = bookingFixture({ service: 'express', paymentMode: 'cod', codAmountPaise: 129_950 });
    const { awb, courierShipmentId } = await adapter.book(courier.call, booking);
    expect(awb).toMatch(/^1423\d{11}$/);
    expect(courierShipmentId).toBeTruthy();
    expect(lastRequest('/api/users/login').json).toEqual({ email: account.email, password: account.password });
    const sent = lastRequest('/api/shipments2');
    expect(sent.headers.authorization).toMatch(/^Bearer [\w-]{32}$/);
    expect(sent.json).toMatchObject({
      order_number: booking.reference,
      unique_order_number: 'yes',
      payment_type: 'cod',
      order_amount: 1499,
      collectable_amount: 1299.5,
      package_weight: 800,
      package_length: 20,
      courier_id: '6',
      consignee: { name: 'Asha Rao', pincode: '400001', address_2: 'Flat 4B, Near Churchgate' },
      pickup: { warehouse_name: 'BLR-1', pincode: '560058', gst_number: '29AAFCC9980M1ZR' },
      order_items: [{ name: 'Cotton kurta', qty: '1', price: 1499, sku: 'KUR-01' }],
    });
  });

  it('reports Xpressbees’ own refusal text', async () => {
    const bad = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '4000' } });
    await expect(adapter.book(courier.call, bad)).rejects.toEqual(new CourierRejected('The consignee.pincode must be 6 digits.'));
  });

  it('reuses its token and logs in again only after Xpressbees revokes it', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const logins = courier.sim.auth.logins;
    await adapter.track(courier.call, [awb]);
    expect(courier.sim.auth.logins).toBe(logins);
    courier.sim.auth.revokeAll();
    expect((await adapter.track(courier.call, [awb])).has(awb)).toBe(true);
    expect(courier.sim.auth.logins).toBe(logins + 1);
  });

  it('sends an NDR edit as change_address and change_phone actions', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    await courier.sim.advance(awb, 5);
    const result = await adapter.ndrAction(courier.call, { awb, action: 'edit_details', details: { name: 'Asha R', address: '14 Marine Drive', phone: '9876500000' } });
    expect(result.accepted).toBe(true);
    expect(lastRequest('/api/ndr/create').json).toEqual([
      { awb, action: 'change_address', action_data: { name: 'Asha R', address_1: '14 Marine Drive', address_2: '' } },
      { awb, action: 'change_phone', action_data: { phone: '9876500000' } },
    ]);
  });

  it('manifests the AWBs to request their pickup', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const b = bookingFixture();
    await adapter.requestPickup(courier.call, { warehouse: b.pickup, pickupDate: '2026-11-23', pickupTime: '11:00', expectedPackageCount: 1, awbs: [awb] });
    expect(lastRequest('/api/shipments2/manifest').json).toEqual({ awbs: [awb] });
    expect((await adapter.track(courier.call, [awb])).get(awb)?.map((e) => e.status)).toEqual(['pickup_scheduled']);
  });

  it('prices each service at its Xpressbees courier id from the serviceability quote, in paise', async () => {
    const query = { originPincode: '560058', destinationPincode: '560001', paymentMode: 'cod' as const, weightGrams: 700, codAmountPaise: 250_000, lengthCm: 30, breadthCm: 20, heightCm: 10, declaredValuePaise: 300_000 };
    // Same city (zone A); 30 x 20 x 10 cm weighs 1.2 kg volumetric: three slabs. The COD fee is 2% of Rs 2,500.
    expect(await adapter.rates(courier.call, query)).toEqual([
      { service: 'surface', totalPaise: 14_600, freightPaise: 9600, codChargePaise: 5000, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: null },
      { service: 'express', totalPaise: 22_400, freightPaise: 17_400, codChargePaise: 5000, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: null },
    ]);
    expect(lastRequest('/api/courier/serviceability').json).toEqual({ origin: '560058', destination: '560001', payment_type: 'cod', order_amount: 2500, weight: 700, length: 30, breadth: 20, height: 10 });
    expect(lastRequest('/api/courier/serviceability').headers.authorization).toMatch(/^Bearer /);
  });

  it('reports a lane Xpressbees refuses as not serviceable with its message', async () => {
    const answer = await adapter.serviceability(courier.call, { originPincode: '560058', destinationPincode: '4000', paymentMode: 'prepaid', weightGrams: 500, codAmountPaise: 0 });
    expect(answer).toMatchObject({ serviceable: false, prepaid: false, cod: false, services: [], reason: 'The origin and destination must be 6 digit pincodes.' });
  });

  it('keeps a scan code it has no mapping for as an exception with the raw code and India time', () => {
    const secret = adapter.sandboxCredentials.webhookSecret;
    const rawBody = Buffer.from(JSON.stringify({ awb_number: '142300000000001', status_code: 'HOLD', status: 'Held at hub', event_time: '2026-11-21 14:05:00', location: 'Nagpur' }));
    const [event] = adapter.parseWebhook({ headers: { 'x-xpressbees-signature': hmacSha256(secret, rawBody) }, rawBody, credentials: adapter.sandboxCredentials });
    expect(event).toMatchObject({ awb: '142300000000001', status: 'exception', rawCode: 'HOLD', rawStatus: 'Held at hub', location: 'Nagpur' });
    expect(event.occurredAt.toISOString()).toBe('2026-11-21T08:35:00.000Z');
  });
});
