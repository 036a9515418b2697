import { UpstreamUnavailableError } from '@shipcrowd/platform';
import type { SimRequest } from '@shipcrowd/simulators';
import { DelhiveryB2bSimulator } from '@shipcrowd/simulators';
import type { BookingRequest } from '../../../../contracts';
import { CourierRejected } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import { describeCourierContract } from '../../../testing/courier-contract';
import { describeTokenWebhookContract, useSimulatedCourier, withoutSignedWebhookCheck } from '../shared/courier-spec-support';
import { DelhiveryB2bAdapter } from './delhivery_b2b.adapter';
import { delhiveryB2bTrackedEvents } from './delhivery_b2b.payloads';

const adapter = new DelhiveryB2bAdapter({ intervalMs: 1, attempts: 4 });
const credentials = adapter.sandboxCredentials;
const simulator = (manifestPolls = 0) => new DelhiveryB2bSimulator({ username: credentials.username, password: credentials.password, manifestPolls });
const booking = (over: Partial<BookingRequest> = {}) =>
  bookingFixture({ service: 'ptl', b2b: { invoiceNumber: 'INV-2611-0042', invoiceValuePaise: 4_250_000, invoiceDate: '2026-11-20', ewaybillNumber: null, freightMode: 'ptl', boxCount: null }, ...over });

describeCourierContract({ adapter: withoutSignedWebhookCheck(adapter), simulator: () => simulator(), booking });
describeTokenWebhookContract({ adapter, simulator: () => simulator(), booking, tokenHeader: 'authorization' });

/** The multipart fields the simulator received, decoded the way a server would. */
async function formOf(request: SimRequest): Promise<Record<string, string>> {
  const form = await new Response(request.rawBody, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
}

describe('Delhivery B2B adapter on the wire', () => {
  const courier = useSimulatedCourier(adapter, () => simulator(2));
  const requests = (method: string, path: string) => courier.server.requestsTo('delhivery-b2b').filter((r) => r.method === method && r.path.startsWith(path));

  it('logs in for a JWT once and manifests one LR as multipart fields: grams, rupees, invoice, boxes, the reference as order id', async () => {
    const box = { weightGrams: 12_000, lengthCm: 60, breadthCm: 40, heightCm: 40 };
    const result = await adapter.book(courier.call, booking({ reference: 'SC-B2B-1', paymentMode: 'cod', codAmountPaise: 4_250_000, packages: [box, box, box] }));
    expect(requests('POST', '/ums/login').map((r) => r.json)).toEqual([{ username: credentials.username, password: credentials.password }]);
    const manifest = requests('POST', '/manifest').at(-1)!;
    expect(manifest.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(manifest.headers['content-type']).toContain('multipart/form-data');
    const form = await formOf(manifest);
    expect(form).toMatchObject({ pickup_location_name: 'BLR-1', payment_mode: 'cod', cod_amount: '42500', weight: '36000', freight_mode: 'fop', fm_pickup: 'True', rov_insurance: 'False' });
    expect(JSON.parse(form.shipment_details)).toEqual([{ order_id: 'SC-B2B-1', box_count: 3, description: 'Cotton kurta', weight: 36000, waybills: [], master: false }]);
    expect(JSON.parse(form.invoices)).toEqual([{ ewaybill: '', inv_num: 'INV-2611-0042', inv_amt: 42500, inv_qr_code: '' }]);
    expect(JSON.parse(form.dimensions)).toHaveLength(3);
    expect(JSON.parse(form.dropoff_location)).toMatchObject({ consignee_name: 'Asha Rao', zip: '400001' });
    expect(JSON.parse(form.billing_address)).toMatchObject({ pin: '560058', gst_number: '29AAFCC9980M1ZR' });
    expect(requests('GET', '/manifest')).toHaveLength(3);
    expect(result.awb).toMatch(/^22\d{7}$/);
    expect(result.childAwbs).toHaveLength(2);
    expect(result.courierShipmentId).toMatch(/^5\d{12}$/);
  });

  it('counts b2b.boxCount identical boxes when one package describes them', async () => {
    const result = await adapter.book(courier.call, booking({ b2b: { ...booking().b2b!, boxCount: 4 } }));
    expect(result.childAwbs).toHaveLength(3);
  });

  it('passes on a failed manifest job (e-way bill missing at ₹50,000), and gives up on a job that never finishes', async () => {
    const costly = booking({ b2b: { ...booking().b2b!, invoiceValuePaise: 5_000_000 } });
    await expect(adapter.book(courier.call, costly)).rejects.toThrow(new CourierRejected('E-waybill is mandatory for invoice value of 50000 or more'));
    const withBill = await adapter.book(courier.call, booking({ b2b: { ...costly.b2b!, ewaybillNumber: '331009876543' } }));
    expect(withBill.awb).toBeTruthy();
    const impatient = new DelhiveryB2bAdapter({ intervalMs: 1, attempts: 2 });
    await expect(impatient.book(courier.call, booking())).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('tracks the LR statuses; an LR Delhivery does not know is absent', async () => {
    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-B2B-NDR-RTO-1' }));
    await courier.sim.advance(awb, 8);
    const events = (await adapter.track(courier.call, [awb, '229999999'])).get(awb)!;
    expect(events.map((e) => e.rawCode)).toEqual(['MANIFESTED', 'PICKED_UP', 'LEFT_ORIGIN', 'OFD', 'UNDEL_REATTEMPT', 'OFD', 'UNDEL_REATTEMPT', 'RETURNED_INTRANSIT']);
    expect(events.at(-1)!.status).toBe('rto_initiated');
    expect(events[4]).toMatchObject({ status: 'ndr', ndrReason: 'Consignee unavailable' });
    expect((await adapter.track(courier.call, ['229999999'])).size).toBe(0);
  });

  it('reads a latest-status-only answer (as documented) as one event; unknown statuses become exception', () => {
    expect(delhiveryB2bTrackedEvents('220000001', { status: 'PART_DEL', status_date_time: '2026-11-21T14:05:00.250', location: 'Pune' })).toEqual([
      expect.objectContaining({ awb: '220000001', status: 'exception', rawCode: 'PART_DEL', occurredAt: new Date('2026-11-21T08:35:00.250Z') }),
    ]);
  });

  it('raises one pickup request per warehouse and date and cancels an LR until it is picked up', async () => {
    const { awb } = await adapter.book(courier.call, booking());
    const request = { warehouse: booking().pickup, pickupDate: '2026-11-24', pickupTime: '10:30', expectedPackageCount: 12, awbs: [awb] };
    const pickup = await adapter.requestPickup!(courier.call, request);
    expect(requests('POST', '/pickup_requests').at(-1)!.json).toEqual({ client_warehouse: 'BLR-1', pickup_date: '2026-11-24', start_time: '10:30:00', expected_package_count: 12 });
    expect(pickup.scheduledFor).toBe('2026-11-24T05:00:00.000Z');
    await expect(adapter.requestPickup!(courier.call, request)).rejects.toThrow(`A Pickup Request ${pickup.pickupId} for this Pickup Location Already Exist for 2026-11-24`);
    expect(await adapter.cancel!(courier.call, awb)).toEqual({ cancelled: true, message: `LR ${awb} cancelled successfully` });
    expect(requests('DELETE', `/lrn/cancel/${awb}`)).toHaveLength(1);
  });

  it('logs in again once when the JWT stops working', async () => {
    courier.sim.expireTokens();
    const before = requests('POST', '/ums/login').length;
    expect(await adapter.track(courier.call, ['229999998'])).toEqual(new Map());
    expect(requests('POST', '/ums/login').length - before).toBe(1);
  });
});
