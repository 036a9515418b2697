import { sql } from 'drizzle-orm';
import { ORDER_EVENTS, ORDERS_FACADE, OrderDraft, OrdersFacade } from '@shipcrowd/orders/contracts';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { draft, ordersTestApp, seedSeller, Seller } from './support';

const PINCODES = ['560038', '110001', '400001', '600001', '700001', '302001', '781001', '411001'];

/** n distinct, valid drafts (distinct buyers, so none is a duplicate of another). */
let batchNo = 0;
function manyDrafts(n: number, tag: string): OrderDraft[] {
  batchNo += 1;
  const base = batchNo * 100_000;
  return Array.from({ length: n }, (_, i) =>
    draft({
      channel: 'csv_import',
      channelOrderId: `${tag}-${i}`,
      paymentMode: i % 3 === 0 ? 'cod' : 'prepaid',
      buyer: { name: `Buyer ${i}`, phone: `7${String(base + i).padStart(9, '0')}`, email: `buyer${i}@example.in` },
      shippingAddress: { line1: `House ${i}, Street ${i % 50}`, landmark: 'Near the temple', city: 'City', state: 'State', pincode: PINCODES[i % PINCODES.length] },
      items: [{ sku: `SKU-${i % 40}`, name: `Item ${i % 40}`, quantity: 1 + (i % 3), unitPricePaise: 10000 + i }],
      packages: [{ weightGrams: 300 + (i % 2000), lengthCm: 20, breadthCm: 15, heightCm: 10 }],
      tags: [tag],
    }),
  );
}

