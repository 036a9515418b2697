import { OmLogisticsSimulator } from '@shipcrowd/simulators';
import type { BookingRequest } from '../../../../contracts';
import { CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { useSimulatedCourier } from '../shared/courier-spec-support';
import { OmLogisticsAdapter } from './om_logistics.adapter';

const adapter = new OmLogisticsAdapter();

/** A PTL docket between two GST-registered firms, invoiced under the reference. */
function freightBooking(over: Partial<BookingRequest> = {}): BookingRequest {
  const fixture = bookingFixture();
  const base = bookingFixture({
    service: 'ptl',
    consignee: { ...fixture.consignee, companyName: 'Rao Textiles', gstin: '27AAPFU0939F1ZV' },
    pickup: { ...fixture.pickup, companyName: 'Acme Stores Pvt Ltd' },
    ...over,
  });
  const b2b = { invoiceNumber: `INV-${base.reference}`, invoiceValuePaise: base.declaredValuePaise, invoiceDate: '2026-11-21', ewaybillNumber: null, freightMode: 'ptl' as const, boxCount: base.packages.length, appointmentDelivery: false };
  return { ...base, b2b: over.b2b === undefined ? b2b : over.b2b };
}

describeCourierContract({ adapter, simulator: () => new OmLogisticsSimulator(adapter.sandboxCredentials), booking: freightBooking });

describe('OM Logistics wire details', () => {
  const courier = useSimulatedCourier(adapter, () => new OmLogisticsSimulator(adapter.sandboxCredentials));
  const sent = (path: string) => courier.server.requestsTo('om-logistics').filter((r) => r.path === path);
  const box = { weightGrams: 900, lengthCm: 20, breadthCm: 20, heightCm: 20 };

  it('books a docket with consignor, consignee, the invoice line, one entry per box and a barcode per box', async () => {
    const booking = freightBooking({ packages: [box, box, box], insured: true });
    const result = await adapter.book(courier.call, { ...booking, b2b: { ...booking.b2b!, ewaybillNumber: '331000123456', appointmentDelivery: true } });
    expect(sent('/api/v1/auth/token')[0].json).toEqual({ username: 'SANDBOXSHIPCROWD', password: 'sandbox-om-password' });
    const docket = sent('/api/v1/cn/create').at(-1)!;
    expect(docket.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(docket.json).toMatchObject({
      orderid: booking.reference,
      customer_code: 'SC0001',
      service_type: 'PTL',
      pickup_location: 'BLR-1',
      cnor_name: 'Acme Stores Pvt Ltd',
      cnor_gstin: '29AAFCC9980M1ZR',
      cee_name: 'Rao Textiles',
      cee_contact: 'Asha Rao',
      cee_landmark: 'Near Churchgate',
      cee_gstin: '27AAPFU0939F1ZV',
      ebill: '331000123456',
      appointment_delivery: 'Y',
      risk_type: 'CARRIER',
      invoices: [{ INV_NO: `INV-${booking.reference}`, INV_DT: '21/Nov/2026', NET_VAL: '1499.00', PCKGS: '3', PCK_TYPE: 'CRTN_BOX', ACT_WT: '2.70', CH_WT: '10' }],
      boxes: [{ box_no: 1, weight_kg: 0.9 }, { box_no: 2 }, { box_no: 3 }],
    });
    expect(result).toMatchObject({ sortCode: 'BR400', courierShipmentId: null });
    expect(result.awb).toMatch(/^30\d{8}$/);
    expect(result.childAwbs).toEqual(courier.sim.book.get(result.awb)!.childAwbs);
  });

  it('charges volumetric weight at OM’s 4500 divisor, rounded up, and books FTL as FTL', async () => {
    await adapter.book(courier.call, freightBooking({ service: 'ftl', packages: [{ weightGrams: 8000, lengthCm: 60, breadthCm: 50, heightCm: 50 }] }));
    expect(sent('/api/v1/cn/create').at(-1)!.json).toMatchObject({ service_type: 'FTL', invoices: [{ ACT_WT: '8.00', CH_WT: '34' }] });
  });

  it('passes OM’s freight refusals on: no e-way bill above Rs 50,000, a reused invoice number', async () => {
    const costly = freightBooking();
    await expect(adapter.book(courier.call, { ...costly, b2b: { ...costly.b2b!, invoiceValuePaise: 6_000_000 } })).rejects.toThrow('E-Way Bill number is mandatory for invoice value above Rs. 50,000');
    const first = freightBooking();
    await adapter.book(courier.call, first);
    const reused = freightBooking();
    await expect(adapter.book(courier.call, { ...reused, b2b: { ...reused.b2b!, invoiceNumber: first.b2b!.invoiceNumber } })).rejects.toThrow('Invoice Number is Already Exist');
  });

  it('travels on the order number and declared value when the booking carries no B2B details', async () => {
    await adapter.book(courier.call, freightBooking({ b2b: null, orderNumber: `SO-${Date.now()}` }));
    expect(sent('/api/v1/cn/create').at(-1)!.json).toMatchObject({ ebill: '', appointment_delivery: 'N', invoices: [{ INV_NO: expect.stringMatching(/^SO-\d+$/), NET_VAL: '1499.00' }] });
  });

  it('reads DD/MM/YYYY HH:mm history, keeps unknown codes as exception and logs in again after the token dies', async () => {
    const { awb } = await adapter.book(courier.call, freightBooking());
    const anHourOn = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3_600_000);
    courier.sim.book.get(awb)!.scans.push({ step: 'in_transit', code: 'ODA', text: 'Moved to ODA partner', location: 'Bhiwandi Branch', at: anHourOn, reason: null });
    courier.sim.tokens.revokeAll();
    const events = (await adapter.track(courier.call, [awb, '3099999999'])).get(awb)!;
    expect(events[0]).toMatchObject({ status: 'booked', rawCode: 'BKD' });
    expect(events.at(-1)).toMatchObject({ status: 'exception', rawCode: 'ODA', rawStatus: 'Moved to ODA partner', occurredAt: anHourOn });
    expect(sent('/api/v1/auth/token').length).toBeGreaterThanOrEqual(2);
  });

  it('asks for pickup on OM’s date layout and confirms OM’s pickup number and time', async () => {
    const booking = freightBooking();
    const { awb } = await adapter.book(courier.call, booking);
    const pickup = await adapter.requestPickup(courier.call, { warehouse: booking.pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [awb] });
    expect(sent('/api/v1/pickup/request').at(-1)!.json).toEqual({ cnno: [awb], pickup_date: '23/11/2026', pickup_time: '14:00', location_code: 'BLR-1', pkgs: 1 });
    expect(pickup).toEqual({ pickupId: expect.stringMatching(/^PR\d+$/), scheduledFor: '2026-11-23T08:30:00.000Z' });
    await expect(adapter.requestPickup(courier.call, { warehouse: booking.pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: ['3099999999'] })).rejects.toThrow('Invalid CN: 3099999999');
  });

  it('reschedules an undelivered docket for a date (defer) and refuses edits OM cannot take', async () => {
    const { awb } = await adapter.book(courier.call, freightBooking({ reference: `SC-NDR-${Date.now()}` }));
    await courier.sim.advance(awb, 5);
    expect(await adapter.ndrAction(courier.call, { awb, action: 'defer' })).toMatchObject({ accepted: false, message: 'date is mandatory for RESCHEDULE' });
    expect(await adapter.ndrAction(courier.call, { awb, action: 'defer', date: '2026-11-25', remarks: 'Consignee godown closed' })).toMatchObject({ accepted: true, requestId: expect.stringMatching(/^NDR\d+$/) });
    expect(sent('/api/v1/cn/ndr-action').at(-1)!.json).toEqual({ cnno: awb, action: 'RESCHEDULE', date: '25/11/2026', remarks: 'Consignee godown closed' });
    await expect(adapter.ndrAction(courier.call, { awb, action: 'edit_details', details: { phone: '9000000000' } })).rejects.toBeInstanceOf(CourierRejected);
  });

  it('gives the destination branch and route printed on the docket label', async () => {
    const { awb } = await adapter.book(courier.call, freightBooking());
    expect(await adapter.labelData(courier.call, awb)).toEqual({ awb, sortCode: 'BR400', routingCode: 'BR560-BR400' });
    await expect(adapter.labelData(courier.call, '3099999999')).rejects.toThrow('CN not found');
  });

  it('refuses any pushed webhook: OM does not push', () => {
    expect(() => adapter.parseWebhook()).toThrow(WebhookUnauthenticated);
  });
});
