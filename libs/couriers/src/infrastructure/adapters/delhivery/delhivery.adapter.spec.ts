import { DelhiveryPostalCode, DelhiverySimulator } from '@shipcrowd/simulators';
import { CourierAuthFailed, CourierRejected } from '../../../application/ports/courier-provider';
import { describeCourierContract } from '../../../testing/courier-contract';
import { fetchLabelPdf } from '../shared/courier-label';
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

  it('checks a lane with one pincode-API call: delivery flags at the destination, pickup at the origin, the buyer’s pincode for reverse', async () => {
    courier.sim.upsertPincode(pin(782001, { is_oda: 'Y', max_amount: 5000, max_weight: 10, pickup: 'N', sort_code: 'GAU/PLT' }));
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid' as const, weightGrams: 500, codAmountPaise: 0 };
    expect(await adapter.serviceability!(courier.call, query)).toEqual({ serviceable: true, prepaid: true, cod: true, pickup: true, reverse: true, oda: false, services: ['surface', 'express'], expectedTransitDays: null, reason: null });
    const asked = courier.server.requestsTo('delhivery').filter((r) => r.path === '/c/api/pin-codes/json/').at(-1)!;
    expect(asked.query).toEqual({ filter_codes: '560058,400001' });
    expect(asked.headers.authorization).toBe(`Token ${adapter.sandboxCredentials.token}`);

    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '110011', paymentMode: 'cod', codAmountPaise: 50_000 })).toMatchObject({ serviceable: false, prepaid: true, cod: false, services: [], reason: 'COD not available at pincode 110011' });
    const remote = { ...query, destinationPincode: '782001', paymentMode: 'cod' as const, codAmountPaise: 600_000 };
    expect(await adapter.serviceability!(courier.call, remote)).toMatchObject({ serviceable: false, cod: false, oda: true, reverse: false, reason: 'COD above Rs 5000 not available at pincode 782001' });
    expect(await adapter.serviceability!(courier.call, { ...remote, codAmountPaise: 400_000 })).toMatchObject({ serviceable: true, cod: true, oda: true });
    expect(await adapter.serviceability!(courier.call, { ...remote, codAmountPaise: 400_000, weightGrams: 12_000 })).toMatchObject({ serviceable: false, reason: 'Pincode 782001 takes parcels up to 10 kg' });
    const reverse = { ...query, originPincode: '782001', destinationPincode: '560058', reverse: true };
    expect(await adapter.serviceability!(courier.call, reverse)).toMatchObject({ serviceable: false, reverse: false, reason: 'Delhivery takes no reverse pickups at pincode 782001' });
    expect(await adapter.serviceability!(courier.call, { ...query, destinationPincode: '999999' })).toMatchObject({ serviceable: false, prepaid: false, reason: 'Delhivery does not deliver to pincode 999999' });
  });

  it('prices each mode with the invoice-charges API on chargeable grams, rupees turned into exact paise', async () => {
    const charges = () => courier.server.requestsTo('delhivery').filter((r) => r.path === '/api/kinko/v1/invoice/charges/.json');
    const before = charges().length;
    const query = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'cod' as const, weightGrams: 1200, codAmountPaise: 99_900, lengthCm: 30, breadthCm: 20, heightCm: 20, declaredValuePaise: 99_900 };
    const rates = await adapter.rates!(courier.call, query);
    const asked = charges().slice(before);
    expect(asked.map((r) => r.query)).toEqual([
      { md: 'S', ss: 'Delivered', d_pin: '400001', o_pin: '560058', cgm: '2400', pt: 'COD' },
      { md: 'E', ss: 'Delivered', d_pin: '400001', o_pin: '560058', cgm: '2400', pt: 'COD' },
    ]);
    const paise = (rupees: number) => Math.round(rupees * 100);
    for (const [i, rate] of rates.entries()) {
      const [answer] = (await (await fetch(`${courier.call.baseUrl}${asked[i].path}?${new URLSearchParams(asked[i].query)}`, { headers: { authorization: `Token ${adapter.sandboxCredentials.token}` } })).json()) as { total_amount: number; gross_amount: number; charge_COD: number; charged_weight: number; tax_data: Record<string, number> }[];
      expect(rate).toEqual({
        service: ['surface', 'express'][i],
        totalPaise: paise(answer.total_amount),
        freightPaise: paise(answer.gross_amount) - paise(answer.charge_COD),
        codChargePaise: paise(answer.charge_COD),
        gstPaise: paise(answer.tax_data.IGST) + paise(answer.tax_data.CGST) + paise(answer.tax_data.SGST),
        chargeableWeightGrams: answer.charged_weight,
        expectedTransitDays: null,
      });
      expect(rate.codChargePaise).toBeGreaterThan(0);
      expect(rate.totalPaise).toBe(rate.freightPaise! + rate.codChargePaise! + rate.gstPaise!);
    }
    expect(rates[1].totalPaise).toBeGreaterThan(rates[0].totalPaise);

    const reverse = await adapter.rates!(courier.call, { ...query, service: 'express', paymentMode: 'prepaid', codAmountPaise: 0, reverse: true });
    expect(reverse).toHaveLength(1);
    expect(charges().at(-1)!.query).toMatchObject({ md: 'E', ss: 'DTO', pt: 'Pre-paid' });
    await expect(adapter.rates!(courier.call, { ...query, destinationPincode: '000000' })).rejects.toThrow(new CourierRejected('Pincode 000000 is not serviceable'));
  });

  it('changes a waybill’s box through the edit API (grams, cm) until pickup; several boxes are refused before calling', async () => {
    const edits = () => courier.server.requestsTo('delhivery').filter((r) => r.path === '/api/p/edit');
    const { awb } = await adapter.book(courier.call, booking());
    const box = { weightGrams: 1400, lengthCm: 25, breadthCm: 20, heightCm: 12 };
    await adapter.updatePackages!(courier.call, awb, { packages: [box], productDescription: 'Two cotton kurtas' });
    expect(edits().at(-1)!.json).toEqual({ waybill: awb, weight: 1400, shipment_length: 25, shipment_width: 20, shipment_height: 12, products_desc: 'Two cotton kurtas' });
    const slip = await fetch(`${courier.call.baseUrl}/api/p/packing_slip?wbns=${awb}`, { headers: { authorization: `Token ${adapter.sandboxCredentials.token}` } });
    expect(((await slip.json()) as { packages: { weight: number; prd: string }[] }).packages[0]).toMatchObject({ weight: 1400, prd: 'Two cotton kurtas' });

    const sent = edits().length;
    await expect(adapter.updatePackages!(courier.call, awb, { packages: [box, box] })).rejects.toBeInstanceOf(CourierRejected);
    expect(edits()).toHaveLength(sent);
    await courier.sim.advance(awb, 2);
    await expect(adapter.updatePackages!(courier.call, awb, { packages: [box] })).rejects.toThrow(new CourierRejected('Shipment cannot be edited in current status: In Transit'));
  });

  it('fetches Delhivery’s own 4x6 label through the packing slip’s PDF link, without sending the token to the link', async () => {
    const { awb } = await adapter.book(courier.call, booking({ reference: 'SC-DLV-LABEL-1' }));
    const pdf = await adapter.courierLabel!(courier.call, awb);
    const requests = courier.server.requestsTo('delhivery');
    expect(requests.filter((r) => r.path === '/api/p/packing_slip').at(-1)!.query).toEqual({ wbns: awb, pdf: 'true', pdf_size: '4R' });
    const download = requests.filter((r) => r.path.startsWith('/label-files/')).at(-1)!;
    expect(download.headers.authorization).toBeUndefined();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`AWB ${awb}`);
    const expired = fetchLabelPdf(courier.call, `${courier.call.baseUrl}/label-files/0123abcd.pdf`, 'Delhivery');
    await expect(expired).rejects.toThrow(new CourierRejected("Delhivery's label link answered 403"));
    await expect(adapter.courierLabel!(courier.call, '99999999999999')).rejects.toThrow(new CourierRejected('Delhivery has no packing slip for 99999999999999'));
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
