import { ORDER_EVENTS } from '../../contracts';
import { Order, OrderState } from './order';
import { validateOrderDraft } from './order-spec';
import { b2cDraft } from './__tests__/drafts';

const created = new Date('2026-11-22T06:00:00Z');
const minutes = (n: number) => new Date(created.getTime() + n * 60_000);
const spec = () => {
  const r = validateOrderDraft(b2cDraft(), created);
  if (!r.ok) throw new Error('bad draft');
  return r.spec;
};
const placed = () =>
  Order.place({
    id: 'o-1',
    companyId: 'c-1',
    orderNumber: 'SC-261122-00001',
    spec: spec(),
    warehouseId: 'w-1',
    routing: { source: 'default', ruleId: null, ruleName: null, courierPreference: [], reason: 'default' },
    addressQuality: { score: 100, grade: 'good', issues: [] },
    duplicateOf: null,
    importId: null,
    createdBy: 'u-1',
    createdAt: created,
  });

describe('Order', () => {
  it('is placed as new with a status row and an OrderPlaced event', () => {
    const o = placed();
    expect(o.state.status).toBe('new');
    expect(o.pullHistory()).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'new', reason: 'placed' })]);
    const [event] = o.pullEvents();
    expect(event).toMatchObject({ type: ORDER_EVENTS.orderPlaced, aggregateId: 'o-1', companyId: 'c-1', payload: { orderId: 'o-1', orderNumber: 'SC-261122-00001', status: 'new' } });
  });

  it('can be revised only within the window and before shipping', () => {
    const o = placed();
    o.pullEvents();
    const next = { ...spec(), notes: 'ring the bell' };
    expect(o.revise({ spec: next, warehouseId: 'w-1', routing: o.state.routing, addressQuality: null }, minutes(29), 30, 'u-1')).toEqual(['notes']);
    expect(o.pullEvents()[0]).toMatchObject({ type: ORDER_EVENTS.orderUpdated, payload: { changed: ['notes'] } });
    expect(() => o.assertModifiable(minutes(31), 30)).toThrow(expect.objectContaining({ code: 'order.modification_window_closed', kind: 'conflict' }));
    const shipped = Order.restore({ ...(o.state as OrderState), status: 'shipped' }, 2);
    expect(() => shipped.assertModifiable(minutes(1), 30)).toThrow(expect.objectContaining({ code: 'order.already_shipped' }));
  });

  it('cancels softly with a reason, once, and never after shipping', () => {
    const o = placed();
    o.pullEvents();
    o.pullHistory();
    expect(() => o.cancel('  ', minutes(1), 'u-1')).toThrow(expect.objectContaining({ code: 'order.cancel_reason_required' }));
    o.cancel('buyer changed mind', minutes(1), 'u-1');
    expect(o.state).toMatchObject({ status: 'cancelled', cancelReason: 'buyer changed mind' });
    expect(o.pullHistory()).toEqual([expect.objectContaining({ fromStatus: 'new', toStatus: 'cancelled', reason: 'buyer changed mind' })]);
    expect(o.pullEvents()[0]).toMatchObject({ type: ORDER_EVENTS.orderCancelled, payload: { status: 'cancelled', reason: 'buyer changed mind' } });
    expect(() => o.cancel('again', minutes(2), 'u-1')).toThrow(expect.objectContaining({ code: 'order.already_cancelled' }));
    const shipped = Order.restore({ ...(placed().state as OrderState), status: 'in_transit' }, 3);
    expect(() => shipped.cancel('late', minutes(2), null)).toThrow(expect.objectContaining({ code: 'order.already_shipped' }));
  });
});
