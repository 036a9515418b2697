import { IntargosSimulator } from '@shipcrowd/simulators';
import { CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { IntargosAdapter } from './intargos.adapter';

const adapter = new IntargosAdapter();

describeCourierContract({ adapter, simulator: () => new IntargosSimulator(adapter.sandboxCredentials) });

describe('Intargos wire details', () => {
  const courier = useSimulatedCourier(adapter, () => new IntargosSimulator(adapter.sandboxCredentials));

  it('sends the signature header, the reference as invoice number, kilograms and rupees as text', async () => {
    const booking = bookingFixture({ paymentMode: 'cod', codAmountPaise: 149_900 });
    const { awb, courierShipmentId } = await adapter.book(courier.call, booking);
    const sent = courier.server.requestsTo('intargos').filter((r) => r.path === '/api/CreateOrder').at(-1)!;
    expect(sent.headers.signature).toBe(adapter.sandboxCredentials.signature);
    expect(sent.json).toMatchObject({
      invoice_number: booking.reference,
      payment_mode: 'COD',
      cod_amount: '1499.00',
      total_amount: '1499.00',
      shipment_weight: '0.8',
      shipment_length: '20',
      volumetric_weight: '0.6',
      pick_address_id: 'BLR-1',
      consignee_pincode: '400001',
      consignee_address2: 'Flat 4B, Near Churchgate',
    });
    expect(awb).toMatch(/^1420\d{10}$/);
    expect(courierShipmentId).toBe(`ITG${awb.slice(-8)}`);
  });

  it('passes the courier’s refusal text on', async () => {
    const bad = bookingFixture({ consignee: { ...bookingFixture().consignee, pincode: '000000' } });
    await expect(adapter.book(courier.call, bad)).rejects.toEqual(expect.objectContaining({ name: 'CourierRejected', message: 'Pincode 000000 is not serviceable' }));
    await expect(adapter.book(courier.call, bookingFixture({ paymentMode: 'cod', codAmountPaise: 0 }))).rejects.toBeInstanceOf(CourierRejected);
  });

  it('keeps an unknown status as exception with its raw code, and reads DD-MM-YYYY India times', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    const anHourOn = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    courier.sim.book.get(awb)!.scans.push({ step: 'in_transit', code: 'Misrouted', text: 'Shipment misrouted', location: 'Pune Hub', at: anHourOn, reason: null });
    const events = (await adapter.track(courier.call, [awb])).get(awb)!;
    expect(events[0]).toMatchObject({ status: 'booked', rawCode: 'Booked' });
    expect(events.at(-1)).toMatchObject({ status: 'exception', rawCode: 'Misrouted', location: 'Pune Hub', remarks: 'Shipment misrouted' });
    expect(events.at(-1)!.occurredAt).toEqual(anHourOn);
  });

  it('leaves unknown waybills out of the tracking map', async () => {
    expect((await adapter.track(courier.call, ['14209999999999'])).has('14209999999999')).toBe(false);
  });

  it('reports a refused cancel as not cancelled with Intargos’ reason', async () => {
    const { awb } = await adapter.book(courier.call, bookingFixture());
    expect(await adapter.cancel(courier.call, awb)).toEqual({ cancelled: true, message: 'Order cancelled successfully' });
    expect(await adapter.cancel(courier.call, awb)).toEqual({ cancelled: false, message: 'Order is already cancelled' });
  });

  it('refuses any pushed webhook: Intargos does not push', () => {
    expect(() => adapter.parseWebhook()).toThrow(WebhookUnauthenticated);
  });
});
