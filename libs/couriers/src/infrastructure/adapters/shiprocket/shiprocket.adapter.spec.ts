import { ShiprocketSimulator } from '@shipcrowd/simulators';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { describeCourierContract } from '../../../testing/courier-contract';
import { bookingFor, describeTokenWebhookContract, useSimulatedCourier, withoutSignedWebhookCheck } from '../shared/courier-spec-support';
import { ShiprocketAdapter } from './shiprocket.adapter';

const adapter = new ShiprocketAdapter(() => new Date('2026-11-21T06:30:00Z'));
const simulator = () => new ShiprocketSimulator({ email: adapter.sandboxCredentials.email, password: adapter.sandboxCredentials.password });
const booking = bookingFor('surface');

describeCourierContract({ adapter: withoutSignedWebhookCheck(adapter), simulator });
describeTokenWebhookContract({ adapter, simulator, booking, tokenHeader: 'x-api-key' });

describe('Shiprocket adapter on the wire', () => {
  const courier = useSimulatedCourier(adapter, simulator);
  const requests = (method: string, path: string) => courier.server.requestsTo('shiprocket').filter((r) => r.method === method && r.path.startsWith(path));
  const push = (over: Record<string, unknown>) =>
    adapter.parseWebhook({
      headers: { 'x-api-key': adapter.sandboxCredentials.webhookSecret },
      rawBody: Buffer.from(JSON.stringify({ awb: 141000000001, current_status: 'IN TRANSIT', current_status_id: 18, current_timestamp: '23 11 2026 18:05:09', scans: [], ...over })),
      credentials: adapter.sandboxCredentials,
    })[0];

  it('logs in once per account, sends the bearer token, and logs in again once when the token stops working', async () => {
    const { awb } = await adapter.book(courier.call, booking());
    await adapter.track(courier.call, [awb]);
    expect(requests('POST', '/v1/external/auth/login')).toHaveLength(1);
    expect(requests('POST', '/v1/external/auth/login')[0].json).toEqual({ email: adapter.sandboxCredentials.email, password: adapter.sandboxCredentials.password });
    expect(requests('GET', '/v1/external/courier/track/awb/').at(-1)!.headers.authorization).toMatch(/^Bearer eyJ/);
    courier.sim.expireTokens();
    expect((await adapter.track(courier.call, [awb])).has(awb)).toBe(true);
    expect(requests('POST', '/v1/external/auth/login')).toHaveLength(2);
  });

  it('creates the adhoc order in kg, cm and rupees with the reference as order_id, then assigns an AWB on a courier of the right mode', async () => {
    const cod = await adapter.book(courier.call, booking({ reference: 'SC-SR-COD-1', paymentMode: 'cod', codAmountPaise: 100_000 }));
    const order = requests('POST', '/v1/external/orders/create/adhoc').at(-1)!.json as Record<string, unknown>;
    expect(order).toMatchObject({ order_id: 'SC-SR-COD-1', order_date: '2026-11-21 12:00', pickup_location: 'BLR-1', billing_customer_name: 'Asha', billing_last_name: 'Rao', billing_pincode: '400001' });
    expect(order).toMatchObject({ payment_method: 'COD', sub_total: 1499, total_discount: 499, weight: 0.8, length: 20, breadth: 15, height: 10 });
    expect(order.order_items).toEqual([{ name: 'Cotton kurta', sku: 'KUR-01', units: 1, selling_price: 1499, discount: '', tax: '', hsn: '6211' }]);
    const serviceability = requests('GET', '/v1/external/courier/serviceability').at(-1)!;
    expect(serviceability.query).toMatchObject({ pickup_postcode: '560058', delivery_postcode: '400001', weight: '0.8', cod: '1' });
    const assign = requests('POST', '/v1/external/courier/assign/awb').at(-1)!.json as { shipment_id: number; courier_id: number };
    expect(assign.courier_id).toBe(14);
    expect(cod).toEqual({ awb: expect.stringMatching(/^1410\d{10}$/), childAwbs: [], sortCode: 'MA/400', courierShipmentId: String(assign.shipment_id) });

    await adapter.book(courier.call, booking({ service: 'express' }));
    expect((requests('POST', '/v1/external/courier/assign/awb').at(-1)!.json as { courier_id: number }).courier_id).toBe(6);
  });

  it('passes on Shiprocket’s field errors', async () => {
    const bad = booking({ consignee: { ...booking().consignee, phone: '12345' } });
    await expect(adapter.book(courier.call, bad)).rejects.toThrow(new CourierRejected('Oops! Invalid Data.: The billing phone must be 10 digits.'));
  });

  it('tracks oldest first although Shiprocket lists activities newest first, with the sr-status as raw code', async () => {
    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-SR-NDR-1' }));
    await courier.sim.advance(awb, 5);
    const events = (await adapter.track(courier.call, [awb, '14109999999999'])).get(awb)!;
    expect(events.map((e) => [e.rawCode, e.rawStatus, e.status])).toEqual([
      ['5', 'MANIFEST GENERATED', 'manifested'],
      ['42', 'PICKED UP', 'picked_up'],
      ['18', 'IN TRANSIT', 'in_transit'],
      ['17', 'OUT FOR DELIVERY', 'out_for_delivery'],
      ['21', 'UNDELIVERED', 'ndr'],
    ]);
    expect(events[4]).toMatchObject({ ndrReason: 'Consignee unavailable', location: 'Mumbai Delivery Centre' });
  });

  it('requests the pickup and the manifest for the AWBs’ shipments; a second pickup is refused', async () => {
    const { awb, courierShipmentId } = await adapter.book(courier.call, booking());
    const request = { warehouse: booking().pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [awb] };
    const pickup = await adapter.requestPickup!(courier.call, request);
    expect(requests('POST', '/v1/external/courier/generate/pickup').at(-1)!.json).toEqual({ shipment_id: [Number(courierShipmentId)], pickup_date: ['2026-11-23'] });
    expect(requests('POST', '/v1/external/manifests/generate').at(-1)!.json).toEqual({ shipment_id: [Number(courierShipmentId)] });
    expect(pickup).toEqual({ pickupId: expect.stringMatching(/^Reference No: /), scheduledFor: '2026-11-23T06:30:00.000Z' });
    await expect(adapter.requestPickup!(courier.call, request)).rejects.toThrow('Already in Pickup Queue.');
  });

  it('cancels by Shiprocket order id and sends NDR actions as re-attempt / return only', async () => {
    const cancelled = await adapter.book(courier.call, booking());
    expect(await adapter.cancel!(courier.call, cancelled.awb)).toEqual({ cancelled: true, message: 'Order cancelled successfully.' });
    expect((requests('POST', '/v1/external/orders/cancel').at(-1)!.json as { ids: number[] }).ids).toHaveLength(1);

    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-SR-NDR-RTO-2' }));
    await expect(adapter.ndrAction!(courier.call, { awb, action: 'rto' })).rejects.toThrow('No NDR is pending for this AWB');
    await courier.sim.advance(awb, 5);
    expect(await adapter.ndrAction!(courier.call, { awb, action: 'rto' })).toEqual({ accepted: true, requestId: null, message: 'Action return submitted successfully' });
    expect(requests('POST', `/v1/external/ndr/${awb}/action`).at(-1)!.json).toEqual({ action: 'return', comments: 'Return to origin requested' });
    await expect(adapter.ndrAction!(courier.call, { awb, action: 'defer', date: '2026-11-25' })).rejects.toBeInstanceOf(CourierRejected);
  });

  const lane = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid' as const, weightGrams: 500, codAmountPaise: 0 };

  it('checks a lane with the serviceability call in kg, reading modes, COD, pickup and the fastest estimate from the couriers listed', async () => {
    expect(await adapter.serviceability!(courier.call, lane)).toEqual({
      serviceable: true, prepaid: true, cod: true, pickup: true, reverse: false, oda: false, services: ['surface', 'express'], expectedTransitDays: 2, reason: null,
    });
    expect(requests('GET', '/v1/external/courier/serviceability').at(-1)!.query).toEqual({ pickup_postcode: '560058', delivery_postcode: '400001', weight: '0.5', cod: '0' });

    expect(await adapter.serviceability!(courier.call, { ...lane, reverse: true })).toMatchObject({ serviceable: true, reverse: true });
    expect(requests('GET', '/v1/external/courier/serviceability').at(-1)!.query).toMatchObject({ is_return: '1' });
  });

  it('answers Shiprocket’s 404 for a pincode pair nobody serves as not serviceable, with its message', async () => {
    expect(await adapter.serviceability!(courier.call, { ...lane, destinationPincode: '000000' })).toEqual({
      serviceable: false, prepaid: false, cod: false, pickup: false, reverse: false, oda: false, services: [], expectedTransitDays: null, reason: 'Delivery postcode 000000 is not serviceable from 560058',
    });
  });

  it('prices each service at the courier a booking would take (the recommendation over a cheaper one), rupees and kg converted', async () => {
    const query = { ...lane, weightGrams: 1200, lengthCm: 20, breadthCm: 15, heightCm: 10, declaredValuePaise: 149_900 };
    // Zone C (metro to metro, x1.3), three 500 g slabs: Xpressbees Surface (recommended) Rs 31, Bluedart Air Rs 56 a slab.
    expect(await adapter.rates!(courier.call, query)).toEqual([
      { service: 'surface', totalPaise: 12_090, freightPaise: 12_090, codChargePaise: 0, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: 3 },
      { service: 'express', totalPaise: 21_840, freightPaise: 21_840, codChargePaise: 0, gstPaise: null, chargeableWeightGrams: 1500, expectedTransitDays: 2 },
    ]);
    expect(requests('GET', '/v1/external/courier/serviceability').at(-1)!.query).toEqual({ pickup_postcode: '560058', delivery_postcode: '400001', weight: '1.2', cod: '0', declared_value: '1499', length: '20', breadth: '15', height: '10' });

    const cod = await adapter.rates!(courier.call, { ...query, paymentMode: 'cod', codAmountPaise: 250_000, service: 'surface' });
    expect(requests('GET', '/v1/external/courier/serviceability').at(-1)!.query).toMatchObject({ cod: '1', declared_value: '2500' });
    expect(cod).toEqual([expect.objectContaining({ service: 'surface', totalPaise: 17_090, freightPaise: 12_090, codChargePaise: 5000 })]);
    expect(await adapter.rates!(courier.call, { ...query, service: 'ptl' })).toEqual([]);
  });

  it('generates the label for the AWB’s shipment and fetches the PDF from the link without credentials; a cancelled shipment gets none', async () => {
    const { awb, courierShipmentId } = await adapter.book(courier.call, booking());
    const pdf = await adapter.courierLabel!(courier.call, awb);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`AWB ${awb}`);
    expect(requests('POST', '/v1/external/courier/generate/label').at(-1)!.json).toEqual({ shipment_id: [Number(courierShipmentId)] });
    const download = requests('GET', '/label-files/').at(-1)!;
    expect(download.headers.authorization).toBeUndefined();

    const cancelled = await adapter.book(courier.call, booking());
    await adapter.cancel!(courier.call, cancelled.awb);
    await expect(adapter.courierLabel!(courier.call, cancelled.awb)).rejects.toThrow(new CourierRejected('Label could not be generated: no AWB is assigned to these shipments'));
  });

  it('reads one event per push, the current status; unknown status ids become exception with the id kept', () => {
    expect(push({})).toMatchObject({ awb: '141000000001', status: 'in_transit', rawCode: '18', rawStatus: 'IN TRANSIT', occurredAt: new Date('2026-11-23T12:35:09Z') });
    expect(push({ current_status_id: 999, current_status: 'SOMETHING NEW' })).toMatchObject({ status: 'exception', rawCode: '999', rawStatus: 'SOMETHING NEW' });
    expect(push({ current_status_id: 21, current_status: 'UNDELIVERED', scans: [{ activity: 'Door locked', location: 'Andheri' }] })).toMatchObject({ status: 'ndr', ndrReason: 'Door locked', location: 'Andheri' });
  });
});
