import type { ResilientHttp } from '@shipcrowd/platform';
import { DtdcSimulator } from '@shipcrowd/simulators';
import { CourierAuthFailed, CourierRejected } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { DtdcAdapter } from './dtdc.adapter';

const adapter = new DtdcAdapter();
const account = { ...adapter.sandboxCredentials };

describeCourierContract({ adapter, simulator: () => new DtdcSimulator(account) });

describe('DTDC wire protocol', () => {
  const courier = useSimulatedCourier(adapter, () => new DtdcSimulator(account));

  const last = (path: string) => courier.server.requestsTo('dtdc').filter((r) => r.path === path).at(-1)!;

  it('uploads softdata with the api-key, in kg and rupees, keyed on the reference', async () => {
    const booking = bookingFixture({ service: 'express', paymentMode: 'cod', codAmountPaise: 149_900 });
    const { awb } = await adapter.book(courier.call, booking);
    expect(awb).toMatch(/^D1\d{9}$/);
    const sent = last('/api/customer/integration/consignment/softdata');
    expect(sent.headers['api-key']).toBe(account.apiKey);
    const [consignment] = (sent.json as { consignments: Record<string, unknown>[] }).consignments;
    expect(consignment).toMatchObject({
      customer_code: 'GL0001',
      service_type_id: 'B2C PRIORITY',
      consignment_type: 'forward',
      weight_unit: 'kg',
      weight: '0.8',
      dimension_unit: 'cm',
      length: '20',
      declared_value: 1499,
      num_pieces: '1',
      cod_collection_mode: 'cash',
      cod_amount: '1499',
      customer_reference_number: booking.reference,
      origin_details: { pincode: '560058', city: 'Bengaluru' },
      destination_details: { name: 'Asha Rao', pincode: '400001', address_line_2: 'Flat 4B, Near Churchgate' },
    });
  });

  it('books a reverse pickup from the buyer to the warehouse', async () => {
    await adapter.book(courier.call, bookingFixture({ reverse: true }));
    const [consignment] = (last('/api/customer/integration/consignment/softdata').json as { consignments: Record<string, unknown>[] }).consignments;
    expect(consignment).toMatchObject({ consignment_type: 'reverse', origin_details: { pincode: '400001' }, destination_details: { pincode: '560058' } });
  });

  it('reports Shipsy’s refusal reason and message', async () => {
    const bad = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '40001' } });
    await expect(adapter.book(courier.call, bad)).rejects.toMatchObject({ name: 'CourierRejected', message: 'destination_details.pincode must be a 6 digit pincode', courierCode: 'INVALID_PINCODE' });
  });

  it('tracks through DTDC’s own login, reusing the X-Access-Token until it is revoked', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    await courier.sim.advance(awb, 5);
    await adapter.track(courier.call, [awb]);
    const logins = courier.sim.trackingAuth.logins;
    const events = (await adapter.track(courier.call, [awb])).get(awb)!;
    expect(courier.sim.trackingAuth.logins).toBe(logins);
    expect(last('/dtdc-api/rest/JSONCnTrk/getTrackDetails').json).toEqual({ trkType: 'cnno', strcnno: awb, addtnlDtl: 'Y' });
    expect(events.at(-1)).toMatchObject({ status: 'ndr', rawCode: 'NONDLV', rawStatus: 'Not Delivered', ndrReason: 'Consignee unavailable' });
    expect(Math.abs(events[0].occurredAt.getTime() - Date.now())).toBeLessThan(120_000);
    courier.sim.trackingAuth.revokeAll();
    expect((await adapter.track(courier.call, [awb])).get(awb)).toHaveLength(5);
    expect(courier.sim.trackingAuth.logins).toBe(logins + 1);
  });

  it('keeps a strCode it has no mapping for as an exception, and leaves out unknown AWBs', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    courier.sim.parcels.get(awb)!.scans.push({ step: 'in_transit', code: 'MISROUTE', text: 'Misrouted', location: 'Pune Hub', at: new Date(), reason: null });
    const tracked = await adapter.track(courier.call, [awb, 'D1999999999']);
    expect([...tracked.keys()]).toEqual([awb]);
    expect(tracked.get(awb)).toEqual([expect.objectContaining({ status: 'exception', rawCode: 'MISROUTE', rawStatus: 'Misrouted', location: 'Pune Hub' })]);
  });

  it('refuses a cancellation after pickup with DTDC’s reason', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    await courier.sim.advance(awb, 2);
    await expect(adapter.cancel(courier.call, awb)).rejects.toEqual(new CourierRejected('Consignment cannot be cancelled after pickup'));
  });

  it('streams DTDC’s own 4x6 label from Shipsy with the api-key; unknown and cancelled consignments are refused in Shipsy’s words', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ paymentMode: 'cod', codAmountPaise: 149_900 }));
    const pdf = await adapter.courierLabel!(courier.call, awb);
    const sent = last('/api/customer/integration/consignment/shippinglabel/stream');
    expect(sent).toMatchObject({ method: 'GET', query: { reference_number: awb, label_code: 'SHIP_LABEL_4X6', label_format: 'pdf' } });
    expect(sent.headers['api-key']).toBe(account.apiKey);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`CN ${awb}`);
    await expect(adapter.courierLabel!(courier.call, 'D1999999999')).rejects.toThrow(new CourierRejected('Consignment D1999999999 not found'));
    await adapter.cancel(courier.call, awb);
    await expect(adapter.courierLabel!(courier.call, awb)).rejects.toThrow(new CourierRejected(`Consignment ${awb} is cancelled`));
  });

  it('logs in to tracking on DTDC’s tracking host when talking to the live Shipsy host', async () => {
    const urls: string[] = [];
    const http = { request: async (url: string) => (urls.push(url), { status: 401, headers: new Headers(), body: 'Invalid Username or Password' }) } as unknown as ResilientHttp;
    await expect(adapter.track({ baseUrl: adapter.liveBaseUrl, credentials: account, http, httpNoRetry: http }, ['D1000000001'])).rejects.toBeInstanceOf(CourierAuthFailed);
    expect(urls[0]).toMatch(/^https:\/\/blktracksvc\.dtdc\.com\/dtdc-api\/api\/dtdc\/authenticate\?username=GL0001_trk_json&password=/);
  });
});
