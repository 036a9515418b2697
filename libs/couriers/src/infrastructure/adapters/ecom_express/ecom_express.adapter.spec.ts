import type { ResilientHttp } from '@shipcrowd/platform';
import { EcomExpressSimulator } from '@shipcrowd/simulators';
import { CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { hmacSha256 } from '../shared/wire';
import { EcomExpressAdapter } from './ecom_express.adapter';

const adapter = new EcomExpressAdapter();
const account = { username: adapter.sandboxCredentials.username, password: adapter.sandboxCredentials.password };

describeCourierContract({ adapter, simulator: () => new EcomExpressSimulator(account) });

describe('Ecom Express wire protocol', () => {
  const courier = useSimulatedCourier(adapter, () => new EcomExpressSimulator(account));

  const form = (path: string) => courier.server.requestsTo('ecom-express').filter((r) => r.path === path).at(-1)!.fields;
  const signed = (body: object, timestamp: number, secret = adapter.sandboxCredentials.webhookSecret) => {
    const rawBody = Buffer.from(JSON.stringify(body));
    return { headers: { 'x-ecom-timestamp': String(timestamp), 'x-ecom-signature': hmacSha256(secret, `${timestamp}.${rawBody}`) }, rawBody, credentials: adapter.sandboxCredentials };
  };

  it('allots a COD AWB, then manifests the shipment on it in kg and rupees, credentials on every call', async () => {
    const booking = bookingFixture({ service: 'express', paymentMode: 'cod', codAmountPaise: 120_000 });
    const { awb } = await adapter.book(courier.call, booking);
    expect(awb).toMatch(/^106\d{7}$/);
    expect(form('/apiv2/fetch_awb/')).toEqual({ ...account, count: '1', type: 'COD' });
    const manifest = form('/apiv2/manifest_awb/');
    expect(manifest).toMatchObject(account);
    expect(JSON.parse(manifest.json_input)).toEqual([
      expect.objectContaining({ AWB_NUMBER: awb, ORDER_NUMBER: booking.reference, PRODUCT: 'COD', COLLECTABLE_VALUE: 1200, DECLARED_VALUE: 1499, ACTUAL_WEIGHT: 0.8, VOLUMETRIC_WEIGHT: 0.6, PINCODE: '400001', PICKUP_PINCODE: '560058', ADDONSERVICE: ['NDD'] }),
    ]);
  });

  it('reports the manifest refusal reason Ecom gives', async () => {
    const bad = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '4000011' } });
    await expect(adapter.book(courier.call, bad)).rejects.toEqual(new CourierRejected('INCORRECT_PINCODE'));
  });

  it('reads the track_me XML for several AWBs at once, oldest scan first, in India time', async () => {
    const first = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    const second = await adapter.book(courier.call, bookingFixture());
    await courier.sim.advance(first.awb, 5);
    const tracked = await adapter.track(courier.call, [first.awb, second.awb, '1069999999']);
    expect(form('/track_me/api/mawbd/').awb).toBe(`${first.awb},${second.awb},1069999999`);
    expect([...tracked.keys()]).toEqual([first.awb, second.awb]);
    expect(tracked.get(second.awb)).toEqual([]);
    const events = tracked.get(first.awb)!;
    expect(events.map((e) => e.rawCode)).toEqual(['77', '0011', '002', '006', '219']);
    expect(events[4]).toMatchObject({ status: 'ndr', rawStatus: 'Undelivered', ndrReason: 'Consignee unavailable', remarks: '219 - Consignee unavailable', location: 'Mumbai Colaba DC' });
    // Scans are a minute apart from booking on; a wrong zone would be 5.5 hours out.
    expect(Math.abs(events[4].occurredAt.getTime() - Date.now())).toBeLessThan(15 * 60_000);
  });

  it('sends an address change as a RAD resolution with a DD-MM-YYYY date, and an RTO instruction', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    await courier.sim.advance(awb, 5);
    const edit = await adapter.ndrAction(courier.call, { awb, action: 'edit_details', date: '2026-11-24', details: { address: '14 Marine Drive', phone: '9876500000' } });
    expect(edit).toEqual({ accepted: true, requestId: null, message: null });
    expect(JSON.parse(form('/apiv2/ndr_resolutions/').json_input)).toEqual([
      { awb, instruction: 'RAD', comments: '', scheduled_delivery_date: '24-11-2026', scheduled_delivery_slot: '1', consignee_address: { CA1: '14 Marine Drive', CA2: '', CA3: '', CA4: '' }, mobile: '9876500000' },
    ]);
    await adapter.ndrAction(courier.call, { awb, action: 'rto', remarks: 'Buyer refused' });
    expect(JSON.parse(form('/apiv2/ndr_resolutions/').json_input)).toEqual([{ awb, instruction: 'RTO', comments: 'Buyer refused' }]);
  });

  it('answers an NDR action on a parcel not in NDR with Ecom’s error', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    expect(await adapter.ndrAction(courier.call, { awb, action: 're_attempt', date: '2026-11-24' })).toEqual({ accepted: false, requestId: null, message: 'Shipment is not in an undelivered state' });
  });

  it('prices the standard service with the rate calculator: Ecom’s `orginPincode`, chargeable kg, rupees; exact paise back', async () => {
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 1200, codAmountPaise: 120_000, lengthCm: 30, breadthCm: 20, heightCm: 20, declaredValuePaise: 149_900 };
    const [rate] = await adapter.rates!(courier.call, query);
    const sent = form('/services/rateCalculatorAPI/');
    expect(sent).toMatchObject(account);
    expect(JSON.parse(sent.json_input)).toEqual([{ orginPincode: '560058', destinationPincode: '400001', productType: 'cod', chargeableWeight: 2.4, codAmount: 1200 }]);
    const raw = await fetch(`${courier.call.baseUrl}/services/rateCalculatorAPI/`, { method: 'POST', body: new URLSearchParams(sent) });
    const [{ chargesBreakup: charges }] = (await raw.json()) as { chargesBreakup: Record<string, number> }[];
    const paise = (rupees: number) => Math.round(rupees * 100);
    expect(rate).toEqual({
      service: 'surface',
      totalPaise: paise(charges.total_charge),
      freightPaise: paise(charges.FRT) + paise(charges.FUEL),
      codChargePaise: paise(charges.COD),
      gstPaise: paise(charges.GST),
      chargeableWeightGrams: null,
      expectedTransitDays: null,
    });
    await expect(adapter.rates!(courier.call, { ...query, service: 'express' })).rejects.toBeInstanceOf(CourierRejected);
    await expect(adapter.rates!(courier.call, { ...query, destinationPincode: '000000' })).rejects.toThrow(new CourierRejected('Destination pincode 000000 is not serviceable'));
  });

  it('asks the rate calculator on its own host when talking to the live API', async () => {
    const urls: string[] = [];
    const answer = [{ success: true, errors: [], chargesBreakup: { FRT: 51.3, FUEL: 6.16, COD: 0, GST: 10.34, total_charge: 67.8 } }];
    const http = { request: async (url: string) => (urls.push(url), { status: 200, headers: new Headers(), body: answer }) } as unknown as ResilientHttp;
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid' as const, weightGrams: 500, codAmountPaise: 0, lengthCm: 10, breadthCm: 10, heightCm: 10, declaredValuePaise: 49_900 };
    const [rate] = await adapter.rates!({ baseUrl: adapter.liveBaseUrl, credentials: adapter.sandboxCredentials, http, httpNoRetry: http }, query);
    expect(urls).toEqual(['https://ratecard.ecomexpress.in/services/rateCalculatorAPI/']);
    expect(rate).toMatchObject({ totalPaise: 6780, freightPaise: 5746, codChargePaise: 0, gstPaise: 1034 });
  });

  it('keeps an unmapped reason code as an exception and refuses a replayed webhook', () => {
    const now = Math.floor(Date.now() / 1000);
    const scan = { awb: '1060000001', reason_code_number: '1500', reason_code: '1500 - Held at gateway', status: 'Held', location: 'Nagpur', datetime: '2026-11-21 14:05:00' };
    expect(adapter.parseWebhook(signed(scan, now))).toEqual([expect.objectContaining({ status: 'exception', rawCode: '1500', rawStatus: 'Held', location: 'Nagpur', occurredAt: new Date('2026-11-21T08:35:00Z') })]);
    expect(() => adapter.parseWebhook(signed(scan, now - 3600))).toThrow(WebhookUnauthenticated);
    expect(() => new EcomExpressAdapter(() => Date.now() + 3_600_000).parseWebhook(signed(scan, now))).toThrow(WebhookUnauthenticated);
  });
});
