import { sql } from 'drizzle-orm';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { addMember } from '../companies/support';
import { draft, ordersTestApp, seedSeller, Seller } from './support';

describe('routing rules: CRUD, order, test endpoint, applied on order creation', () => {
  let t: TestApp;
  let seller: Seller;

  beforeAll(async () => {
    t = await ordersTestApp();
    seller = await seedSeller(t, 'Routing Traders', [
      { code: 'BLR-1', pincode: '560001' },
      { code: 'DEL-1', pincode: '110001' },
      { code: 'MUM-1', pincode: '400001' },
    ]);
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, token = seller.token) => t.http({ method, url, token, payload });
  const createRule = async (body: object) => {
    const res = await call('POST', '/v1/routing-rules', body);
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('creates, lists in order, updates with versions, reorders and deletes rules (audited)', async () => {
    const north = await createRule({ name: 'North to Delhi', conditions: { pincodePrefixes: ['11', '12'] }, actions: { warehouseId: seller.warehouses['DEL-1'], courierPreference: ['delhivery', 'dtdc'] } });
    const west = await createRule({ name: 'West COD to Mumbai', conditions: { states: ['Maharashtra', '24'], paymentMode: 'cod', codMaxPaise: 500000 }, actions: { warehouseId: seller.warehouses['MUM-1'], courierPreference: ['xpressbees'] } });
    expect(north).toMatchObject({ position: 1, enabled: true, version: 1, actions: { courierPreference: ['delhivery', 'dtdc'] } });
    expect(west.position).toBe(2);
    const first = await createRule({ name: 'VIP express', position: 1, conditions: { tagsAny: ['VIP'] }, actions: { courierPreference: ['delhivery'] } });
    let list = (await call('GET', '/v1/routing-rules')).json();
    expect(list.map((r: { name: string; position: number }) => [r.position, r.name])).toEqual([[1, 'VIP express'], [2, 'North to Delhi'], [3, 'West COD to Mumbai']]);

    const updated = await call('PUT', `/v1/routing-rules/${first.id}`, { name: 'VIP express', enabled: false, version: 1, conditions: { tagsAny: ['vip'] }, actions: { courierPreference: ['delhivery'] } });
    expect(updated.statusCode).toBe(200);
    const stale = await call('PUT', `/v1/routing-rules/${first.id}`, { name: 'x', version: 1, conditions: {}, actions: { courierPreference: ['dtdc'] } });
    expect(stale.statusCode).toBe(409);

    const reordered = await call('POST', '/v1/routing-rules/reorder', { ruleIds: [west.id, north.id, list[0].id] });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().map((r: { id: string }) => r.id)).toEqual([west.id, north.id, first.id]);
    expect((await call('POST', '/v1/routing-rules/reorder', { ruleIds: [west.id] })).json().code).toBe('routing_rule.reorder_mismatch');

    expect((await call('DELETE', `/v1/routing-rules/${first.id}`)).statusCode).toBe(204);
    list = (await call('GET', '/v1/routing-rules')).json();
    expect(list.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([[west.id, 1], [north.id, 2]]);
    expect((await call('DELETE', `/v1/routing-rules/${first.id}`)).statusCode).toBe(404);

    const audited = await t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ action: string }>(tx, sql`select action from audit.audit_log where company_id = ${seller.companyId} and action like 'orders.routing_rule%' order by seq`),
    );
    expect(audited.map((a) => a.action)).toEqual([
      'orders.routing_rule_created',
      'orders.routing_rule_created',
      'orders.routing_rule_created',
      'orders.routing_rule_updated',
      'orders.routing_rules_reordered',
      'orders.routing_rule_deleted',
    ]);
  });

  it('rejects invalid rules with field paths: unknown courier, bad pincode, foreign warehouse, inverted range', async () => {
    const rival = await seedSeller(t, 'Rival Routing');
    const res = await call('POST', '/v1/routing-rules', {
      name: 'bad',
      conditions: { pincodes: ['1100'], weightMinGrams: 500, weightMaxGrams: 100 },
      actions: { courierPreference: ['fedex'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['conditions.pincodes[0]', 'conditions.weightMaxGrams', 'actions.courierPreference[0]']);
    const foreign = await call('POST', '/v1/routing-rules', { name: 'x', conditions: {}, actions: { warehouseId: rival.warehouses['BLR-1'] } });
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'actions.warehouseId', code: 'warehouse_not_found' })]);
    expect((await call('POST', '/v1/routing-rules', { name: 'x', conditions: { nope: 1 }, actions: {} })).statusCode).toBe(422);
  });

  it('routes new orders by the first matching rule, stores rule id and courier preference, falls back to the default', async () => {
    const toDelhi = await call('POST', '/v1/orders', draft({ shippingAddress: { line1: 'House 4, Sector 12', city: 'New Delhi', state: 'Delhi', pincode: '110001' } }));
    expect(toDelhi.statusCode).toBe(201);
    const rules = (await call('GET', '/v1/routing-rules')).json();
    const north = rules.find((r: { name: string }) => r.name === 'North to Delhi');
    expect(toDelhi.json()).toMatchObject({ warehouse: { code: 'DEL-1' }, routing: { source: 'rule', ruleId: north.id, ruleName: 'North to Delhi', courierPreference: ['delhivery', 'dtdc'] } });
    const [row] = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ routing_rule_id: string; courier_preference: string[] }>(tx, sql`select routing_rule_id, courier_preference from orders.orders where id = ${toDelhi.json().id}`));
    expect(row).toEqual({ routing_rule_id: north.id, courier_preference: ['delhivery', 'dtdc'] });

    // state from the pincode directory (the draft's own state text is not trusted), COD under the cap
    const mumbaiCod = await call('POST', '/v1/orders', draft({ paymentMode: 'cod', shippingAddress: { line1: '12 Marine Drive', city: 'Mumbai', state: 'MH', pincode: '400001' } }));
    expect(mumbaiCod.json()).toMatchObject({ warehouse: { code: 'MUM-1' }, routing: { source: 'rule', ruleName: 'West COD to Mumbai' } });
    const mumbaiPrepaid = await call('POST', '/v1/orders', draft({ shippingAddress: { line1: '12 Marine Drive', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' } }));
    expect(mumbaiPrepaid.json()).toMatchObject({ warehouse: { code: 'BLR-1' }, routing: { source: 'default', ruleId: null } });
    // a named warehouse wins over rules
    const named = await call('POST', '/v1/orders', draft({ warehouseCode: 'BLR-1', shippingAddress: { line1: 'House 4, Sector 12', city: 'New Delhi', state: 'Delhi', pincode: '110001' } }));
    expect(named.json().routing.source).toBe('draft');
  });

  it('explains routing for a draft or an existing order: which rule matched and why each earlier rule did not', async () => {
    const explain = await call('POST', '/v1/routing-rules/test', { draft: draft({ shippingAddress: { line1: 'House 4, Sector 12', city: 'Delhi', state: 'Delhi', pincode: '110001' } }) });
    expect(explain.statusCode).toBe(200);
    const body = explain.json();
    expect(body).toMatchObject({ facts: { pincode: '110001', state: 'Delhi', paymentMode: 'prepaid' }, decision: { source: 'rule', ruleName: 'North to Delhi' }, warehouse: { code: 'DEL-1' }, problem: null });
    expect(body.rules).toEqual([
      { ruleId: expect.any(String), name: 'West COD to Mumbai', position: 1, matched: false, reasons: ['destination state Delhi is not in [Maharashtra, 24]'] },
      { ruleId: body.matchedRuleId, name: 'North to Delhi', position: 2, matched: true, reasons: ['destination 110001 is in the rule\'s pincodes/prefixes'] },
    ]);
    const placed = (await call('POST', '/v1/orders', draft({ warehouseCode: 'BLR-1', paymentMode: 'cod', shippingAddress: { line1: '12 Marine Drive', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' } }))).json();
    const forOrder = (await call('POST', '/v1/routing-rules/test', { orderId: placed.id })).json();
    expect(forOrder.decision).toMatchObject({ source: 'rule', ruleName: 'West COD to Mumbai' });
    const bad = await call('POST', '/v1/routing-rules/test', { draft: { paymentMode: 'cod' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('draft.buyer');
    expect((await call('POST', '/v1/routing-rules/test', {})).statusCode).toBe(422);
  });

  it('needs orders.routing.manage to change rules; orders.read to read and test', async () => {
    const member = await addMember(t, seller, 'member', 'Mona Member');
    expect((await call('GET', '/v1/routing-rules', undefined, member.token)).statusCode).toBe(200);
    expect((await call('POST', '/v1/routing-rules/test', { draft: draft() }, member.token)).statusCode).toBe(200);
    expect((await call('POST', '/v1/routing-rules', { name: 'x', conditions: {}, actions: { courierPreference: ['dtdc'] } }, member.token)).statusCode).toBe(403);
    const other = await seedSeller(t, 'Other Routing');
    expect((await call('GET', '/v1/routing-rules', undefined, other.token)).json()).toEqual([]);
  });
});
