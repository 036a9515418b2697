import { sql } from 'drizzle-orm';
import { ORDER_EVENTS, ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { addMember } from '../companies/support';
import { BUYER_GSTIN, draft, ordersTestApp, seedSeller, Seller } from './support';

describe('orders: place, read, edit, cancel', () => {
  let t: TestApp;
  let seller: Seller;

  beforeAll(async () => {
    t = await ordersTestApp();
    seller = await seedSeller(t, 'Chai Point Traders', [
      { code: 'BLR-1', pincode: '560001' },
      { code: 'DEL-1', pincode: '110001' },
    ]);
  });
  afterAll(() => t.close());

  const post = (payload: unknown, token = seller.token, headers: Record<string, string> = {}) => t.http({ method: 'POST', url: '/v1/orders', token, payload: payload as object, headers });
  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });
  const system = <T>(query: ReturnType<typeof sql>) => t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<T>(tx, query));

  it('places a B2C order: 201 with totals, generated number, default warehouse, routing and address quality', async () => {
    const res = await post(draft({ paymentMode: 'cod', shippingChargesPaise: 5000, tags: ['Diwali'] }));
    expect(res.statusCode).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({
      orderNumber: expect.stringMatching(/^SC-\d{6}-\d{5}$/),
      status: 'new',
      version: 1,
      type: 'b2c',
      channel: 'api',
      paymentMode: 'cod',
      totals: { itemsPaise: 99800, discountPaise: 0, shippingPaise: 5000, taxPaise: 4990, totalPaise: 109790 },
      codAmountPaise: 109790,
      tags: ['diwali'],
      warehouse: { id: seller.warehouses['BLR-1'], code: 'BLR-1' },
      routing: { source: 'default', ruleId: null },
      addressQuality: { score: expect.any(Number), grade: expect.stringMatching(/good|fair|poor/), issues: expect.any(Array) },
      statusHistory: [{ fromStatus: null, toStatus: 'new', reason: 'placed', actorUserId: seller.user.id }],
    });
    expect(Date.parse(o.modifiableUntil) - Date.parse(o.createdAt)).toBe(30 * 60_000);
  });

  it('places a B2B PTL order with buyer GSTIN, invoice, several packages, box count and appointment delivery', async () => {
    const res = await post(
      draft({
        type: 'b2b',
        buyer: { name: 'Ravi Kumar', phone: '9845012345', companyName: 'Kumar Traders', gstin: BUYER_GSTIN },
        items: [{ sku: 'CHAIR-01', name: 'Office chair', quantity: 10, unitPricePaise: 450000, taxRatePercent: 18 }],
        packages: [
          { weightGrams: 12000, lengthCm: 60, breadthCm: 60, heightCm: 90 },
          { weightGrams: 13000, lengthCm: 60, breadthCm: 60, heightCm: 90 },
        ],
        warehouseCode: 'DEL-1',
        handling: { fragile: true },
        insurance: { insured: true, declaredValuePaise: 5310000 },
        b2b: { invoiceNumber: 'INV-42', invoiceValuePaise: 5310000, invoiceDate: '2026-11-20', freightMode: 'ptl', boxCount: 2, appointmentDelivery: true },
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'b2b',
      buyer: { gstin: BUYER_GSTIN, companyName: 'Kumar Traders' },
      b2b: { invoiceNumber: 'INV-42', invoiceValuePaise: 5310000, invoiceDate: '2026-11-20' },
      freight: { mode: 'ptl', heavy: true, boxCount: 2, appointmentDelivery: true },
      totalWeightGrams: 25000,
      packages: [{ weightGrams: 12000 }, { weightGrams: 13000 }],
      handling: { fragile: true, liquid: false, dangerousGoods: false },
      insurance: { insured: true, declaredValuePaise: 5310000 },
      warehouse: { code: 'DEL-1' },
      routing: { source: 'draft', reason: 'the order names warehouse DEL-1' },
    });
  });

  it('refuses invalid drafts with 422 and every field path', async () => {
    const res = await post({
      ...draft(),
      buyer: { name: 'A', phone: '12' },
      items: [{ name: 'x', quantity: 0, unitPricePaise: 100 }],
      shippingAddress: { line1: 'x', city: 'Pune', state: 'MH', pincode: '41100' },
      type: 'b2b',
      b2b: { invoiceNumber: 'I-1', invoiceValuePaise: 100 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('order.invalid');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['buyer.phone', 'buyer.gstin', 'items[0].quantity', 'shippingAddress.pincode']));
    const gst = await post(draft({ type: 'b2b', buyer: { name: 'R', phone: '9845012345', gstin: '29ABCDE1234F1ZX' }, b2b: { invoiceNumber: 'I', invoiceValuePaise: 1 } }));
    expect(gst.json().errors).toEqual([{ field: 'buyer.gstin', code: 'gstin_checksum', message: expect.any(String) }]);
    const cod = await post(draft({ paymentMode: 'cod', codAmountPaise: 10_000_000 }));
    expect(cod.json().errors).toEqual([expect.objectContaining({ field: 'codAmountPaise', code: 'exceeds_total' })]);
    const wh = await post(draft({ warehouseId: '018f0000-0000-7000-8000-000000000000' }));
    expect(wh.json().errors).toEqual([expect.objectContaining({ field: 'warehouseId', code: 'warehouse_not_found' })]);
  });

  it('replays POST with the same Idempotency-Key (one order, same response)', async () => {
    const body = draft();
    const key = `order-${Date.now()}`;
    const first = await post(body, seller.token, { 'idempotency-key': key });
    const again = await post(body, seller.token, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const [{ n }] = await system<{ n: number }>(sql`select count(*)::int as n from orders.orders where buyer_phone = ${body.buyer.phone}`);
    expect(n).toBe(1);
  });

  it('lists newest first with filters, full-text search and cursor pages', async () => {
    const other = await seedSeller(t, 'List Co');
    const make = async (over: Parameters<typeof draft>[0]) => {
      const res = await post(draft(over), other.token);
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const a = await make({ paymentMode: 'cod', tags: ['vip'], channel: 'shopify', channelOrderId: 'S-1', buyer: { name: 'Meera Iyer', phone: '9123456780', email: 'meera@shop.in' } });
    const b = await make({ tags: ['wholesale'], orderNumber: 'WEB-7781' });
    const c = await make({ type: 'b2b', buyer: { name: 'Kumar Traders', phone: '9988776655', gstin: BUYER_GSTIN }, b2b: { invoiceNumber: 'I-9', invoiceValuePaise: 100 } });
    const list = (qs: string) => get(`/v1/orders?${qs}`, other.token).then((r) => {
      expect(r.statusCode).toBe(200);
      return r.json();
    });
    expect((await list('')).items.map((o: { id: string }) => o.id)).toEqual([c.id, b.id, a.id]);
    expect((await list('paymentMode=cod')).items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await list('type=b2b')).items.map((o: { id: string }) => o.id)).toEqual([c.id]);
    expect((await list('tags=vip,wholesale')).items).toHaveLength(2);
    expect((await list('channel=shopify')).items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await list(`warehouseId=${other.warehouses['BLR-1']}&status=new`)).items).toHaveLength(3);
    expect((await list('status=cancelled')).items).toHaveLength(0);
    expect((await list(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toHaveLength(0);
    expect((await list(`to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toHaveLength(3);
    // search: name prefix, phone prefix (with +91), email, order number prefix
    expect((await list('q=mee')).items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await list(`q=${encodeURIComponent('+91 91234')}`)).items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await list('q=meera@shop.in')).items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await list('q=WEB-77')).items.map((o: { id: string }) => o.id)).toEqual([b.id]);
    expect((await list('q=kumar%20trad')).items.map((o: { id: string }) => o.id)).toEqual([c.id]);
    // AWB (filled by shipping later) is searchable
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update orders.orders set awb = 'AWB1234567890' where id = ${b.id}`));
    expect((await list('q=AWB1234567890')).items.map((o: { id: string }) => o.id)).toEqual([b.id]);
    // pages
    const p1 = await list('limit=2');
    expect(p1.items).toHaveLength(2);
    const p2 = await list(`limit=2&cursor=${p1.nextCursor}`);
    expect(p2.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect(p2.nextCursor).toBeNull();
    expect((await get('/v1/orders?cursor=garbage', other.token)).statusCode).toBe(422);
    expect((await get('/v1/orders?paymentMode=upi', other.token)).statusCode).toBe(422);
  });

  it('edits within the window with optimistic versions; refuses after the window and after shipping', async () => {
    const o = (await post(draft())).json();
    const patch = (body: object, headers: Record<string, string> = {}) => t.http({ method: 'PATCH', url: `/v1/orders/${o.id}`, token: seller.token, payload: body, headers });
    const ok = await patch({ expectedVersion: 1, notes: 'Call before delivery', shippingAddress: { line2: 'Indiranagar' }, items: [{ name: 'Mug', quantity: 3, unitPricePaise: 20000 }] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, notes: 'Call before delivery', shippingAddress: { line1: 'Flat 12, Sunrise Apartments, 4th Cross', line2: 'Indiranagar' }, totals: { itemsPaise: 60000, totalPaise: 60000 } });
    expect(ok.json().codAmountPaise).toBe(0);
    const cod = await patch({ expectedVersion: 2, paymentMode: 'cod' });
    expect(cod.json()).toMatchObject({ version: 3, paymentMode: 'cod', codAmountPaise: 60000 });
    const more = await patch({ expectedVersion: 3, items: [{ name: 'Mug', quantity: 4, unitPricePaise: 20000 }] });
    expect(more.json()).toMatchObject({ codAmountPaise: 80000, totals: { totalPaise: 80000 } });
    const back = await patch({ expectedVersion: 4, paymentMode: 'prepaid' });
    expect(back.json()).toMatchObject({ version: 5, codAmountPaise: 0 });
    const events = await system<{ n: number }>(sql`select count(*)::int as n from platform.outbox where aggregate_id = ${o.id} and type = ${ORDER_EVENTS.orderUpdated}`);
    expect(events[0].n).toBe(4);
    const stale = await patch({ expectedVersion: 1, notes: 'again' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('concurrency.stale_version');
    expect((await patch({ notes: 'etag' }, { 'if-match': '"5"' })).json().version).toBe(6);
    expect((await patch({ notes: 'no version' })).statusCode).toBe(428);
    const bad = await patch({ expectedVersion: 6, items: [{ name: '', quantity: 1, unitPricePaise: 1 }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('items[0].name');
    expect((await patch({ expectedVersion: 6, orderNumber: 'NEW' })).json().code).toBe('order.field_not_editable');
    // window closed: the company sets a 0-minute window
    expect((await t.http({ method: 'PUT', url: '/v1/orders/settings', token: seller.token, payload: { modificationWindowMinutes: 0, duplicateMode: 'reject', duplicateWindowMinutes: 1440 } })).statusCode).toBe(200);
    const late = await patch({ expectedVersion: 6, notes: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'order.modification_window_closed', windowMinutes: 0 });
    await t.http({ method: 'PUT', url: '/v1/orders/settings', token: seller.token, payload: { modificationWindowMinutes: 30, duplicateMode: 'reject', duplicateWindowMinutes: 1440 } });
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update orders.orders set status = 'shipped' where id = ${o.id}`));
    const shipped = await patch({ expectedVersion: 6, notes: 'shipped' });
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json()).toMatchObject({ code: 'order.already_shipped', orderStatus: 'shipped' });
    const cancelShipped = await t.http({ method: 'POST', url: `/v1/orders/${o.id}/cancel`, token: seller.token, payload: { reason: 'late' } });
    expect(cancelShipped.statusCode).toBe(409);
  });

  it('cancels softly with a reason and keeps the status history', async () => {
    const o = (await post(draft())).json();
    const res = await t.http({ method: 'POST', url: `/v1/orders/${o.id}/cancel`, token: seller.token, payload: { reason: 'Buyer asked to cancel' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Buyer asked to cancel', statusHistory: [{ toStatus: 'new' }, { fromStatus: 'new', toStatus: 'cancelled', reason: 'Buyer asked to cancel' }] });
    expect((await t.http({ method: 'POST', url: `/v1/orders/${o.id}/cancel`, token: seller.token, payload: { reason: 'again' } })).json().code).toBe('order.already_cancelled');
    expect((await t.http({ method: 'POST', url: `/v1/orders/${o.id}/cancel`, token: seller.token, payload: {} })).statusCode).toBe(422);
    expect((await get(`/v1/orders/${o.id}`)).json().status).toBe('cancelled');
  });

  it('writes OrderPlaced / OrderUpdated / OrderCancelled to the outbox in the same transaction', async () => {
    const o = (await post(draft())).json();
    await t.http({ method: 'PATCH', url: `/v1/orders/${o.id}`, token: seller.token, payload: { expectedVersion: 1, notes: 'n' } });
    await t.http({ method: 'POST', url: `/v1/orders/${o.id}/cancel`, token: seller.token, payload: { reason: 'r' } });
    const rows = await system<{ type: string; company_id: string; payload: { orderId: string; orderNumber: string; status: string } }>(
      sql`select type, company_id, payload from platform.outbox where aggregate_id = ${o.id} order by occurred_at, id`,
    );
    expect(rows.map((r) => r.type)).toEqual([ORDER_EVENTS.orderPlaced, ORDER_EVENTS.orderUpdated, ORDER_EVENTS.orderCancelled]);
    expect(rows.every((r) => r.company_id === seller.companyId && r.payload.orderId === o.id && r.payload.orderNumber === o.orderNumber)).toBe(true);
    expect(rows[2].payload.status).toBe('cancelled');
  });

  it('detects duplicates: reject (409 with the existing id) or flag (visible and filterable)', async () => {
    const dup = await seedSeller(t, 'Dup Co');
    const body = draft({ channel: 'shopify', channelOrderId: '#1001' });
    const first = await post(body, dup.token);
    expect(first.statusCode).toBe(201);
    const sameChannelId = await post(draft({ channel: 'shopify', channelOrderId: '#1001' }), dup.token);
    expect(sameChannelId.statusCode).toBe(409);
    expect(sameChannelId.json()).toMatchObject({ code: 'order.duplicate', duplicateOf: first.json().id, errors: [{ field: 'channelOrderId', code: 'duplicate' }] });
    expect((await post(draft({ channel: 'woocommerce', channelOrderId: '#1001' }), dup.token)).statusCode).toBe(201);
    const samePurchase = await post({ ...body, channelOrderId: null, buyer: { ...body.buyer, phone: `+91${body.buyer.phone}`, name: 'Someone else' } }, dup.token);
    expect(samePurchase.statusCode).toBe(409);
    expect(samePurchase.json()).toMatchObject({ duplicateOf: first.json().id, errors: [{ field: 'buyer.phone', code: 'duplicate' }] });

    expect((await t.http({ method: 'PUT', url: '/v1/orders/settings', token: dup.token, payload: { modificationWindowMinutes: 30, duplicateMode: 'flag', duplicateWindowMinutes: 60 } })).statusCode).toBe(200);
    expect((await get('/v1/orders/settings', dup.token)).json()).toEqual({ modificationWindowMinutes: 30, duplicateMode: 'flag', duplicateWindowMinutes: 60 });
    const flagged = await post(draft({ channel: 'shopify', channelOrderId: '#1001' }), dup.token);
    expect(flagged.statusCode).toBe(201);
    expect(flagged.json().duplicateOf).toBe(first.json().id);
    const onlyDuplicates = (await get('/v1/orders?duplicate=true', dup.token)).json().items;
    expect(onlyDuplicates.map((o: { id: string }) => o.id)).toEqual([flagged.json().id]);
    // a cancelled original no longer makes duplicates
    await t.http({ method: 'POST', url: `/v1/orders/${first.json().id}/cancel`, token: dup.token, payload: { reason: 'test' } });
    await t.http({ method: 'POST', url: `/v1/orders/${flagged.json().id}/cancel`, token: dup.token, payload: { reason: 'test' } });
    expect((await post(draft({ channel: 'shopify', channelOrderId: '#1001' }), dup.token)).json().duplicateOf).toBeNull();
    expect((await t.http({ method: 'PUT', url: '/v1/orders/settings', token: dup.token, payload: { modificationWindowMinutes: -1, duplicateMode: 'maybe', duplicateWindowMinutes: 0 } })).statusCode).toBe(422);
  });

  it('serialises placement per company: two identical orders sent at once give one 201 and one 409 duplicate', async () => {
    const racer = await seedSeller(t, 'Race Co');
    const body = draft({ channel: 'shopify', channelOrderId: 'RACE-1' });
    const results = await Promise.all([post(body, racer.token), post(body, racer.token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const created = results.find((r) => r.statusCode === 201)!.json();
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'order.duplicate', duplicateOf: created.id });
  });

  it('keeps companies apart (RLS): another company sees 404 and an empty list; order numbers are per company', async () => {
    const mine = (await post(draft({ orderNumber: 'SHARED-1' }))).json();
    const rival = await seedSeller(t, 'Rival Co');
    expect((await get(`/v1/orders/${mine.id}`, rival.token)).statusCode).toBe(404);
    expect((await t.http({ method: 'PATCH', url: `/v1/orders/${mine.id}`, token: rival.token, payload: { expectedVersion: 1, notes: 'x' } })).statusCode).toBe(404);
    expect((await t.http({ method: 'POST', url: `/v1/orders/${mine.id}/cancel`, token: rival.token, payload: { reason: 'x' } })).statusCode).toBe(404);
    expect((await get(`/v1/orders?q=SHARED`, rival.token)).json().items).toEqual([]);
    expect((await post(draft({ orderNumber: 'SHARED-1' }), rival.token)).statusCode).toBe(201);
    const taken = await post(draft({ orderNumber: 'SHARED-1' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('order.number_taken');
    expect((await post(draft({ warehouseId: rival.warehouses['BLR-1'] }))).json().errors[0]).toMatchObject({ field: 'warehouseId', code: 'warehouse_not_found' });
    const visible = await t.get(UnitOfWork).run({ companyId: rival.companyId }, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from orders.orders where company_id = ${seller.companyId}`));
    expect(visible[0].n).toBe(0);
  });

  it('enforces permissions: a viewer reads but cannot write; anonymous is 401', async () => {
    const viewer = await addMember(t, seller, 'viewer', 'Vijay Viewer');
    expect((await get('/v1/orders', viewer.token)).statusCode).toBe(200);
    expect((await post(draft(), viewer.token)).statusCode).toBe(403);
    expect((await t.http({ method: 'PUT', url: '/v1/orders/settings', token: viewer.token, payload: { modificationWindowMinutes: 5, duplicateMode: 'flag', duplicateWindowMinutes: 5 } })).statusCode).toBe(403);
    expect((await t.http({ method: 'GET', url: '/v1/orders' })).statusCode).toBe(401);
    expect((await get('/v1/orders/not-a-uuid')).statusCode).toBe(404);
  });

  it('exports the filtered orders as streamed CSV with formula injection neutralised', async () => {
    const exp = await seedSeller(t, 'Export Co');
    await post(draft({ buyer: { name: '=HYPERLINK("http://evil.example","click")', phone: '9000000001' }, notes: 'x', tags: ['csv'] }), exp.token);
    await post(draft({ buyer: { name: '@SUM(A1:A2)', phone: '9000000002' }, paymentMode: 'cod', tags: ['csv'] }), exp.token);
    await post(draft({ buyer: { name: 'Plain, "Quoted" Name', phone: '9000000003' } }), exp.token);
    const res = await get('/v1/orders/export?tags=csv', exp.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['order_number', 'created_at', 'order_date', 'status']);
    expect(lines).toHaveLength(3);
    expect(res.body).toContain(`,'@SUM(A1:A2),`);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const all = await get('/v1/orders/export', exp.token);
    expect(all.body).toContain('"Plain, ""Quoted"" Name"');
    expect(all.body.trim().split('\r\n')).toHaveLength(4);
  });

  it('streams large exports in keyset batches (2,500 orders, every one exactly once)', async () => {
    const big = await seedSeller(t, 'Big Export Co');
    const drafts = Array.from({ length: 2500 }, (_, i) => draft({ orderNumber: `BIG-${i}`, buyer: { name: `Buyer ${i}`, phone: `8${String(100000000 + i)}` } }));
    const placed = await t.get<OrdersFacade>(ORDERS_FACADE).placeOrders({ companyId: big.companyId, actorUserId: big.user.id, drafts, mode: 'all_or_nothing' });
    expect(placed.written).toBe(2500);
    const res = await get('/v1/orders/export', big.token);
    const numbers = res.body.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
    expect(numbers).toHaveLength(2500);
    expect(new Set(numbers).size).toBe(2500);
  });
});
