import { DelhiveryPostalCode, DelhiverySimulator } from '@shipcrowd/simulators';
import { CourierAuthFailed, CourierRejected } from '../../../application/ports/courier-provider';
import { describeCourierContract } from '../../../testing/courier-contract';
import { bookingFor, describeTokenWebhookContract, useSimulatedCourier, withoutSignedWebhookCheck } from '../shared/courier-spec-support';
import { DelhiveryAdapter } from './delhivery.adapter';

const adapter = new DelhiveryAdapter();
const simulator = () => new DelhiverySimulator({ token: adapter.sandboxCredentials.token });
const booking = bookingFor('surface');

describeCourierContract({ adapter: withoutSignedWebhookCheck(adapter), simulator });
describeTokenWebhookContract({ adapter, simulator, booking, tokenHeader: 'authorization' });

const pin = (code: number, over: Partial<DelhiveryPostalCode> = {}): DelhiveryPostalCode => ({
  pin: code, district: 'Mumbai', state_code: 'MH', pre_paid: 'Y', cash: 'Y', pickup: 'Y', repl: 'Y', cod: 'Y', is_oda: 'N', sort_code: 'BOM/ADH', max_weight: 0, max_amount: 0, ...over,
});

describe('Delhivery adapter on the wire', () => {
  const courier = useSimulatedCourier(adapter, simulator);
  beforeAll(() => courier.sim.setPincodes([pin(400001), pin(560058, { sort_code: 'BLR/BMN' }), pin(110011, { cod: 'N', cash: 'N', sort_code: 'DEL/CNP' })]));
  const posts = (path: string) => courier.server.requestsTo('delhivery').filter((r) => r.method === 'POST' && r.path === path);

  it('books with a Token header and a format=json&data=<JSON> form: grams, rupees, the reference as order number', async () => {
    const result = await adapter.book(courier.call, booking({ reference: 'SC-DLV-COD-1', paymentMode: 'cod', codAmountPaise: 149_950 }));
    const request = posts('/api/cmu/create.json').at(-1)!;
    expect(request.headers.authorization).toBe(`Token ${adapter.sandboxCredentials.token}`);
    expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request.fields.format).toBe('json');
    const data = JSON.parse(request.fields.data);
    expect(data.pickup_location).toEqual({ name: 'BLR-1' });
    expect(data.shipments[0]).toMatchObject({ order: 'SC-DLV-COD-1', payment_mode: 'COD', cod_amount: 1499.5, total_amount: 1499, weight: 800, pin: '400001', shipping_mode: 'Surface', waybill: '' });
    expect(result).toMatchObject({ sortCode: 'BOM/ADH', childAwbs: [] });
    expect(result.awb).toMatch(/^\d{14}$/);
  });

  it('books several boxes as an MPS on waybills fetched from the bulk waybill API', async () => {
    const box = { weightGrams: 1200, lengthCm: 30, breadthCm: 20, heightCm: 20 };
    const result = await adapter.book(courier.call, booking({ service: 'express', packages: [box, box, box] }));
    const fetched = courier.server.requestsTo('delhivery').filter((r) => r.path === '/waybill/api/bulk/json/').at(-1)!;
    expect(fetched.query.count).toBe('3');
    const pieces = JSON.parse(posts('/api/cmu/create.json').at(-1)!.fields.data).shipments;
    expect(pieces.map((p: { waybill: string }) => p.waybill)).toEqual([result.awb, ...result.childAwbs]);
    expect(pieces.every((p: { master_id: string; shipment_type: string; mps_children: number }) => p.master_id === result.awb && p.shipment_type === 'MPS' && p.mps_children === 3)).toBe(true);
    expect(pieces[0].shipping_mode).toBe('Express');
    await courier.sim.advance(result.childAwbs[1], 1);
    expect((await adapter.track(courier.call, [result.awb])).get(result.awb)?.map((e) => e.rawCode)).toEqual(['UD/X-UCI']);
  });

  it('passes on Delhivery’s refusal words: COD where the pincode takes none, an unknown warehouse', async () => {
    const cod = booking({ paymentMode: 'cod', codAmountPaise: 50_000, consignee: { ...booking().consignee, pincode: '110011' } });
    await expect(adapter.book(courier.call, cod)).rejects.toThrow(/COD not available at pincode 110011/);
    const noWarehouse = booking({ pickup: { ...booking().pickup, warehouseCode: '' } });
    await expect(adapter.book(courier.call, noWarehouse)).rejects.toThrow(new CourierRejected('ClientWarehouse matching query does not exist.'));
  });

  it('tracks scans in order with Delhivery’s codes, the hub’s weight on the latest; a pickup request adds "Pickup scheduled" for the warehouse', async () => {
    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-NDR-TRACK-1' }));
    await courier.sim.advance(awb, 1);
    const pickup = await adapter.requestPickup!(courier.call, { warehouse: booking().pickup, pickupDate: '2026-11-23', pickupTime: '14:00', expectedPackageCount: 1, awbs: [awb] });
    expect(posts('/fm/request/new/').at(-1)!.json).toEqual({ pickup_time: '14:00:00', pickup_date: '2026-11-23', pickup_location: 'BLR-1', expected_package_count: 1 });
    expect(pickup.scheduledFor).toBe('2026-11-23T08:30:00.000Z');
    await courier.sim.advance(awb, 4);
    courier.sim.parcels.reportWeight(awb, 950);
    const events = (await adapter.track(courier.call, [awb, '99999999999999'])).get(awb)!;
    expect(events.map((e) => [e.rawCode, e.status])).toEqual([
      ['UD/X-UCI', 'manifested'],
      ['UD/FMPUR-101', 'pickup_scheduled'],
      ['UD/X-PPOM', 'picked_up'],
      ['UD/X-DLL2F', 'in_transit'],
      ['UD/X-DDD3FD', 'out_for_delivery'],
      ['UD/EOD-11', 'ndr'],
    ]);
    expect(events.at(-1)).toMatchObject({ rawStatus: 'Pending', ndrReason: 'Consignee unavailable', location: 'Mumbai_Andheri_DC (Maharashtra)', chargedWeightGrams: 950 });
    expect(events[0].chargedWeightGrams).toBeNull();
  });

  it('takes NDR actions asynchronously: a UPL request id, the outcome in get_bulk_upl; RTO is not an API action', async () => {
    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-NDR-ACT-1' }));
    await courier.sim.advance(awb, 5);
    const result = await adapter.ndrAction!(courier.call, { awb, action: 'defer', date: '2026-11-26' });
    expect(posts('/api/p/update').at(-1)!.json).toEqual({ data: [{ waybill: awb, act: 'DEFER_DLV', action_data: { deferred_date: '2026-11-26' } }] });
    expect(result).toMatchObject({ accepted: true, requestId: expect.stringMatching(/^UPL\d+/) });
    const status = await fetch(`${courier.call.baseUrl}/api/cmu/get_bulk_upl/${result.requestId}`, { headers: { authorization: `Token ${adapter.sandboxCredentials.token}` } });
    expect(await status.json()).toMatchObject({ results: [{ waybill: awb, status: 'Success' }] });
    await expect(adapter.ndrAction!(courier.call, { awb, action: 'rto' })).rejects.toBeInstanceOf(CourierRejected);
  });

  it('reads label data from the packing slip', async () => {
    const { awb } = await adapter.book(courier.call, booking());
    expect(await adapter.labelData!(courier.call, awb)).toEqual({ awb, sortCode: 'BOM/ADH', routingCode: 'Mumbai_Andheri_DC (Maharashtra)' });
  });

  it('maps unknown raw codes to exception with the code kept; unknown NSL codes fall back to the lifecycle, EOD codes to NDR', () => {
    const push = (type: string, status: string, nsl: string) =>
      Buffer.from(JSON.stringify({ Shipment: { AWB: '26801234567890', NSLCode: nsl, Status: { Status: status, StatusType: type, StatusDateTime: '2026-11-21T14:05:00.120', StatusLocation: 'Hub', Instructions: 'x' } } }));
    const parse = (body: Buffer) => adapter.parseWebhook({ headers: { authorization: `Bearer ${adapter.sandboxCredentials.webhookSecret}` }, rawBody: body, credentials: adapter.sandboxCredentials })[0];
    expect(parse(push('UD', 'Held', 'X-NEW1'))).toMatchObject({ status: 'exception', rawCode: 'UD/X-NEW1', rawStatus: 'Held' });
    expect(parse(push('UD', 'In Transit', 'X-NEW2'))).toMatchObject({ status: 'in_transit', rawCode: 'UD/X-NEW2' });
    expect(parse(push('UD', 'Pending', 'EOD-999'))).toMatchObject({ status: 'ndr', ndrReason: 'x' });
    expect(parse(push('RT', 'Dispatched', 'X-DDD3FD')).status).toBe('rto_in_transit');
    expect(parse(push('UD', 'In Transit', 'X-PPOM')).occurredAt.toISOString()).toBe('2026-11-21T08:35:00.120Z');
  });

  it('refuses a rotated token as CourierAuthFailed', async () => {
    courier.sim.rotateToken('rotated');
    await expect(adapter.book(courier.call, booking())).rejects.toBeInstanceOf(CourierAuthFailed);
    courier.sim.rotateToken(adapter.sandboxCredentials.token);
  });
});