describe('orders: OrdersFacade.placeOrders (bulk) and rollbackImport', () => {
  let t: TestApp;
  let seller: Seller;
  let facade: OrdersFacade;
  const count = (query: ReturnType<typeof sql>) => t.get(UnitOfWork).run({ system: true }, async (tx) => (await queryRows<{ n: number }>(tx, query))[0].n);

  beforeAll(async () => {
    t = await ordersTestApp();
    seller = await seedSeller(t, 'Bulk Traders');
    facade = t.get<OrdersFacade>(ORDERS_FACADE);
  });
  afterAll(() => t.close());

  it('writes 10,000 drafts in one transaction with multi-row inserts and one outbox event each (time printed)', async () => {
    const drafts = manyDrafts(10_000, 'big');
    const importId = '018f0000-0000-7000-8000-00000000b160';
    const started = process.hrtime.bigint();
    const result = await facade.placeOrders({ companyId: seller.companyId, actorUserId: seller.user.id, drafts, importId, mode: 'all_or_nothing' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // eslint-disable-next-line no-console
    console.log(`placeOrders: 10,000 drafts written in ${ms.toFixed(0)} ms (${(10_000 / (ms / 1000)).toFixed(0)} orders/s) on ${t.database.kind}`);
    expect(result.written).toBe(10_000);
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(await count(sql`select count(*)::int as n from orders.orders where import_id = ${importId}`)).toBe(10_000);
    expect(await count(sql`select count(*)::int as n from orders.order_status_history h join orders.orders o on o.id = h.order_id where o.import_id = ${importId}`)).toBe(10_000);
    expect(await count(sql`select count(*)::int as n from platform.outbox where type = ${ORDER_EVENTS.orderPlaced} and payload->>'importId' = ${importId}`)).toBe(10_000);
    const numbers = new Set(result.outcomes.map((o) => (o.ok ? o.orderNumber : '')));
    expect(numbers.size).toBe(10_000);

    // the same file again: every row is a duplicate (same channel order ids)
    const again = await facade.placeOrders({ companyId: seller.companyId, actorUserId: seller.user.id, drafts: drafts.slice(0, 50), mode: 'valid_only' });
    expect(again.written).toBe(0);
    expect(again.outcomes[0]).toMatchObject({ ok: false, errors: [{ field: 'channelOrderId', code: 'duplicate' }], duplicateOf: result.outcomes[0].ok ? result.outcomes[0].orderId : null });

    // rollback cancels every unshipped order of the import (one event each) and reports shipped ones
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update orders.orders set status = 'shipped' where import_id = ${importId} and channel_order_id in ('big-0', 'big-1')`));
    const rb = await facade.rollbackImport({ companyId: seller.companyId, actorUserId: seller.user.id, importId });
    expect(rb.cancelled).toBe(9_998);
    expect(rb.notCancellable.map((n) => n.status)).toEqual(['shipped', 'shipped']);
    expect(await count(sql`select count(*)::int as n from platform.outbox where type = ${ORDER_EVENTS.orderCancelled} and payload->>'importId' = ${importId}`)).toBe(9_998);
    expect(await count(sql`select count(*)::int as n from orders.orders where import_id = ${importId} and status = 'cancelled' and cancel_reason = 'import rolled back'`)).toBe(9_998);
    expect(await count(sql`select count(*)::int as n from audit.audit_log where action = 'orders.import_rolled_back' and target_id = ${importId}`)).toBe(1);
    // after the rollback the same rows can be imported again
    const reimport = await facade.placeOrders({ companyId: seller.companyId, actorUserId: seller.user.id, drafts: drafts.slice(2, 12), mode: 'all_or_nothing' });
    expect(reimport.written).toBe(10);
  }, 180_000);

  it('all_or_nothing writes nothing when one draft is invalid; valid_only writes the valid ones; errors carry field paths', async () => {
    const drafts: unknown[] = manyDrafts(4, 'mix');
    drafts[1] = { ...(drafts[1] as OrderDraft), items: [{ name: 'x', quantity: 0, unitPricePaise: 5 }] };
    drafts[3] = { ...(drafts[3] as OrderDraft), shippingAddress: { line1: 'a', city: 'b', state: 'c', pincode: 'abc' } };
    const none = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts: drafts as OrderDraft[], mode: 'all_or_nothing' });
    expect(none.written).toBe(0);
    expect(none.outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
    expect(none.outcomes[1]).toMatchObject({ ok: false, errors: [{ field: 'items[0].quantity', code: 'min' }] });
    expect(none.outcomes[3]).toMatchObject({ ok: false, errors: [{ field: 'shippingAddress.pincode', code: 'format' }] });
    expect(await count(sql`select count(*)::int as n from orders.orders where channel_order_id like 'mix-%'`)).toBe(0);

    const some = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts: drafts as OrderDraft[], mode: 'valid_only' });
    expect(some.written).toBe(2);
    expect(await count(sql`select count(*)::int as n from orders.orders where channel_order_id like 'mix-%'`)).toBe(2);
  });

  it('writes the batches of one import in the order they were sent, even when they are sent at once', async () => {
    const importId = '018f0000-0000-7000-8000-0000000b0a7c';
    // Small batches finish their checks before big ones; each must still write after the ones sent before it.
    const batches = [300, 2, 150, 1, 80, 3].map((n, i) => manyDrafts(n, `seq${i}`));
    const twin = { ...batches[0][299], channelOrderId: null };
    batches[1][0] = twin;
    const results = await Promise.all(batches.map((drafts) => facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts, importId, mode: 'valid_only' })));
    const firstOfBatch0 = results[0].outcomes[299];
    // the twin in batch 1 is checked against batch 0, already written
    expect(results[1].outcomes[0]).toMatchObject({ ok: false, errors: [{ field: 'buyer.phone', code: 'duplicate' }], duplicateOf: firstOfBatch0.ok ? firstOfBatch0.orderId : 'x' });
    const numbers = results.map((r) => r.outcomes.flatMap((o) => (o.ok ? [o.orderNumber] : [])));
    expect(numbers.map((n) => n.length)).toEqual([300, 1, 150, 1, 80, 3]);
    const sent = numbers.flat();
    expect(sent).toEqual([...sent].sort());
  });

  it('dryRun validates (duplicates included) and writes nothing', async () => {
    const drafts = manyDrafts(3, 'dry');
    const dry = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts, mode: 'valid_only', dryRun: true });
    expect(dry.written).toBe(0);
    expect(dry.outcomes.every((o) => o.ok)).toBe(true);
    expect(await count(sql`select count(*)::int as n from orders.orders where channel_order_id like 'dry-%'`)).toBe(0);
  });

  it('finds duplicates inside one batch: two identical rows (reject keeps the first; flag links the second to it)', async () => {
    const [one] = manyDrafts(1, 'twin');
    const twin = { ...one, channelOrderId: null };
    const rejected = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts: [twin, twin], mode: 'valid_only' });
    expect(rejected.written).toBe(1);
    expect(rejected.outcomes[1]).toMatchObject({ ok: false, errors: [{ field: 'buyer.phone', code: 'duplicate' }], duplicateOf: rejected.outcomes[0].ok ? rejected.outcomes[0].orderId : 'x' });

    const flagCo = await seedSeller(t, 'Flag Co');
    await t.http({ method: 'PUT', url: '/v1/orders/settings', token: flagCo.token, payload: { modificationWindowMinutes: 30, duplicateMode: 'flag', duplicateWindowMinutes: 60 } });
    const flagged = await facade.placeOrders({ companyId: flagCo.companyId, actorUserId: null, drafts: [one, one], mode: 'all_or_nothing' });
    expect(flagged.written).toBe(2);
    const [first, second] = flagged.outcomes;
    expect(first).toMatchObject({ ok: true, flaggedDuplicateOf: null });
    expect(second).toMatchObject({ ok: true, flaggedDuplicateOf: first.ok ? first.orderId : 'x' });
  });

  it('refuses an order number used twice in a batch or already taken', async () => {
    const [a, b] = manyDrafts(2, 'num');
    const res = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts: [{ ...a, orderNumber: 'N-1' }, { ...b, orderNumber: 'N-1' }], mode: 'valid_only' });
    expect(res.outcomes[1]).toMatchObject({ ok: false, errors: [{ field: 'orderNumber', code: 'taken' }] });
    const again = await facade.placeOrders({ companyId: seller.companyId, actorUserId: null, drafts: [{ ...b, orderNumber: 'N-1' }], mode: 'valid_only' });
    expect(again.outcomes[0]).toMatchObject({ ok: false, errors: [{ field: 'orderNumber', code: 'taken' }] });
  });
});
