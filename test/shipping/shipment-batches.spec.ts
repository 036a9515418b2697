import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { sql } from 'drizzle-orm';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { RunShipmentBatch } from '../../libs/shipping/src/application/commands/run-shipment-batch/run-shipment-batch.command';
import type { Seller } from '../orders/support';
import { placeOrder, seedShipper, shippingTestApp } from './support';

const COURIER = 'delhivery';

interface Item {
  position: number;
  orderId: string;
  status: string;
  shipmentId: string | null;
  awb: string | null;
  courier: string | null;
  service: string | null;
  error: { code: string; message: string } | null;
}

describe('Shipment batches: bulk booking as a background job', () => {
  let t: TestApp;
  let seller: Seller;
  let other: Seller;

  beforeAll(async () => {
    t = await shippingTestApp();
    seller = await seedShipper(t, 'Batch Traders');
    other = await seedShipper(t, 'Other Shipper');
  }, 180_000);
  afterAll(() => t.close());

  const start = (payload: Record<string, unknown>, headers: Record<string, string> = {}) => t.http({ method: 'POST', url: '/v1/shipment-batches', token: seller.token, payload, headers });
  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });
  const system = <T>(query: ReturnType<typeof sql>) => t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<T>(tx, query));

  /** Follows the batch's event stream to its end (the response completes when the batch is done). */
  const follow = async (eventsUrl: string) => {
    const res = await get(eventsUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    return res.body
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => ({ type: /event: (\w+)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)![1]) }));
  };
  const itemsOf = async (batchId: string, query = '') => {
    const res = await get(`/v1/shipment-batches/${batchId}/items${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null };
  };

  it('books each order, records per-order results and counts, and streams progress until done', async () => {
    const first = await placeOrder(t, seller);
    const alreadyBooked = await placeOrder(t, seller);
    const second = await placeOrder(t, seller);
    const oversized = await placeOrder(t, seller, { packages: [{ weightGrams: 500, lengthCm: 400, breadthCm: 20, heightCm: 5 }] });
    const foreign = await placeOrder(t, other);
    const single = await t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload: { orderId: alreadyBooked.id, courier: COURIER } });
    expect(single.statusCode).toBe(201);

    const orderIds = [first.id, alreadyBooked.id, second.id, oversized.id, foreign.id];
    const res = await start({ orderIds, courier: COURIER });
    expect(res.statusCode).toBe(202);
    const accepted = res.json();
    expect(accepted).toEqual({ id: expect.any(String), status: 'queued', total: 5, statusUrl: `/v1/shipment-batches/${accepted.id}`, eventsUrl: `/v1/shipment-batches/${accepted.id}/events` });

    const events = await follow(accepted.eventsUrl);
    const progress = events.filter((e) => e.type === 'progress').map((e) => e.data.processed as number);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { id: accepted.id, status: 'completed_with_errors', total: 5, processed: 5, succeeded: 2, failed: 3 } });

    const batch = (await get(accepted.statusUrl)).json();
    expect(batch).toMatchObject({ status: 'completed_with_errors', courier: COURIER, service: null, total: 5, processed: 5, succeeded: 2, failed: 3, error: null });
    expect(Date.parse(batch.finishedAt)).toBeGreaterThanOrEqual(Date.parse(batch.startedAt));

    const { items, nextCursor } = await itemsOf(accepted.id);
    expect(nextCursor).toBeNull();
    expect(items.map((i) => [i.position, i.orderId, i.status, i.error?.code ?? null])).toEqual([
      [1, first.id, 'booked', null],
      [2, alreadyBooked.id, 'failed', 'shipment.already_booked'],
      [3, second.id, 'booked', null],
      [4, oversized.id, 'failed', expect.stringMatching(/^(courier\.(limit_exceeded|capability_unsupported)|shipment\.not_serviceable)$/)],
      [5, foreign.id, 'failed', 'order.not_found'],
    ]);
    expect(items[1].error!.message).toContain(single.json().awb);
    for (const item of [items[0], items[2]]) {
      expect(item).toMatchObject({ courier: COURIER, awb: expect.any(String), service: expect.any(String), error: null });
      const shipment = (await get(`/v1/shipments/${item.shipmentId}`)).json();
      expect(shipment).toMatchObject({ orderId: item.orderId, awb: item.awb, status: 'booked' });
      expect((await get(`/v1/orders/${item.orderId}`)).json().status).toBe('ready_to_ship');
    }
    // The other company's order was not touched.
    expect((await get(`/v1/orders/${foreign.id}`, other.token)).json().status).toBe('new');

    expect((await itemsOf(accepted.id, '?result=ok')).items.map((i) => i.position)).toEqual([1, 3]);
    expect((await itemsOf(accepted.id, '?result=failed')).items.map((i) => i.position)).toEqual([2, 4, 5]);
    const page1 = await itemsOf(accepted.id, '?result=failed&limit=2');
    const page2 = await itemsOf(accepted.id, `?result=failed&limit=2&cursor=${page1.nextCursor}`);
    expect([...page1.items, ...page2.items].map((i) => i.position)).toEqual([2, 4, 5]);
    expect(page2.nextCursor).toBeNull();

    const list = (await get('/v1/shipment-batches')).json();
    expect(list.items[0]).toMatchObject({ id: accepted.id, status: 'completed_with_errors' });
    expect((await get(accepted.statusUrl, other.token)).statusCode).toBe(404);
    expect((await get(`${accepted.statusUrl}/items`, other.token)).statusCode).toBe(404);
    expect((await get(accepted.eventsUrl, other.token)).statusCode).toBe(404);
    expect((await get('/v1/shipment-batches', other.token)).json().items.map((b: { id: string }) => b.id)).not.toContain(accepted.id);
  });

  it('lists batches newest first, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await start({ orderIds: [(await placeOrder(t, seller)).id], courier: COURIER });
      ids.unshift(res.json().id);
      await follow(res.json().eventsUrl);
    }
    const first = (await get('/v1/shipment-batches?limit=1')).json();
    const second = (await get(`/v1/shipment-batches?limit=1&cursor=${first.nextCursor}`)).json();
    expect([first.items[0].id, second.items[0].id]).toEqual(ids);
    expect(second.items[0]).toMatchObject({ status: 'completed', total: 1, processed: 1, succeeded: 1, failed: 0 });
    expect((await get('/v1/shipment-batches?cursor=not-a-cursor')).statusCode).toBe(422);
  });

  it('validates the request: 1 to 500 unique order ids, a known courier; nothing is stored when refused', async () => {
    const before = (await system<{ n: number }>(sql`select count(*)::int as n from shipping.shipment_batches`))[0].n;
    const refused = async (payload: Record<string, unknown>, field: string) => {
      const res = await start(payload);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await refused({ orderIds: Array.from({ length: 501 }, () => randomUUID()) }, 'orderIds');
    const id = randomUUID();
    await refused({ orderIds: [id, randomUUID(), id] }, 'orderIds');
    await refused({ orderIds: [] }, 'orderIds');
    await refused({ orderIds: ['nope'] }, 'orderIds');
    await refused({ orderIds: [randomUUID()], courier: 'fedex' }, 'courier');
    expect((await system<{ n: number }>(sql`select count(*)::int as n from shipping.shipment_batches`))[0].n).toBe(before);

    const max = await start({ orderIds: Array.from({ length: 500 }, () => randomUUID()), courier: COURIER });
    expect(max.statusCode).toBe(202);
    expect(max.json().total).toBe(500);
    const done = (await follow(max.json().eventsUrl)).at(-1);
    expect(done).toMatchObject({ type: 'done', data: { status: 'completed_with_errors', processed: 500, succeeded: 0, failed: 500 } });
    expect((await itemsOf(max.json().id, '?limit=1')).items[0].error!.code).toBe('order.not_found');
  });

  it('honours Idempotency-Key: a repeat answers the first batch and books nothing again', async () => {
    const order = await placeOrder(t, seller);
    const key = `batch-${order.id}`;
    const first = await start({ orderIds: [order.id], courier: COURIER }, { 'idempotency-key': key });
    const again = await start({ orderIds: [order.id], courier: COURIER }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    await follow(first.json().eventsUrl);
    const batches = await system<{ n: number }>(sql`select count(*)::int as n from shipping.shipment_batch_items where order_id = ${order.id}`);
    expect(batches[0].n).toBe(1);
    expect((await get(`/v1/shipments?orderId=${order.id}`)).json().items).toHaveLength(1);
    const reused = await start({ orderIds: [order.id, (await placeOrder(t, seller)).id] }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency.key_reused');
  });

  it('resumes a job that stopped part-way without booking any order twice', async () => {
    const [a, b] = [await placeOrder(t, seller), await placeOrder(t, seller)];
    const res = await start({ orderIds: [a.id, b.id], courier: COURIER });
    await follow(res.json().eventsUrl);
    const batchId = res.json().id;
    const [bookedA] = (await itemsOf(batchId)).items;
    // As if the worker died after the courier booked order a but before its result was recorded.
    await t.get(UnitOfWork).run({ system: true }, async (tx) => {
      await tx.execute(sql`update shipping.shipment_batch_items set status = 'pending', shipment_id = null, awb = null, courier = null, service = null, finished_at = null where batch_id = ${batchId} and position = 1`);
      await tx.execute(sql`update shipping.shipment_batches set status = 'running', processed = 1, succeeded = 1, finished_at = null where id = ${batchId}`);
    });
    expect((await get(`/v1/shipment-batches/${batchId}`)).json()).toMatchObject({ status: 'running', processed: 1 });

    await t.get(CommandBus).execute(new RunShipmentBatch(seller.companyId, batchId, false));

    expect((await get(`/v1/shipment-batches/${batchId}`)).json()).toMatchObject({ status: 'completed', processed: 2, succeeded: 2, failed: 0 });
    expect((await itemsOf(batchId)).items[0]).toMatchObject({ status: 'booked', shipmentId: bookedA.shipmentId, awb: bookedA.awb });
    expect((await get(`/v1/shipments?orderId=${a.id}`)).json().items).toHaveLength(1);

    // A finished batch's job delivered again does nothing.
    await t.get(CommandBus).execute(new RunShipmentBatch(seller.companyId, batchId, false));
    expect((await get(`/v1/shipment-batches/${batchId}`)).json()).toMatchObject({ status: 'completed', processed: 2, succeeded: 2 });
    expect((await get(`/v1/shipments?orderId=${b.id}`)).json().items).toHaveLength(1);
  });
});
