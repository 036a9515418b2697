import { UpstreamUnavailableError } from '@shipcrowd/platform';
import { PDFDocument } from 'pdf-lib';
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

  it('checks a lane by asking the pincode service about both pincodes: ODA, COD, pickup; B2B takes no reverse pickups', async () => {
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 40_000, codAmountPaise: 4_250_000 };
    const before = requests('GET', '/pincode-service/').length;
    expect(await adapter.serviceability!(courier.call, query)).toEqual({ serviceable: true, prepaid: true, cod: true, pickup: true, reverse: false, oda: false, services: ['ptl'], expectedTransitDays: null, reason: null });
    const asked = requests('GET', '/pincode-service/').slice(before);
    expect(asked.map((r) => r.path).sort()).toEqual(['/pincode-service/400001', '/pincode-service/560058']);
    expect(asked[0].headers.authorization).toMatch(/^Bearer eyJ/);
    courier.sim.odaPincodes.add('793001');
    courier.sim.unservedPincodes.add('400002');
    courier.sim.unservedPincodes.add('560099');
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '793001' })).toMatchObject({ serviceable: true, oda: true });
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '400002' })).toMatchObject({ serviceable: false, cod: false, prepaid: false, reason: 'Delhivery does not deliver to pincode 400002' });
    expect(await adapter.serviceability!(courier.call, { ...query, originPincode: '560099' })).toMatchObject({ serviceable: false, pickup: false, reason: 'Delhivery does not pick up from pincode 560099' });
    expect(await adapter.serviceability!(courier.call, { ...query, reverse: true })).toMatchObject({ serviceable: false, reverse: false, services: [], reason: 'Delhivery B2B takes no reverse pickups' });
  });

  it('prices one box with the freight estimator: grams, cm and rupees out; paise and grams (from kg) back', async () => {
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 12_000, codAmountPaise: 4_250_000, lengthCm: 60, breadthCm: 40, heightCm: 40, declaredValuePaise: 4_250_000 };
    const [rate] = await adapter.rates!(courier.call, query);
    const sent = requests('POST', '/freight/estimate').at(-1)!;
    expect(sent.json).toEqual({ dimensions: [{ length_cm: 60, width_cm: 40, height_cm: 40, box_count: 1 }], weight_g: 12000, cheque_payment: false, source_pin: '560058', consignee_pin: '400001', payment_mode: 'cod', cod_amount: 42500, inv_amount: 42500, freight_mode: 'fop', rov_insurance: false });
    const { jwt } = (await (await fetch(`${courier.call.baseUrl}/ums/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: credentials.username, password: credentials.password }) })).json()) as { jwt: string };
    const raw = await fetch(`${courier.call.baseUrl}/freight/estimate`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: sent.rawBody });
    const { data } = (await raw.json()) as { data: { total: number; charged_wt: number; tat: number; price_breakup: Record<string, number> } };
    const paise = (rupees: number) => Math.round(rupees * 100);
    expect(rate).toEqual({
      service: 'ptl',
      totalPaise: paise(data.total),
      freightPaise: paise(data.price_breakup.base_freight_charge) + paise(data.price_breakup.fuel_surcharge),
      codChargePaise: paise(data.price_breakup.cod),
      gstPaise: paise(data.price_breakup.gst),
      chargeableWeightGrams: Math.round(data.charged_wt * 1000),
      expectedTransitDays: data.tat,
    });
    // 60 x 40 x 40 cm at 4500 cm³/kg outweighs the 12 kg box.
    expect(rate.chargeableWeightGrams).toBe(21_500);
    const estimates = requests('POST', '/freight/estimate').length;
    await expect(adapter.rates!(courier.call, { ...query, service: 'express' })).rejects.toBeInstanceOf(CourierRejected);
    await expect(adapter.rates!(courier.call, { ...query, destinationPincode: '000000' })).rejects.toThrow(new CourierRejected('pin: 000000 is not serviceable.'));
    expect(requests('POST', '/freight/estimate')).toHaveLength(estimates + 1);
  });

  it('updates an LR’s boxes (total grams, one dimensions row per box) until pickup; the box count cannot change', async () => {
    const box = { weightGrams: 12_000, lengthCm: 60, breadthCm: 40, heightCm: 40 };
    const { awb } = await adapter.book(courier.call, booking({ packages: [box, box] }));
    const heavier = { ...box, weightGrams: 14_500, heightCm: 45 };
    await adapter.updatePackages!(courier.call, awb, { packages: [heavier, heavier], productDescription: 'Cotton kurtas, 40 per box' });
    const update = requests('PUT', `/lrn/update/${awb}`).at(-1)!;
    expect(update.json).toEqual({ weight: 29_000, dimensions: [{ length_cm: 60, width_cm: 40, height_cm: 45, box_count: 1 }, { length_cm: 60, width_cm: 40, height_cm: 45, box_count: 1 }], description: 'Cotton kurtas, 40 per box' });
    await expect(adapter.updatePackages!(courier.call, awb, { packages: [heavier, heavier, heavier] })).rejects.toThrow(`LR ${awb} has 2 boxes; the box count cannot change`);
    await courier.sim.advance(awb, 2);
    await expect(adapter.updatePackages!(courier.call, awb, { packages: [box, box] })).rejects.toThrow(new CourierRejected(`LR ${awb} cannot be updated in status PICKED_UP`));
    expect(requests('PUT', '/lrn/update/').every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('prints the LR’s box labels (one link per box, fetched without the JWT) as one PDF', async () => {
    const box = { weightGrams: 12_000, lengthCm: 60, breadthCm: 40, heightCm: 40 };
    const { awb } = await adapter.book(courier.call, booking({ packages: [box, box, box] }));
    const downloads = () => courier.server.requestsTo('delhivery-b2b').filter((r) => r.path.startsWith('/label-files/'));
    const before = downloads().length;
    const pdf = await adapter.courierLabel!(courier.call, awb);
    expect(requests('GET', `/label/get_urls/a4/${awb}`)).toHaveLength(1);
    expect(downloads().slice(before).map((r) => r.headers.authorization)).toEqual([undefined, undefined, undefined]);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(3);
    await expect(adapter.courierLabel!(courier.call, '229999997')).rejects.toThrow(new CourierRejected('Data not found.'));
  });

  it('logs in again once when the JWT stops working', async () => {
    courier.sim.expireTokens();
    const before = requests('POST', '/ums/login').length;
    expect(await adapter.track(courier.call, ['229999998'])).toEqual(new Map());
    expect(requests('POST', '/ums/login').length - before).toBe(1);
  });
});
