import { SmartShipSimulator } from '@shipcrowd/simulators';
import { CourierAuthFailed, CourierRejected, WebhookMalformed } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { testCourierCall } from '../../../testing/courier-call';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { hmacSha256 } from '../shared/wire';
import { SMARTSHIP_SIGNATURE_HEADER, SmartShipAdapter } from './smartship.adapter';
import { oauthBaseOf } from './smartship.payloads';

const adapter = new SmartShipAdapter();
const credentials = adapter.sandboxCredentials;

describeCourierContract({ adapter, simulator: () => new SmartShipSimulator(credentials) });

describe('SmartShip wire details', () => {
  const courier = useSimulatedCourier(adapter, () => new SmartShipSimulator(credentials));
  const sent = (path: string) => courier.server.requestsTo('smartship').filter((r) => r.path === path);
  const signed = (payload: unknown) => {
    const rawBody = Buffer.from(JSON.stringify(payload));
    return { headers: { [SMARTSHIP_SIGNATURE_HEADER]: hmacSha256(credentials.webhookSecret, rawBody) }, rawBody, credentials };
  };

  it('logs in with the OAuth password grant and books in grams and rupees under the reference', async () => {
    const booking = bookingFixture({ service: 'express', paymentMode: 'cod', codAmountPaise: 149_900 });
    const result = await adapter.book(courier.call, booking);
    expect(sent('/loginToken.php')[0].json).toEqual({
      username: credentials.username,
      password: credentials.password,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: 'password',
    });
    const registration = sent('/v2/app/Fulfillmentservice/orderRegistrationOneStep').at(-1)!;
    expect(registration.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(registration.json).toMatchObject({
      request_info: { client_id: credentials.clientId, run_type: 'create', shipment_type: 1 },
      orders: [
        {
          client_order_reference_id: booking.reference,
          payment_type: 'cod',
          order_collectable_amount: 1499,
          total_order_value: 1499,
          package_order_weight: '800',
          package_order_width: '15',
          shipper_hub_id: 'BLR-1',
          order_meta: { preferred_carriers: [282] },
          consignee_details: { consignee_pincode: '400001', consignee_complete_address: '12 Marine Drive, Flat 4B, Near Churchgate, Mumbai, Maharashtra' },
        },
      ],
    });
    expect(result).toMatchObject({ sortCode: 'BOM/400', courierShipmentId: `SS${result.awb.slice(-7)}` });
  });

  it('answers a repeated reference with the AWB SmartShip already holds', async () => {
    const booking = bookingFixture();
    const first = await adapter.book(courier.call, booking);
    expect((await adapter.book(courier.call, booking)).awb).toBe(first.awb);
  });

  it('passes data discrepancies and NSS refusals on as CourierRejected with SmartShip’s words', async () => {
    const nowhere = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '000000' } });
    await expect(adapter.book(courier.call, nowhere)).rejects.toThrow('Pincode not serviceable');
    await expect(adapter.book(courier.call, bookingFixture({ paymentMode: 'cod', codAmountPaise: 0 }))).rejects.toThrow('order_collectable_amount is required for cod orders');
  });

  it('logs in again when SmartShip revokes the token, or reports it dead as status "403"', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const logins = sent('/loginToken.php').length;
    courier.sim.tokens.revokeAll();
    expect((await adapter.track(courier.call, [awb])).get(awb)?.length).toBeGreaterThan(0);
    courier.server.failNext(1, { status: 200, body: { status: '403', code: 403, message: 'Token expired' } });
    expect((await adapter.track(courier.call, [awb])).has(awb)).toBe(true);
    expect(sent('/loginToken.php').length).toBe(logins + 2);
  });

  it('refuses wrong client credentials at login as CourierAuthFailed', async () => {
    const wrong = testCourierCall(courier.call.baseUrl, { ...credentials, clientSecret: 'nope' }, 'smartship-wrong-secret');
    await expect(adapter.book(wrong, bookingFixture())).rejects.toThrow(CourierAuthFailed);
    await expect(adapter.book(wrong, bookingFixture())).rejects.toThrow('The client credentials are invalid');
    wrong.http.shutdown();
    wrong.httpNoRetry.shutdown();
  });

  it('maps reason-coded NDR scans, keeps unknown codes as exception, reads YYYY-MM-DD HH:mm:ss India times', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    await courier.sim.advance(awb, 5);
    const anHourOn = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    courier.sim.book.get(awb)!.scans.push({ step: 'in_transit', code: '999', text: 'Weight Discrepancy Hold', location: 'Mumbai DC', at: anHourOn, reason: null });
    const events = (await adapter.track(courier.call, [awb])).get(awb)!;
    expect(events.find((e) => e.status === 'ndr')).toMatchObject({ rawCode: '15', ndrReason: 'Delivery Attempted-Customer Not Available/Contactable' });
    expect(events.at(-1)).toMatchObject({ status: 'exception', rawCode: '999', rawStatus: 'Weight Discrepancy Hold', occurredAt: anHourOn });
  });

  it('cancels and manifests by the reference it reads back from Trackorder', async () => {
    const booking = bookingFixture();
    const { awb } = await adapter.book(courier.call, booking);
    const pickup = await adapter.requestPickup(courier.call, { warehouse: booking.pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [awb] });
    expect(sent('/v2/app/Fulfillmentservice/createManifest').at(-1)!.json).toEqual({ client_order_reference_ids: [booking.reference], preferred_pickup_date: '2026-11-23', shipment_type: 1 });
    expect(pickup.scheduledFor).toBe('2026-11-23T08:30:00.000Z');
    expect(await adapter.cancel(courier.call, awb)).toMatchObject({ cancelled: true });
    expect(sent('/v2/app/Fulfillmentservice/orderCancellation').at(-1)!.json).toEqual({ request_info: {}, orders: { client_order_reference_ids: [booking.reference] } });
    expect(await adapter.cancel(courier.call, awb)).toEqual({ cancelled: false, message: 'Already Cancelled.' });
    await expect(adapter.cancel(courier.call, '77149999999')).rejects.toBeInstanceOf(CourierRejected);
  });

  it('asks for RTO with action_id 2 and reports a refused NDR action as not accepted', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture({ reference: `SC-NDR-${Date.now()}` }));
    expect(await adapter.ndrAction(courier.call, { awb, action: 'rto' })).toMatchObject({ accepted: false, message: 'Order is not in an undelivered state' });
    await courier.sim.advance(awb, 5);
    expect(await adapter.ndrAction(courier.call, { awb, action: 'rto' })).toMatchObject({ accepted: true, message: 'RTO requested' });
    expect(sent('/v2/app/Fulfillmentservice/orderReattempt').at(-1)!.json).toMatchObject({ orders: [{ action_id: '2', next_attempt_date: '' }] });
    await courier.sim.advance(awb, 50);
    expect((await adapter.track(courier.call, [awb])).get(awb)!.at(-1)!.status).toBe('rto_delivered');
  });

  it('parses a signed push, keeps an unknown status raw and refuses a push without awbno', () => {
    const push = { awbno: '77140000001', status: 214, status_description: 'Delivery Attempted-Refused by Customer with OTP', location: 'Mumbai DC', statusUpdateDate: '2026-11-21 14:05:00' };
    expect(adapter.parseWebhook(signed(push))).toEqual([
      expect.objectContaining({ awb: '77140000001', status: 'ndr', rawCode: '214', ndrReason: push.status_description, occurredAt: new Date('2026-11-21T08:35:00Z') }),
    ]);
    expect(adapter.parseWebhook(signed({ ...push, status: 777 }))[0]).toMatchObject({ status: 'exception', rawCode: '777' });
    expect(() => adapter.parseWebhook(signed({ status: 11, statusUpdateDate: '2026-11-21 14:05:00' }))).toThrow(WebhookMalformed);
  });

  const hubWise = () => sent('/v2/app/Fulfillmentservice/ServiceabilityHubWise');
  const lane = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid' as const, weightGrams: 1200, codAmountPaise: 0 };

  it('prices the surface and air carriers from ServiceabilityHubWise with cost_info, GST broken out, rupees to paise', async () => {
    const rates = await adapter.rates(courier.call, { ...lane, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 149_900 });
    expect(hubWise().at(-1)!.json).toEqual({
      request_info: { extra_info: true, cost_info: true },
      order_info: { source_pincode: '560058', destination_pincode: '400001', order_weight: '1200', order_value: 1499, payment_type: 'prepaid', length: '20', width: '15', height: '10', shipment_type: 'forward', preferred_carriers: [279, 282] },
    });
    // Metro to metro (x1.3), three 500 g slabs at Rs 34 / Rs 60, plus 18% GST.
    expect(rates).toEqual([
      { service: 'surface', totalPaise: 15_647, freightPaise: 13_260, codChargePaise: 0, gstPaise: 2387, chargeableWeightGrams: 1500, expectedTransitDays: 3 },
      { service: 'express', totalPaise: 27_612, freightPaise: 23_400, codChargePaise: 0, gstPaise: 4212, chargeableWeightGrams: 1500, expectedTransitDays: 2 },
    ]);

    const cod = await adapter.rates(courier.call, { ...lane, paymentMode: 'cod', codAmountPaise: 250_000, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 300_000, service: 'express' });
    expect(hubWise().at(-1)!.json).toMatchObject({ order_info: { payment_type: 'cod', order_value: 2500, preferred_carriers: [282] } });
    expect(cod).toEqual([expect.objectContaining({ service: 'express', totalPaise: 33_512, freightPaise: 23_400, codChargePaise: 5000, gstPaise: 5112 })]);
    expect(await adapter.rates(courier.call, { ...lane, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 149_900, service: 'ptl' })).toEqual([]);
    await expect(adapter.rates(courier.call, { ...lane, destinationPincode: '000000', lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 149_900 })).rejects.toThrow(new CourierRejected('Pincode not serviceable'));
  });

  it('checks a lane for prepaid and COD without costs, a return lane as shipment_type return, and words a refusal SmartShip’s way', async () => {
    const before = hubWise().length;
    expect(await adapter.serviceability(courier.call, { ...lane, reverse: true })).toEqual({
      serviceable: true, prepaid: true, cod: true, pickup: true, reverse: true, oda: false, services: ['surface', 'express'], expectedTransitDays: 2, reason: null,
    });
    const asked = hubWise().slice(before).map((r) => (r.json as { request_info: unknown; order_info: Record<string, unknown> }));
    expect(asked.map((body) => body.order_info.payment_type).sort()).toEqual(['cod', 'prepaid']);
    expect(asked.every((body) => body.order_info.shipment_type === 'return' && (body.request_info as { cost_info: boolean }).cost_info === false)).toBe(true);

    expect(await adapter.serviceability(courier.call, { ...lane, destinationPincode: '000000' })).toMatchObject({ serviceable: false, reverse: false, services: [], reason: 'Pincode not serviceable' });
  });

  it('finds the OAuth host beside the API host', () => {
    expect(oauthBaseOf('https://api.smartship.in')).toBe('https://oauth.smartship.in');
    expect(oauthBaseOf('http://127.0.0.1:4000/smartship')).toBe('http://127.0.0.1:4000/smartship');
  });
});
