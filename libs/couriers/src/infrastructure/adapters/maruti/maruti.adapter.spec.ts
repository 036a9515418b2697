import { MarutiSimulator } from '@shipcrowd/simulators';
import { CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { MarutiAdapter } from './maruti.adapter';

const adapter = new MarutiAdapter();

describeCourierContract({ adapter, simulator: () => new MarutiSimulator(adapter.sandboxCredentials) });

describe('Shree Maruti (Delcaper) wire details', () => {
  const courier = useSimulatedCourier(adapter, () => new MarutiSimulator(adapter.sandboxCredentials));
  const sent = (path: string) => courier.server.requestsTo('maruti').filter((r) => r.path === path);
  const paise = (rupees: number) => Math.round(rupees * 100);
  /** The simulator's own answer to a body the adapter sent (with a fresh login), to check the adapter's reading of it. */
  const rawAnswer = async (path: string, body: string): Promise<{ data: unknown }> => {
    const login = await fetch(`${courier.call.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...adapter.sandboxCredentials, vendorType: 'SELLER' }) });
    const { data } = (await login.json()) as { data: { accessToken: string } };
    const answer = await fetch(`${courier.call.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${data.accessToken}`, 'content-type': 'application/json' }, body });
    return (await answer.json()) as { data: unknown };
  };

  it('logs in as a SELLER and pushes the order in grams and rupees under the reference', async () => {
    const booking = bookingFixture({ service: 'express', paymentMode: 'cod', codAmountPaise: 120_000 });
    const result = await adapter.book(courier.call, booking);
    expect(sent('/auth/login')[0].json).toEqual({ ...adapter.sandboxCredentials, vendorType: 'SELLER' });
    const push = sent('/fulfillment/public/seller/order/ecomm/push-order').at(-1)!;
    expect(push.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(push.json).toMatchObject({
      orderId: booking.reference,
      orderSubtype: 'FORWARD',
      amount: 1200,
      paymentType: 'COD',
      paymentStatus: 'PENDING',
      weight: 800,
      width: 15,
      deliveryPromise: 'AIR',
      lineItems: [{ name: 'Cotton kurta', quantity: 1, unitPrice: 1499, price: 1499, weight: 800 }],
      shippingAddress: { name: 'Asha Rao', address1: '12 Marine Drive', address2: 'Flat 4B, Near Churchgate', zip: '400001', country: 'India' },
      pickupAddress: { zip: '560058' },
    });
    expect(result.courierShipmentId).toBe(`SMC${result.awb.slice(-8)}`);
  });

  it('sends prepaid orders as ONLINE / PAID for the declared value', async () => {
    await adapter.book(courier.call, bookingFixture());
    expect(sent('/fulfillment/public/seller/order/ecomm/push-order').at(-1)!.json).toMatchObject({ amount: 1499, paymentType: 'ONLINE', paymentStatus: 'PAID', deliveryPromise: 'SURFACE' });
  });

  it('passes Delcaper’s 400 message on as CourierRejected', async () => {
    const nowhere = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '000000' } });
    await expect(adapter.book(courier.call, nowhere)).rejects.toThrow('Delivery pincode 000000 is not serviceable');
    const booking = bookingFixture();
    await adapter.book(courier.call, booking);
    await expect(adapter.book(courier.call, booking)).rejects.toThrow(`Order with orderId ${booking.reference} already exists`);
  });

  it('logs in again when Delcaper stops accepting the token', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const logins = sent('/auth/login').length;
    courier.sim.tokens.revokeAll();
    expect((await adapter.track(courier.call, [awb])).get(awb)![0]).toMatchObject({ status: 'booked', rawCode: 'NEW' });
    expect(sent('/auth/login').length).toBe(logins + 1);
  });

  it('keeps an unknown state as exception, reads zone-less ISO India times, skips unknown AWBs', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const anHourOn = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    courier.sim.book.get(awb)!.scans.push({ step: 'in_transit', code: 'MISROUTED', text: 'Shipment misrouted', location: 'Pune Hub', at: anHourOn, reason: null });
    const tracked = await adapter.track(courier.call, [awb, '589999999999']);
    expect(tracked.has('589999999999')).toBe(false);
    expect(tracked.get(awb)!.at(-1)).toMatchObject({ status: 'exception', rawCode: 'MISROUTED', remarks: 'Shipment misrouted', occurredAt: anHourOn });
  });

  it('cancels by the orderId read back from tracking, and reports a late cancel as refused', async () => {
    const booking = bookingFixture();
    const { awb } = await adapter.book(courier.call, booking);
    expect(await adapter.cancel(courier.call, awb)).toEqual({ cancelled: true, message: 'Order cancelled successfully' });
    expect(sent('/fulfillment/public/seller/order/cancel-order').at(-1)).toMatchObject({ method: 'PUT', json: { orderId: booking.reference, cancelReason: 'Cancelled by seller' } });
    const late = await adapter.book(courier.call, bookingFixture());
    await courier.sim.advance(late.awb, 2);
    expect(await adapter.cancel(courier.call, late.awb)).toEqual({ cancelled: false, message: 'Order cannot be cancelled in PICKED_UP state' });
    await expect(adapter.cancel(courier.call, '589999999999')).rejects.toBeInstanceOf(CourierRejected);
  });

  it('manifests AWBs for pickup and refuses AWBs Delcaper does not know', async () => {
    const booking = bookingFixture();
    const { awb } = await adapter.book(courier.call, booking);
    const pickup = await adapter.requestPickup(courier.call, { warehouse: booking.pickup, pickupDate: '2026-11-23', pickupTime: '11:30', expectedPackageCount: 1, awbs: [awb] });
    expect(sent('/fulfillment/public/seller/order/create-manifest').at(-1)!.json).toEqual({ awbNumber: [awb] });
    expect(pickup).toEqual({ pickupId: expect.stringMatching(/^MNF\d+$/), scheduledFor: '2026-11-23T06:00:00.000Z' });
    await expect(adapter.requestPickup(courier.call, { warehouse: booking.pickup, pickupDate: '2026-11-23', pickupTime: '11:30', expectedPackageCount: 1, awbs: ['589999999999'] })).rejects.toThrow('Invalid AWB numbers: 589999999999');
  });

  it('checks a lane for a payment type: promises as services, the surface estimate, Delcaper’s reason when not served', async () => {
    const path = '/fulfillment/public/seller/order/check-ecomm-order-serviceability';
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 500, codAmountPaise: 120_000 };
    const lane = await adapter.serviceability!(courier.call, query);
    const asked = sent(path).at(-1)!;
    expect(asked.json).toEqual({ fromPincode: '560058', toPincode: '400001', paymentType: 'COD', amount: 1200, weight: 500 });
    expect(asked.headers.authorization).toMatch(/^Bearer \S+$/);
    const { data } = (await rawAnswer(path, asked.rawBody)) as { data: { estimatedDays: { SURFACE: number } } };
    expect(lane).toEqual({ serviceable: true, prepaid: true, cod: true, pickup: true, reverse: false, oda: false, services: ['surface', 'express'], expectedTransitDays: data.estimatedDays.SURFACE, reason: null });
    courier.sim.prepaidOnlyPincodes.add('400002');
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '400002' })).toMatchObject({ serviceable: false, prepaid: true, cod: false, services: [], reason: 'COD is not available for delivery pincode 400002' });
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '400002', paymentMode: 'prepaid', codAmountPaise: 0 })).toMatchObject({ serviceable: true, cod: false });
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '000000' })).toMatchObject({ serviceable: false, prepaid: false, reason: 'Delivery pincode 000000 is not serviceable' });
  });

  it('prices each delivery promise from the rate card in grams, cm and rupees; paise back; one promise when a service is named', async () => {
    const path = '/fulfillment/public/seller/order/rate-card/calculate-rate/ecomm';
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 1200, codAmountPaise: 120_000, lengthCm: 30, breadthCm: 20, heightCm: 20, declaredValuePaise: 149_900 };
    const rates = await adapter.rates!(courier.call, query);
    const asked = sent(path).at(-1)!;
    expect(asked.json).toEqual({ fromPincode: '560058', toPincode: '400001', paymentType: 'COD', amount: 1200, weight: 1200, length: 30, width: 20, height: 20 });
    const { data } = (await rawAnswer(path, asked.rawBody)) as { data: Record<string, number>[] };
    expect(rates).toEqual(
      data.map((row, i) => ({
        service: ['surface', 'express'][i],
        totalPaise: paise(row.totalCharge),
        freightPaise: paise(row.freightCharge),
        codChargePaise: paise(row.codCharge),
        gstPaise: paise(row.gst),
        chargeableWeightGrams: row.chargeableWeight,
        expectedTransitDays: row.tat,
      })),
    );
    expect(await adapter.rates!(courier.call, { ...query, service: 'express', paymentMode: 'prepaid', codAmountPaise: 0 })).toEqual([expect.objectContaining({ service: 'express', codChargePaise: 0 })]);
    expect(sent(path).at(-1)!.json).toMatchObject({ paymentType: 'ONLINE', amount: 1499, deliveryPromise: 'AIR' });
    await expect(adapter.rates!(courier.call, { ...query, destinationPincode: '000000' })).rejects.toThrow(new CourierRejected('Delivery pincode 000000 is not serviceable'));
  });

  it('fetches Delcaper’s label from the label-invoice link (both AWB numbers asked; the link fetched without the token)', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const pdf = await adapter.courierLabel!(courier.call, awb);
    expect(sent('/fulfillment/public/seller/order/download/label-invoice').at(-1)!.query).toEqual({ awbNumber: awb, cAwbNumber: `C${awb}` });
    const download = courier.server.requestsTo('maruti').filter((r) => r.path.startsWith('/label-files/')).at(-1)!;
    expect(download.headers.authorization).toBeUndefined();
    expect(pdf.toString('latin1')).toContain(`AWB ${awb}`);
    await expect(adapter.courierLabel!(courier.call, '589999999999')).rejects.toThrow(new CourierRejected('Shree Maruti does not know AWB 589999999999'));
    await adapter.cancel(courier.call, awb);
    await expect(adapter.courierLabel!(courier.call, awb)).rejects.toThrow(new CourierRejected('Order is cancelled'));
  });

  it('refuses any pushed webhook: Delcaper does not push', () => {
    expect(() => adapter.parseWebhook()).toThrow(WebhookUnauthenticated);
  });
});
